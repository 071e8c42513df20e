import { z } from 'zod';

/**
 * The engine settings a window edits (settings.get / settings.update): the gateway's options, the call
 * policy, hooks, telemetry export and the per-server call limits. The same field limits as the settings file's
 * schema (electron/settings/settings-schema.ts), which the engine checks again on every write, so a form can
 * mark a bad field before sending and the engine's answer marks the ones only it can judge (a hook URL, say).
 * Secret-bearing values never appear here: the gateway token has its own method, telemetry headers only by name.
 */

export const GatewayOptionsSchema = z.object({
  port: z.number({ error: 'the port is a number' }).int('the port is a whole number').min(1, 'the port is 1 to 65535').max(65535, 'the port is 1 to 65535'),
  idleTimeoutSeconds: z.number({ error: 'give a number of seconds' }).int('a whole number of seconds').min(0, '0 (never) or more seconds'),
  callTimeoutSeconds: z.number({ error: 'give a number of seconds' }).int('a whole number of seconds').min(0, '0 (no limit) or more seconds'),
  maxMessageMb: z.number({ error: 'give a size in MB' }).int('a whole number of MB').min(1, '1 to 4096 MB').max(4096, '1 to 4096 MB'),
  alwaysPrefix: z.boolean(),
  npmBaseImage: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/, 'a Docker image reference such as node:22-alpine'),
  /** When server images are pulled: only when missing on the engine, at every start, or never (only local images). */
  imagePullPolicy: z.enum(['missing', 'always', 'never'], { error: 'one of missing, always or never' }),
});
export type GatewayOptions = z.infer<typeof GatewayOptionsSchema>;

export const DenyRuleSchema = z.object({
  server: z.string().trim().min(1, 'name the server'),
  /** A tool, prompt or resource of that server; absent: the whole server. */
  tool: z.string().trim().min(1).optional(),
});
export type DenyRule = z.infer<typeof DenyRuleSchema>;

export const PolicyOptionsSchema = z.object({
  deny: z.array(DenyRuleSchema),
  /** block: refuse calls whose arguments carry another server's secret and withhold results that carry any. */
  leakGuard: z.enum(['block', 'off']),
});
export type PolicyOptions = z.infer<typeof PolicyOptionsSchema>;

export const HookOptionsSchema = z
  .object({
    name: z.string().trim().min(1, 'give the hook a name'),
    when: z.enum(['before', 'after']),
    match: z.object({ server: z.string().min(1).optional(), tool: z.string().min(1).optional() }).optional(),
    /** argv of a program, run without a shell. */
    command: z.array(z.string().min(1)).min(1).optional(),
    url: z.string().min(1).optional(),
    timeoutMs: z.number({ error: 'give a number of milliseconds' }).int().min(1, '1 to 600000 ms').max(600_000, '1 to 600000 ms'),
    onError: z.enum(['allow', 'block']).optional(),
  })
  .refine((hook) => (hook.command === undefined) !== (hook.url === undefined), {
    message: 'give exactly one of a command or a URL',
    path: ['command'],
  });
export type HookOptions = z.infer<typeof HookOptionsSchema>;

export const TelemetryOptionsSchema = z.object({
  /** OTLP/HTTP traces URL; absent: no export (unless OTEL_EXPORTER_OTLP_* is set for the engine). */
  otlpEndpoint: z.string().optional(),
  serviceName: z.string().trim().min(1, 'give a service name'),
});
export type TelemetryOptions = z.infer<typeof TelemetryOptionsSchema>;

/** The call history: recording on or off, and how much of it is kept (0: no bound). */
export const HistoryOptionsSchema = z.object({
  enabled: z.boolean(),
  retentionDays: z
    .number({ error: 'give a number of days' })
    .int('a whole number of days')
    .min(0, '0 (keep) to 36500 days')
    .max(36_500, '0 (keep) to 36500 days'),
  maxRecords: z
    .number({ error: 'give a number of calls' })
    .int('a whole number of calls')
    .min(0, '0 (no limit) to 100000000 calls')
    .max(100_000_000, '0 (no limit) to 100000000 calls'),
});
export type HistoryOptions = z.infer<typeof HistoryOptionsSchema>;

/** A tool's own call timeout: 0 (no limit) to 86400 seconds. */
export const ToolCallTimeoutSchema = z
  .number({ error: 'give a number of seconds' })
  .int('a whole number of seconds')
  .min(0, '0 (no limit) to 86400 seconds')
  .max(86_400, '0 (no limit) to 86400 seconds');

/** A server's own limits over the gateway's; absent: the gateway's value. */
export const ServerLimitsSchema = z.object({
  name: z.string(),
  callTimeoutSeconds: z.number().int().min(0, '0 (no limit) or more seconds').optional(),
  maxMessageMb: z.number().int().min(1, '1 to 4096 MB').max(4096, '1 to 4096 MB').optional(),
  /** Per tool: its own call timeout in seconds, over the server's and the gateway's. */
  toolCallTimeoutSeconds: z.record(z.string(), ToolCallTimeoutSchema).optional(),
});
export type ServerLimits = z.infer<typeof ServerLimitsSchema>;

/** Where Switchyard keeps things on this machine. */
export const SettingsPlacesSchema = z.object({
  home: z.string(),
  settingsFile: z.string(),
  historyFile: z.string(),
  /** Tool definitions approved so far (pinning). */
  pinsFile: z.string(),
});

export const EngineSettingsSchema = z.object({
  gateway: GatewayOptionsSchema,
  policy: PolicyOptionsSchema,
  hooks: z.array(HookOptionsSchema),
  telemetry: TelemetryOptionsSchema.extend({
    /** Names of the headers sent with every export (their values may be keys: never shown). */
    headerNames: z.array(z.string()),
  }),
  servers: z.array(ServerLimitsSchema),
  history: HistoryOptionsSchema,
  places: SettingsPlacesSchema,
  version: z.string(),
});
export type EngineSettings = z.infer<typeof EngineSettingsSchema>;

/**
 * A change to some sections; each given section replaces that section's fields given. `telemetry.otlpEndpoint`
 * null turns export off; a server's limit null goes back to the gateway's, a tool's null to the server's.
 */
export const SettingsUpdateSchema = z
  .object({
    gateway: GatewayOptionsSchema.partial().strict().optional(),
    policy: PolicyOptionsSchema.partial().strict().optional(),
    hooks: z.array(HookOptionsSchema).optional(),
    telemetry: z
      .object({ otlpEndpoint: z.string().trim().min(1).nullable().optional(), serviceName: TelemetryOptionsSchema.shape.serviceName.optional() })
      .strict()
      .optional(),
    servers: z
      .record(
        z.string().min(1),
        z
          .object({
            callTimeoutSeconds: ServerLimitsSchema.shape.callTimeoutSeconds.unwrap().nullable().optional(),
            maxMessageMb: ServerLimitsSchema.shape.maxMessageMb.unwrap().nullable().optional(),
            toolCallTimeoutSeconds: z.record(z.string().trim().min(1, 'name the tool'), ToolCallTimeoutSchema.nullable()).optional(),
          })
          .strict(),
      )
      .optional(),
    history: HistoryOptionsSchema.partial().strict().optional(),
  })
  .strict();
export type SettingsUpdate = z.input<typeof SettingsUpdateSchema>;

/** The engine settings sections, as settings.changed names them. */
export const SettingsSectionSchema = z.enum(['gateway', 'policy', 'hooks', 'telemetry', 'servers', 'history', 'token']);
export type SettingsSection = z.infer<typeof SettingsSectionSchema>;
