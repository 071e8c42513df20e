import { z } from 'zod';
import { StartFailureSchema } from './domain.js';
import { ContainerPermissionsSchema } from './container-permissions.js';

/** A catalog entry as lists and search show it. */
export const CatalogSummarySchema = z.object({
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  category: z.string().optional(),
  tags: z.array(z.string()),
  image: z.string().optional(),
  type: z.string(),
  toolCount: z.number(),
  secretCount: z.number(),
  hasConfig: z.boolean(),
  /** The entry signs in with OAuth (in the browser: `switchyard server auth NAME` or the server page's Sign in). */
  oauth: z.boolean().optional(),
  /** Search only: which field matched best. */
  matchedOn: z.string().optional(),
});
export type CatalogSummary = z.infer<typeof CatalogSummarySchema>;

export const CatalogDetailSchema = CatalogSummarySchema.extend({
  readme: z.string().optional(),
  source: z.string().optional(),
  tools: z.array(z.object({ name: z.string(), description: z.string().optional() })),
  secrets: z.array(z.object({ key: z.string(), env: z.string(), required: z.boolean(), description: z.string().optional() })),
  configSchema: z.unknown().optional(),
});
export type CatalogDetail = z.infer<typeof CatalogDetailSchema>;

/**
 * Why a configured server cannot start, as data (a form marks the field, the CLI words it):
 * - `secret`: a required secret is not set (its key and the variable it is passed in);
 * - `config`: a required config value is not set (`key` dotted; `oneOf` when any one of several will do);
 * - `invalid`: a value is set but wrong: `field` dotted, `path` its JSON pointer in the config, `keyword` the
 *   JSON Schema keyword it fails (absent for checks outside the schema, such as host paths);
 * - `catalog-entry-missing`: the server's catalog entry is in no catalog any more;
 * - `unsupported` / `broken`: the entry itself cannot run here (`reason` is the engine's diagnostic).
 */
/**
 * Something about a server that does not stop it but that its user should know:
 * - `foreign-secret`: a custom server is given a secret stored under another server's name (`key` belongs to
 *   `owner`), so it receives that server's credential.
 */
export const ReadinessWarningSchema = z.object({ kind: z.literal('foreign-secret'), key: z.string(), env: z.string(), owner: z.string() });
export type ReadinessWarning = z.infer<typeof ReadinessWarningSchema>;

export const ReadinessProblemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('secret'), key: z.string(), env: z.string(), description: z.string().optional() }),
  z.object({ kind: z.literal('config'), key: z.string(), oneOf: z.array(z.string()).optional(), description: z.string().optional() }),
  z.object({ kind: z.literal('invalid'), field: z.string().optional(), path: z.string(), keyword: z.string().optional(), message: z.string() }),
  z.object({ kind: z.literal('catalog-entry-missing'), entry: z.string() }),
  z.object({ kind: z.literal('unsupported'), reason: z.string() }),
  z.object({ kind: z.literal('broken'), reason: z.string() }),
]);
export type ReadinessProblem = z.infer<typeof ReadinessProblemSchema>;

/** What a configured server still needs; secret values never appear, only whether each is set. */
/**
 * A sign-in a window started (the server page's Sign in button): pending while the browser is out, with the URL
 * it opened; failed with the engine's error (code, message, and `reason` such as `state_mismatch`,
 * `authorization_server_error`, `sign_in_timeout`: the window words what to do from it). Gone once it succeeds,
 * at a Cancel (server.cancelSignIn) or at sign-out.
 */
export const SignInAttemptSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('pending'), authorizationUrl: z.string(), startedAt: z.string() }),
  z.object({
    state: z.literal('failed'),
    at: z.string(),
    code: z.string(),
    message: z.string(),
    reason: z.string().optional(),
  }),
]);
export type SignInAttempt = z.infer<typeof SignInAttemptSchema>;

/** A remote server's OAuth sign-in, as `server inspect` and the server page show it (never a token). */
export const SignInStatusSchema = z.object({
  state: z.enum(['signed-in', 'expired', 'signed-out']),
  /** When the access token expires (ISO 8601), if the server said; a renewable sign-in renews itself then. */
  expiresAt: z.string().optional(),
  renewable: z.boolean(),
  scope: z.string().optional(),
  clientId: z.string().optional(),
  preregistered: z.boolean().optional(),
  authorizationServer: z.string().optional(),
  /** A sign-in started from a window that is still waiting for the browser, or that failed. */
  attempt: SignInAttemptSchema.optional(),
});
export type SignInStatus = z.infer<typeof SignInStatusSchema>;

export const ServerReadinessSchema = z.object({
  name: z.string(),
  enabled: z.boolean(),
  source: z.union([
    z.object({ kind: z.literal('catalog'), entry: z.string(), title: z.string().optional(), description: z.string().optional() }),
    z.object({ kind: z.literal('image') }),
    z.object({ kind: z.literal('npm'), package: z.string() }),
    z.object({ kind: z.literal('remote'), url: z.string(), transport: z.string() }),
  ]),
  image: z.string(),
  tools: z.array(z.string()),
  config: z.record(z.string(), z.unknown()),
  configSchema: z.unknown().optional(),
  secrets: z.array(z.object({ key: z.string(), env: z.string(), set: z.boolean(), required: z.boolean(), description: z.string().optional() })),
  ready: z.boolean(),
  /** Empty when ready. */
  problems: z.array(ReadinessProblemSchema),
  /** Remote servers that sign in with OAuth (or may: custom ones find out at their first 401). */
  signIn: SignInStatusSchema.optional(),
  /** What does not stop it but should be known (see ReadinessWarningSchema); absent when there is nothing. */
  warnings: z.array(ReadinessWarningSchema).optional(),
  /** Its last failed start and the back-off that follows it (until a start succeeds or its launch changes). */
  lastFailure: StartFailureSchema.optional(),
  /** What its container is allowed (absent for a remote server, or one whose catalog entry is gone). */
  container: ContainerPermissionsSchema.optional(),
});
export type ServerReadiness = z.infer<typeof ServerReadinessSchema>;

export const SecretStatusSchema = z.object({
  backend: z.string(),
  warning: z.string().optional(),
  keys: z.array(z.string()),
});

export const ClientStateSchema = z.enum(['connected', 'not-connected', 'stale', 'unreadable']);
export type ClientState = z.infer<typeof ClientStateSchema>;

/** Where a config file stops parsing (1-based), for `unreadable`. */
const FilePositionSchema = z.object({ line: z.number().int(), column: z.number().int() });

/** A project folder the app was connected for from this engine, and the state of its project-level file. */
export const ClientProjectRowSchema = z.object({
  dir: z.string(),
  state: ClientStateSchema,
  file: z.string(),
  reason: z.string().optional(),
  position: FilePositionSchema.optional(),
  profile: z.string().optional(),
});
export type ClientProjectRow = z.infer<typeof ClientProjectRowSchema>;

export const ClientRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  installed: z.boolean(),
  transports: z.array(z.enum(['http', 'stdio'])),
  state: ClientStateSchema,
  file: z.string(),
  reason: z.string().optional(),
  position: FilePositionSchema.optional(),
  /** The profile the client attaches to, when not the default one. */
  profile: z.string().optional(),
  /** Whether the app has project-level config files (client.connect's projectDir). */
  projectScope: z.boolean(),
  /** Projects connected from this engine whose file still holds Switchyard's entry (connected, stale or unreadable). */
  projects: z.array(ClientProjectRowSchema),
});
export type ClientRow = z.infer<typeof ClientRowSchema>;

/**
 * An app's config file changed on disk (by hand, by the app, by a `switchyard` command or by this engine): its
 * state now and before, and whether this engine wrote it (`outside: false`) or something else did.
 */
export const ClientsChangedSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The project folder, for a project-level file connected from this engine; absent for the app's global file. */
  projectDir: z.string().optional(),
  file: z.string(),
  state: ClientStateSchema,
  previous: ClientStateSchema,
  reason: z.string().optional(),
  position: FilePositionSchema.optional(),
  transport: z.enum(['http', 'stdio']).optional(),
  profile: z.string().optional(),
  outside: z.boolean(),
});
export type ClientsChanged = z.infer<typeof ClientsChangedSchema>;

export const ClientChangeSchema = z.object({
  client: z.string(),
  file: z.string(),
  changed: z.boolean(),
  backup: z.string().optional(),
  restartRequired: z.boolean().optional(),
  message: z.string().optional(),
});

/**
 * Why a client gets the transport it gets: `only` (the app speaks no other), `kept` (its entry already uses it:
 * a repair does not switch), `chosen` (asked for), `default` (the stdio bridge, preferred wherever the app can
 * launch a command: no token in the app's file, and it works with the gateway stopped).
 */
export const TransportReasonSchema = z.enum(['only', 'kept', 'chosen', 'default']);

/** What connect or disconnect would write, computed without writing. Bearer tokens show as `<gateway token>`. */
export const ClientPlanSchema = z.object({
  client: z.string(),
  action: z.enum(['connect', 'disconnect']),
  file: z.string(),
  /** False when the file already says what the action wants: nothing would be written. */
  changed: z.boolean(),
  /** The file does not exist and would be created. */
  created: z.boolean(),
  /** The file would be removed (it would hold nothing but an empty list of servers). */
  deleted: z.boolean(),
  transport: z.enum(['http', 'stdio']).optional(),
  transportReason: TransportReasonSchema.optional(),
  /** The transports the app speaks, preferred first. */
  transports: z.array(z.enum(['http', 'stdio'])),
  /** The file's text now ('' when it does not exist) and after the change ('' when it would be removed). */
  before: z.string(),
  after: z.string(),
  /** A unified diff from before to after ('' when nothing changes). */
  diff: z.string(),
  /** Where the previous file would be kept. */
  backup: z.string().optional(),
});
export type ClientPlan = z.infer<typeof ClientPlanSchema>;

/** One catalog in use: the bundled one, a file or URL the user added, or the user's own entries. */
export const CatalogSourceStatusSchema = z.object({
  source: z.string(),
  kind: z.enum(['bundled', 'file', 'url', 'user']),
  entries: z.number().int(),
  /** When the copy in use was fetched (URL catalogs). */
  fetchedAt: z.string().optional(),
  /** Why an older copy stands in (URL catalogs that could not be fetched). */
  stale: z.string().optional(),
  /** Why the source contributed nothing. */
  error: z.string().optional(),
});
export type CatalogSourceStatus = z.infer<typeof CatalogSourceStatusSchema>;

/** A tool of a configured server, as the settings see it (disabled tools are hidden from every client). */
export const ToolRowSchema = z.object({
  server: z.string(),
  name: z.string(),
  description: z.string().optional(),
  enabled: z.boolean(),
});
export type ToolRow = z.infer<typeof ToolRowSchema>;
