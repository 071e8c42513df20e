import { z } from 'zod';
import {
  CatalogDetailSchema,
  CatalogSourceStatusSchema,
  CatalogSummarySchema,
  ClientChangeSchema,
  ClientPlanSchema,
  ClientRowSchema,
  ClientsChangedSchema,
  SecretStatusSchema,
  ServerReadinessSchema,
  ToolRowSchema,
} from './catalog-types.js';
import { GatewayStatusSchema, ServerStatusSchema } from './domain.js';
import { ProfileImportResultSchema, ProfileSchema } from './profile-types.js';
import { EngineSettingsSchema, SettingsSectionSchema, SettingsUpdateSchema } from './settings-types.js';
import {
  HistoryLiveBatchSchema,
  HistoryPageSchema,
  HistoryQuerySchema,
  HistoryStatsRowSchema,
  HistoryStatsSchema,
  HistoryTimelineRowSchema,
  HistoryTimelineSchema,
} from './history-types.js';
import type { WireError } from './errors.js';
import { DockerCheckSchema, FirstRunStateSchema, FirstRunUpdateSchema, ToolCallInputSchema, ToolCallResultSchema } from './first-run-types.js';
import { apiMethodNames, type ApiMethod } from './api-method-names.js';

/**
 * The control API between the UI (or any control client) and the engine, declared once. Each method names
 * its input schema (validated by the engine at the boundary) and its result schema. Events are pushed by the
 * engine. Transports: Electron IPC (preload) and a token-protected WebSocket on 127.0.0.1 (web mode).
 */
const NoInput = z.object({}).strict();
const ServerNameInput = z.object({ name: z.string().min(1, 'give the server name') }).strict();

const CustomServerInput = z
  .object({
    name: z.string().min(1, 'give the server name'),
    image: z.string().min(1).optional(),
    npm: z.string().min(1).optional(),
    remote: z
      .object({ url: z.string().min(1), transport: z.enum(['streamable-http', 'sse']).optional(), headers: z.record(z.string(), z.string()).optional() })
      .strict()
      .optional(),
    command: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    /** `{ENV_NAME: "<server>.<secret>"}`; the values themselves are set with secret.set. */
    secretEnv: z.record(z.string(), z.string()).optional(),
    network: z.boolean().optional(),
    writable: z.boolean().optional(),
    perSession: z.boolean().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((input) => [input.image, input.npm, input.remote].filter((source) => source !== undefined).length === 1, {
    message: 'give exactly one of image, npm or remote',
  });

const SecretKeyInput = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,62}\.[A-Za-z0-9_.-]{1,128}$/, 'a secret key is <server>.<name>, e.g. github.token');
const ClientInput = z.object({ id: z.string().min(1), projectDir: z.string().min(1).optional(), profile: z.string().min(1).optional() }).strict();
const TransportInput = z.enum(['stdio', 'http'], 'the transport is stdio or http');
const ClientConnectInput = ClientInput.extend({ transport: TransportInput.optional() }).strict();
const ProfileNameInput = z.object({ name: z.string().min(1, 'give the profile name') }).strict();
const ProfileServerInput = z.object({ name: z.string().min(1, 'give the profile name'), server: z.string().min(1, 'give the server name') }).strict();

export const apiMethods = {
  'gateway.status': { input: NoInput, result: GatewayStatusSchema },
  'gateway.start': { input: NoInput, result: GatewayStatusSchema },
  'gateway.stop': { input: NoInput, result: GatewayStatusSchema },
  'server.start': { input: ServerNameInput, result: ServerStatusSchema },
  'server.stop': { input: ServerNameInput, result: ServerStatusSchema },
  'server.enable': { input: ServerNameInput, result: ServerReadinessSchema },
  'server.disable': { input: ServerNameInput, result: z.object({ name: z.string(), enabled: z.literal(false) }) },
  'server.inspect': { input: ServerNameInput, result: ServerReadinessSchema },
  /** A custom server: exactly one of image, npm (a package, built into an image on first use) or remote (a URL). */
  'server.add': { input: CustomServerInput, result: ServerReadinessSchema },
  'server.remove': { input: ServerNameInput, result: z.object({ name: z.string(), removed: z.literal(true) }) },
  /**
   * Starts the OAuth sign-in of a remote server and answers with the authorization URL for the system browser as
   * soon as it is known (`required: false`: the server asked for no credentials). The sign-in goes on until the
   * browser comes back to the engine's loopback listener; `servers.changed` (change `sign-in`) tells each step,
   * and server.inspect's `signIn.attempt` holds it (pending, or failed with the reason).
   */
  'server.signIn': {
    input: ServerNameInput,
    result: z.union([
      /** `opened`: the engine opened the URL in the system browser itself (the desktop app); else the window opens it. */
      z.object({ server: z.string(), authorizationUrl: z.string(), opened: z.boolean() }),
      z.object({ server: z.string(), required: z.literal(false) }),
    ]),
  },
  /**
   * Cancels a sign-in waiting for the browser: its loopback listener is closed before the answer, and the server's
   * sign-in state is as before (a failed attempt is forgotten too). `cancelled`: a sign-in was waiting.
   */
  'server.cancelSignIn': { input: ServerNameInput, result: z.object({ server: z.string(), cancelled: z.boolean() }) },
  /** Revokes the tokens where the authorization server supports it (RFC 7009), then forgets them; stops a pending sign-in. */
  'server.signOut': {
    input: ServerNameInput,
    result: z.object({
      server: z.string(),
      revocation: z.enum(['revoked', 'unsupported', 'failed', 'nothing-to-revoke']),
      /** The revocation endpoint's problem when `failed` (the tokens stay valid there until they expire). */
      problem: z.string().optional(),
      forgotten: z.boolean(),
    }),
  },
  'catalog.list': { input: z.object({ category: z.string().optional() }).strict(), result: z.array(CatalogSummarySchema) },
  'catalog.search': {
    input: z.object({ query: z.string().min(1, 'type something to search for'), category: z.string().optional() }).strict(),
    result: z.array(CatalogSummarySchema),
  },
  'catalog.inspect': { input: ServerNameInput, result: CatalogDetailSchema },
  'catalog.sources': { input: NoInput, result: z.array(CatalogSourceStatusSchema) },
  /** A catalog file path or http(s) URL; checked (loaded once) before it is saved. */
  'catalog.addSource': { input: z.object({ source: z.string().min(1, 'give a catalog file path or URL') }).strict(), result: CatalogSourceStatusSchema },
  'catalog.removeSource': {
    input: z.object({ source: z.string().min(1, 'give a catalog file path or URL') }).strict(),
    result: z.object({ source: z.string(), removed: z.literal(true) }),
  },
  /** Fetches every URL catalog now; a failed fetch keeps the last copy and says so in `stale`. */
  'catalog.refresh': { input: NoInput, result: z.array(CatalogSourceStatusSchema) },
  'config.get': { input: ServerNameInput, result: z.record(z.string(), z.unknown()) },
  'config.set': { input: z.object({ name: z.string().min(1), key: z.string().min(1), value: z.unknown() }).strict(), result: ServerReadinessSchema },
  'config.unset': { input: z.object({ name: z.string().min(1), key: z.string().min(1) }).strict(), result: ServerReadinessSchema },
  /** The value goes in; it never comes back out of any method. */
  'secret.set': {
    input: z.object({ key: SecretKeyInput, value: z.string().min(1, 'the value is empty') }).strict(),
    result: z.object({ key: z.string(), set: z.literal(true) }),
  },
  'secret.delete': { input: z.object({ key: SecretKeyInput }).strict(), result: z.object({ key: z.string(), deleted: z.boolean() }) },
  'secret.status': { input: NoInput, result: SecretStatusSchema },
  'client.list': { input: NoInput, result: z.array(ClientRowSchema) },
  /** Without a transport, an existing entry keeps its own, else the stdio bridge where the app can launch it. */
  'client.connect': { input: ClientConnectInput, result: ClientChangeSchema },
  /** What connect or disconnect would write (file, before/after, unified diff, backup path, transport and why), writing nothing. */
  'client.plan': { input: ClientConnectInput.extend({ action: z.enum(['connect', 'disconnect']) }).strict(), result: ClientPlanSchema },
  'client.disconnect': { input: ClientInput, result: ClientChangeSchema },
  'client.snippet': { input: z.object({ id: z.string().min(1) }).strict(), result: z.object({ file: z.string(), text: z.string(), transport: z.string() }) },
  'history.query': { input: HistoryQuerySchema, result: HistoryPageSchema },
  'history.stats': { input: HistoryStatsSchema, result: z.array(HistoryStatsRowSchema) },
  /** Calls and errors per time bucket (calls per minute by default), oldest first; buckets without calls are left out. */
  'history.timeline': { input: HistoryTimelineSchema, result: z.array(HistoryTimelineRowSchema) },
  'history.clear': { input: NoInput, result: z.object({ cleared: z.literal(true) }) },
  /** Tools held back because their definition changed since it was pinned, with a readable diff (not those switched off: kept blocked). */
  'tools.pending': { input: NoInput, result: z.array(z.object({ server: z.string(), tool: z.string(), diff: z.string() })) },
  /** The tools of the enabled servers (as last seen), each with whether the settings hide it. */
  'tools.list': { input: z.object({ server: z.string().min(1).optional() }).strict(), result: z.array(ToolRowSchema) },
  'tools.setEnabled': {
    input: z.object({ name: z.string().min(1), tool: z.string().min(1), enabled: z.boolean() }).strict(),
    result: ToolRowSchema.pick({ server: true, name: true, enabled: true }),
  },
  'tools.approve': {
    input: z.object({ name: z.string().min(1), tool: z.string().min(1).optional() }).strict(),
    result: z.object({ server: z.string(), approved: z.array(z.string()) }),
  },
  /** Calls a tool by the name clients see, through the gateway (an in-process session): the first run's "try a call". */
  'tools.call': { input: ToolCallInputSchema, result: ToolCallResultSchema },
  /** Whether the Docker engine answers, and if not a problem code the window turns into the fix. */
  'system.docker': { input: NoInput, result: DockerCheckSchema },
  /** The first run's progress, and whether to show it (not finished, and a new home or no enabled server). */
  'firstRun.get': { input: NoInput, result: FirstRunStateSchema },
  'firstRun.update': { input: FirstRunUpdateSchema, result: FirstRunStateSchema },
  /** The engine's settings a window edits (no secret value: the token has its own method, telemetry headers by name). */
  'settings.get': { input: NoInput, result: EngineSettingsSchema },
  /** Checked against the settings file's schema; a bad value fails with INVALID_INPUT and `details.issues[].path`, and nothing is written. */
  'settings.update': { input: SettingsUpdateSchema, result: EngineSettingsSchema },
  /** The bearer token HTTP clients send (what `switchyard gateway token` prints). */
  'gateway.token': { input: NoInput, result: z.object({ token: z.string() }) },
  /** A new token, in force at once: HTTP clients configured with the old one are refused until connected again. */
  'gateway.rotateToken': { input: NoInput, result: z.object({ token: z.string() }) },
  /** Every profile, `default` (every enabled server) first. */
  'profile.list': { input: NoInput, result: z.array(ProfileSchema) },
  'profile.get': { input: ProfileNameInput, result: ProfileSchema },
  'profile.create': {
    input: z
      .object({
        name: z.string().min(1, 'give the profile name'),
        description: z.string().optional(),
        dynamic: z.boolean().optional(),
        servers: z.array(z.string().min(1)).optional(),
      })
      .strict(),
    result: ProfileSchema,
  },
  'profile.remove': { input: ProfileNameInput, result: z.object({ name: z.string(), removed: z.literal(true) }) },
  'profile.update': {
    input: z.object({ name: z.string().min(1), description: z.string().optional(), dynamic: z.boolean().optional() }).strict(),
    result: ProfileSchema,
  },
  'profile.addServer': { input: ProfileServerInput, result: ProfileSchema },
  'profile.removeServer': { input: ProfileServerInput, result: ProfileSchema },
  /** `allow: null` lifts the allow-list (every tool of the server again). */
  'profile.setTools': {
    input: z.object({ name: z.string().min(1), server: z.string().min(1), allow: z.array(z.string().min(1)).nullable() }).strict(),
    result: ProfileSchema,
  },
  /** Versioned YAML with server references and config values; never a secret value (`withheld` counts values found and removed). */
  /** `listed: false` keeps a member's tools out of tools/list (a dynamic profile's call_tool still reaches them). */
  'profile.setListed': {
    input: z.object({ name: z.string().min(1), server: z.string().min(1), listed: z.boolean() }).strict(),
    result: ProfileSchema,
  },
  'profile.export': { input: ProfileNameInput, result: z.object({ name: z.string(), text: z.string(), withheld: z.number() }) },
  'profile.import': {
    input: z.object({ text: z.string().min(1, 'the profile file is empty'), name: z.string().min(1).optional(), replace: z.boolean().optional() }).strict(),
    result: ProfileImportResultSchema,
  },
} as const satisfies Record<ApiMethod, { input: z.ZodType; result: z.ZodType }>;

/** Each declared method is named in api-method-names.ts (the other direction is the `satisfies` above). */
type Unnamed = Exclude<keyof typeof apiMethods, ApiMethod>;
const everyMethodNamed: [Unnamed] extends [never] ? true : { unnamed: Unnamed } = true;
void everyMethodNamed;

/**
 * What changed about the configured servers: the list (added, removed, enabled, disabled), a config, which
 * secrets are set, or a sign-in (started, signed in, failed, signed out).
 */
const ServersChangedSchema = z.object({ change: z.enum(['list', 'config', 'secrets', 'sign-in']), names: z.array(z.string()) });

export const apiEvents = {
  /** The gateway's state, sessions and every server's state; also sent when the server list changes. */
  'gateway.status': GatewayStatusSchema,
  /** The settings of some servers changed (by this window, another window, the CLI or a file edit): re-read server.* and catalog.*. */
  'servers.changed': ServersChangedSchema,
  /** A server's tools changed: a tool switched on or off, a tool held back or approved, or a new tool list. */
  'tools.changed': z.object({ server: z.string() }),
  /** A catalog source was added, removed or refreshed. */
  'catalog.changed': z.object({ sources: z.array(z.string()) }),
  /** Engine settings changed (by this window, another one, the CLI or an editor): re-read settings.get. */
  'settings.changed': z.object({ sections: z.array(SettingsSectionSchema) }),
  /** Profiles were created, removed or changed (by this window, the CLI or a file edit): re-read profile.*. */
  'profiles.changed': z.object({ names: z.array(z.string()) }),
  /** Every recorded call as it starts and as it ends (redacted), in batches, in order. */
  'history.records': HistoryLiveBatchSchema,
  /** An AI app's config file changed on disk (an editor, the app, the CLI or this engine): re-read client.*. */
  'clients.changed': ClientsChangedSchema,
} as const;

export { apiMethodNames, type ApiMethod };
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiMethods)[M]['input']>;
export type ApiResult<M extends ApiMethod> = z.output<(typeof apiMethods)[M]['result']>;
export type ApiEvent = keyof typeof apiEvents;
export type ApiEventPayload<E extends ApiEvent> = z.output<(typeof apiEvents)[E]>;

export const apiEventNames = Object.keys(apiEvents) as ApiEvent[];

/** What the engine implements: one async handler per method. */
export type ApiHandlers = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResult<M>> };

// Wire messages shared by the IPC and WebSocket adapters.
export interface ApiRequestMessage {
  id: number;
  method: string;
  params?: unknown;
}
/** The outcome of one call; handlers never throw across a boundary (see shared/errors.ts). */
export type ApiOutcome = { ok: true; result: unknown } | { ok: false; error: WireError };
export type ApiResponseMessage = ApiOutcome & { id: number };
export interface ApiEventMessage {
  event: string;
  payload: unknown;
}

/** The IPC channel names live in shared/ipc-channels.ts (zod-free, for the preload); re-exported here. */
export { ipcChannels } from './ipc-channels.js';
