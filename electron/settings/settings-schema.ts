import { z } from 'zod';
import { checkRemoteUrl } from '../runtime/server-definition.js';
import { imagePullPolicies } from '../runtime/image-pull-policy.js';
import { defaultNpmBaseImage } from '../runtime/npm-image-tag.js';
import { checkNpmSpec } from '../runtime/npm-package-spec.js';
import { hookUrlProblem, otlpEndpointProblem } from './endpoint-checks.js';

/**
 * The one settings document, shared by the desktop app and the CLI (same file, same schema). Secrets never
 * live here. `version` drives migrations (`migrate` in settings-store.ts).
 */
export const currentSettingsVersion = 1;

/** Default port of the Streamable HTTP endpoint: fixed so client configs stay valid across restarts. */
export const defaultGatewayPort = 8819;

export const LimitsSchema = z
  .object({
    memoryMb: z
      .number()
      .int()
      .min(16)
      .max(1024 * 1024),
    cpus: z.number().positive().max(1024),
    pids: z.number().int().min(8).max(1_000_000),
  })
  .partial();

/**
 * A remote MCP endpoint instead of a container. Header values may reference secrets as `${ENV_NAME}` (Docker
 * catalog style), where `secretEnv` maps ENV_NAME to the secret's key; the values are filled in at start time.
 * The URL must be https, or plain http to this machine (checked again when connecting).
 */
export const RemoteSettingsSchema = z.object({
  url: z.string().superRefine((url, ctx) => {
    const problem = checkRemoteUrl(url);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  transport: z.enum(['streamable-http', 'sse']).default('streamable-http'),
  headers: z.record(z.string(), z.string()).optional(),
});

export const ServerSettingsSchema = z
  .object({
    /** A Docker image (custom server), or taken from the catalog entry named by `catalog`. */
    image: z.string().min(1).optional(),
    /** An npm package spec `name[@version]`: Switchyard installs it and builds a local image on gateway.npmBaseImage. */
    npm: z.string().superRefine(npmSpecIssue).optional(),
    remote: RemoteSettingsSchema.optional(),
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
    /** Overrides gateway.callTimeoutSeconds for this server; 0 = no limit. */
    callTimeoutSeconds: z.number().int().min(0).optional(),
    /** Per tool of this server: its call timeout in seconds (0 = no limit), over callTimeoutSeconds and the gateway's. */
    toolCallTimeoutSeconds: z.record(z.string().min(1), z.number().int().min(0).max(86_400)).optional(),
    /** Overrides gateway.maxMessageMb for this server. */
    maxMessageMb: z.number().int().min(1).max(4096).optional(),
    /** The container's `<uid|name>[:<gid|group>]`; default: the image's USER, or nobody (65534) when it names none. */
    user: z
      .string()
      .regex(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/, 'a user such as 1000:1000 or node')
      .optional(),
    /** Run an image that names no USER as root (it needs root) instead of as nobody (65534). */
    runAsRoot: z.boolean().optional(),
    /** Tools switched off: hidden from every client and refused. */
    disabledTools: z.array(z.string().min(1)).optional(),
    enabled: z.boolean().default(true),
  })
  .refine((server) => server.image !== undefined || server.catalog !== undefined || server.npm !== undefined || server.remote !== undefined, {
    message: 'a server needs an image, a catalog entry, an npm package or a remote URL',
  })
  .refine((server) => server.npm === undefined || (server.image === undefined && server.catalog === undefined), {
    message: 'a server comes from an npm package or from an image/catalog entry, not both',
  });
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
  /** A call (tools/call, prompts/get, resources/read) with no answer after this long is cancelled; 0 = no limit. */
  callTimeoutSeconds: z.number().int().min(0).default(300),
  /** The largest message a server may send on stdio; a larger one is dropped and its call fails (per server: maxMessageMb). */
  maxMessageMb: z.number().int().min(1).max(4096).default(32),
  /** Bearer token for the HTTP endpoint; generated on first use. */
  token: z.string().min(16).optional(),
  /** Base of images built from npm packages (servers with `npm`); it must have `node` on PATH. */
  npmBaseImage: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@-]*$/, 'a Docker image reference such as node:22-alpine')
    .default(defaultNpmBaseImage),
  /** When server images are pulled (see runtime/image-pull.ts). */
  imagePullPolicy: z.enum(imagePullPolicies).default('missing'),
});
export type GatewaySettings = z.infer<typeof GatewaySettingsSchema>;

/** Rules on the call path (see gateway/policy-interceptor.ts). */
export const PolicySettingsSchema = z.object({
  deny: z.array(z.object({ server: z.string().min(1), tool: z.string().min(1).optional() })).default([]),
  leakGuard: z.enum(['block', 'off']).default('block'),
});

/** A program or HTTP endpoint that sees calls before or after they run (see hooks/hook-interceptor.ts). */
export const HookSettingsSchema = z
  .object({
    name: z.string().min(1),
    when: z.enum(['before', 'after']),
    /** Only calls of this server and/or tool (prompt name, resource URI); `*` matches any run of characters. */
    match: z.object({ server: z.string().min(1).optional(), tool: z.string().min(1).optional() }).optional(),
    /** argv of a program, run without a shell. */
    command: z.array(z.string().min(1)).min(1).optional(),
    /** https, or http to this machine only. */
    url: z.string().optional(),
    timeoutMs: z.number().int().min(1).max(600_000).default(5000),
    /** Default: "block" for before hooks, "allow" for after hooks. */
    onError: z.enum(['allow', 'block']).optional(),
  })
  .superRefine((hook, ctx) => {
    if ((hook.command === undefined) === (hook.url === undefined))
      ctx.addIssue({ code: 'custom', message: `hook "${hook.name}" needs exactly one of "command" (an argv array) or "url"` });
    const urlProblem = hook.url === undefined ? undefined : hookUrlProblem(hook.url);
    if (urlProblem) ctx.addIssue({ code: 'custom', path: ['url'], message: `hook "${hook.name}": ${urlProblem}` });
  });
export type HookSettings = z.infer<typeof HookSettingsSchema>;

/** OpenTelemetry export of call spans (see telemetry/); off without an endpoint here or in OTEL_EXPORTER_OTLP_*. */
export const TelemetrySettingsSchema = z.object({
  /** OTLP/HTTP traces URL, e.g. http://127.0.0.1:4318/v1/traces. */
  otlpEndpoint: z
    .string()
    .optional()
    .superRefine((url, ctx) => {
      const problem = url === undefined ? undefined : otlpEndpointProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** Sent with every export (say, a collector's API key; OTEL_EXPORTER_OTLP_HEADERS keeps it out of this file). */
  headers: z.record(z.string(), z.string()).optional(),
  serviceName: z.string().min(1).default('switchyard'),
});
export type TelemetrySettings = z.infer<typeof TelemetrySettingsSchema>;

/** The call history (<home>/history.db): whether calls are recorded, and how long they are kept. */
export const HistorySettingsSchema = z.object({
  /** Off: no new call is recorded (what is recorded stays, and can be cleared). */
  enabled: z.boolean().default(true),
  /** Calls older than this many days are deleted; 0 keeps them whatever their age. */
  retentionDays: z.number().int().min(0).max(36_500).default(30),
  /** The oldest calls beyond this many are deleted; 0 for no limit. */
  maxRecords: z.number().int().min(0).max(100_000_000).default(1_000_000),
});
export type HistorySettings = z.infer<typeof HistorySettingsSchema>;

/** A profile's name: also a URL path segment (`/mcp/profiles/<name>`) and a CLI argument. */
export const profileNamePattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** The profile every client gets unless it names another: every enabled server, as before profiles existed. */
export const defaultProfileName = 'default';

/**
 * A named set of servers a client attaches to (see gateway/profile-view.ts). Each member server may narrow its
 * tools to an allow-list; `deny` adds rules on top of the policy for this profile's calls; `dynamic` adds the
 * gateway's own on-demand tools (find_servers, describe_server, add_server, call_tool; see gateway/on-demand-tools.ts).
 */
export const ProfileSettingsSchema = z.object({
  description: z.string().optional(),
  /** `allow`: the only tools its clients see and may call; `listed: false` (dynamic profiles): reached through call_tool only. */
  servers: z.record(z.string(), z.object({ allow: z.array(z.string().min(1)).optional(), listed: z.boolean().optional() }).strict()).default({}),
  deny: z.array(z.object({ server: z.string().min(1), tool: z.string().min(1).optional() })).default([]),
  dynamic: z.boolean().default(false),
});
export type ProfileSettings = z.infer<typeof ProfileSettingsSchema>;

export const SettingsSchema = z.object({
  version: z.literal(currentSettingsVersion),
  servers: z.record(z.string(), ServerSettingsSchema).default({}),
  gateway: GatewaySettingsSchema.default(GatewaySettingsSchema.parse({})),
  catalogs: z.array(CatalogSourceSettingSchema).default([]),
  policy: PolicySettingsSchema.default(PolicySettingsSchema.parse({})),
  hooks: z
    .array(HookSettingsSchema)
    .default([])
    .refine((hooks) => new Set(hooks.map((hook) => hook.name)).size === hooks.length, { message: 'two hooks have the same name; give each hook its own name' }),
  /** The user's own catalog entries, in Docker's catalog format. */
  customEntries: z.record(z.string(), z.unknown()).default({}),
  telemetry: TelemetrySettingsSchema.default(TelemetrySettingsSchema.parse({})),
  history: HistorySettingsSchema.default(HistorySettingsSchema.parse({})),
  /** Named sets of servers; `default` is implicit (every enabled server) and cannot be configured. */
  profiles: z
    .record(z.string(), ProfileSettingsSchema)
    .default({})
    .superRefine((profiles, ctx) => {
      for (const name of Object.keys(profiles)) {
        if (!profileNamePattern.test(name))
          ctx.addIssue({ code: 'custom', path: [name], message: `profile name "${name}": use lower-case letters, digits, - and _ (at most 63)` });
        if (name === defaultProfileName)
          ctx.addIssue({ code: 'custom', path: [name], message: `"${defaultProfileName}" is every enabled server; give this profile another name` });
      }
    }),
});
export type Settings = z.infer<typeof SettingsSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({ version: currentSettingsVersion });
}

function npmSpecIssue(spec: string, ctx: z.RefinementCtx): void {
  const problem = checkNpmSpec(spec);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}
