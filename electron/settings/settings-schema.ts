import { z } from 'zod';

/**
 * The one settings document, shared by the desktop app and the CLI (same file, same schema). Secrets never
 * live here. `version` drives migrations (settings-migrations.ts).
 */
export const currentSettingsVersion = 1;

/** Default port of the Streamable HTTP endpoint: fixed so client configs stay valid across restarts. */
export const defaultGatewayPort = 8819;

export const LimitsSchema = z
  .object({
    memoryMb: z.number().int().min(16).max(1024 * 1024),
    cpus: z.number().positive().max(1024),
    pids: z.number().int().min(8).max(1_000_000),
  })
  .partial();

export const ServerSettingsSchema = z.object({
  image: z.string().min(1),
  command: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  network: z.boolean().optional(),
  limits: LimitsSchema.optional(),
  readOnlyRootfs: z.boolean().optional(),
  /** One container per client session, for servers that keep per-client state. */
  perSession: z.boolean().optional(),
  enabled: z.boolean().default(true),
});
export type ServerSettings = z.infer<typeof ServerSettingsSchema>;

export const GatewaySettingsSchema = z.object({
  port: z.number().int().min(1).max(65535).default(defaultGatewayPort),
  idleTimeoutSeconds: z.number().int().min(0).default(600),
  /** Always expose names as `<server>__<name>`, not only on a clash. */
  alwaysPrefix: z.boolean().default(false),
  /** Bearer token for the HTTP endpoint; generated on first use. */
  token: z.string().min(16).optional(),
});
export type GatewaySettings = z.infer<typeof GatewaySettingsSchema>;

export const SettingsSchema = z.object({
  version: z.literal(currentSettingsVersion),
  servers: z.record(z.string(), ServerSettingsSchema).default({}),
  gateway: GatewaySettingsSchema.default(GatewaySettingsSchema.parse({})),
});
export type Settings = z.infer<typeof SettingsSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({ version: currentSettingsVersion });
}
