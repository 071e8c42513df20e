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
  /** A Docker image (custom server), or taken from the catalog entry named by `catalog`. */
  image: z.string().min(1).optional(),
  /** The catalog entry this server comes from; its env, command, volumes and secrets are templated from `config`. */
  catalog: z.string().min(1).optional(),
  /** Configuration values, validated against the catalog entry's schema when the server starts. */
  config: z.record(z.string(), z.unknown()).optional(),
  /** Custom servers: environment variables filled from secrets, `{ENV_NAME: "<server>.<secret>"}`. */
  secretEnv: z.record(z.string(), z.string()).optional(),
  command: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  network: z.boolean().optional(),
  limits: LimitsSchema.optional(),
  readOnlyRootfs: z.boolean().optional(),
  /** One container per client session, for servers that keep per-client state. */
  perSession: z.boolean().optional(),
  /** Tools switched off: hidden from every client and refused. */
  disabledTools: z.array(z.string().min(1)).optional(),
  enabled: z.boolean().default(true),
}).refine((server) => server.image !== undefined || server.catalog !== undefined, { message: 'a server needs an image or a catalog entry' });
export type ServerSettings = z.infer<typeof ServerSettingsSchema>;

/** Extra catalogs beside the bundled one; later ones win on a name clash. */
export const CatalogSourceSettingSchema = z.union([
  z.object({ kind: z.literal('file'), path: z.string().min(1) }),
  z.object({ kind: z.literal('url'), url: z.url() }),
]);

export const GatewaySettingsSchema = z.object({
  port: z.number().int().min(1).max(65535).default(defaultGatewayPort),
  idleTimeoutSeconds: z.number().int().min(0).default(600),
  /** Always expose names as `<server>__<name>`, not only on a clash. */
  alwaysPrefix: z.boolean().default(false),
  /** Bearer token for the HTTP endpoint; generated on first use. */
  token: z.string().min(16).optional(),
});
export type GatewaySettings = z.infer<typeof GatewaySettingsSchema>;

/** Rules on the call path (see gateway/policy-interceptor.ts). */
export const PolicySettingsSchema = z.object({
  deny: z.array(z.object({ server: z.string().min(1), tool: z.string().min(1).optional() })).default([]),
  leakGuard: z.enum(['block', 'off']).default('block'),
});

export const SettingsSchema = z.object({
  version: z.literal(currentSettingsVersion),
  servers: z.record(z.string(), ServerSettingsSchema).default({}),
  gateway: GatewaySettingsSchema.default(GatewaySettingsSchema.parse({})),
  catalogs: z.array(CatalogSourceSettingSchema).default([]),
  policy: PolicySettingsSchema.default(PolicySettingsSchema.parse({})),
  /** The user's own catalog entries, in Docker's catalog format. */
  customEntries: z.record(z.string(), z.unknown()).default({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({ version: currentSettingsVersion });
}
