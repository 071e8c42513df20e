import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { SwitchyardError } from '../../shared/errors.js';
import { mcpPath, profilePath } from '../../shared/gateway-endpoint.js';
import { ensureGatewayToken } from '../settings/gateway-token.js';
import { SettingsStore } from '../settings/settings-store.js';
import type { ClientFileModes } from './client-file-modes.js';
import type { ClientProjects } from './client-projects.js';
import { ConfigParseError, ConfigShapeError, deepEqual, getContainer, getEntry, verifyEdit, type FormatEditor } from './formats/common.js';
import { jsonEditor } from './formats/json.js';
import { tomlEditor } from './formats/toml.js';
import { yamlEditor } from './formats/yaml.js';
import { listProcessNames, onPath } from './client-detection.js';
import { currentContext, pathFor } from './platform-paths.js';
import { backupSuffix, describePlan, shownToken, type ChangePlan, type PreparedChange, type TransportReason } from './change-plan.js';
import { allClients } from './registry.js';
import { switchyardCommand, type BridgeCommand } from './switchyard-command.js';
import type { ClientDefinition, ConfigFormat, ConnectTarget, PlatformContext, Scope, TransportKind } from './types.js';

/** Our entry's name in every client config. */
export const entryName = 'switchyard';

export { backupSuffix, listProcessNames, onPath };

/** What a client config needs from the gateway: its port and bearer token. */
export interface GatewayAccess {
  port: number;
  /** The current token, if one was generated. A credential: never logged. */
  token(): string | undefined;
  /** The token, generated and saved when there is none yet (an HTTP entry needs one). */
  ensureToken(): string;
  /** The profiles a client may attach to (`default` always). */
  profiles?(): string[];
}

/** The gateway as the settings describe it. */
export function gatewayFromSettings(store: SettingsStore): GatewayAccess {
  const { settings } = store.load();
  return {
    port: settings.gateway.port,
    token: () => settings.gateway.token,
    ensureToken: () => ensureGatewayToken(store),
    profiles: () => ['default', ...Object.keys(settings.profiles)],
  };
}

export type ConnectionState = 'connected' | 'not-connected' | 'stale' | 'unreadable';

export interface ClientStatus {
  state: ConnectionState;
  /** The config file this scope uses (it may not exist yet). */
  file: string;
  /** How our entry reaches Switchyard, when there is one we understand. */
  transport?: TransportKind;
  /** Why the entry is stale, or why the file could not be read. Never contains the token. */
  reason?: string;
  /** The profile our entry attaches to, when it names one (absent: default). */
  profile?: string;
  /** Where the file stops parsing (1-based), when it is unreadable for that reason. */
  position?: { line: number; column: number };
}

export interface ClientSummary {
  id: string;
  name: string;
  format: ConfigFormat;
  transports: readonly TransportKind[];
  installed: boolean;
  hasProjectScope: boolean;
  global: ClientStatus;
  /** The project folders connected from this home whose file still holds an entry of ours. */
  projects: Array<ClientStatus & { dir: string }>;
  reload: ClientDefinition['reload'];
  docs: string;
}

export interface ChangeResult {
  client: string;
  file: string;
  /** False when the file already said what we wanted (nothing written). */
  changed: boolean;
  /** The previous file, kept beside it, when one existed and was replaced. */
  backup?: string;
  /** The file did not exist and was created. */
  created?: boolean;
  /** The file was removed (a file only Switchyard used, left empty). */
  deleted?: boolean;
  transport?: TransportKind;
  /** The client must be restarted (or a new session started) to see the change. */
  restartRequired: boolean;
  /** Whether the app runs right now, where that can be told (undefined: unknown). */
  running?: boolean;
  /** What the user should do next. */
  hint: string;
}

export interface ConnectOptions {
  scope?: Scope;
  transport?: TransportKind;
  /** The profile the client attaches to (`switchyard connect --profile`, or /mcp/profiles/NAME); default: the one the entry names, else default. */
  profile?: string;
}

export interface ConnectorOptions {
  /** Platform, home folder and environment that decide where config files are. Default: this process. */
  context?: PlatformContext;
  /** The gateway's port and token (the composition root passes the settings' gateway). */
  gateway: () => GatewayAccess;
  /** The stdio bridge command. Default: switchyardCommand(). */
  bridge?: () => BridgeCommand;
  clients?: readonly ClientDefinition[];
  /** Names of running processes, best effort (undefined: unknown). Default: ps / tasklist. */
  processes?: () => Promise<string[] | undefined>;
  /**
   * Where the modes of files tightened for a token are remembered, so disconnect restores them (the
   * composition root passes the home's). Without it, a disconnected file stays 0600.
   */
  fileModes?: ClientFileModes;
  /** Where the project folders connected from this home are remembered (the composition root passes the home's). */
  projects?: ClientProjects;
  /** Told after connect or disconnect wrote (or removed) a file, so a file watcher knows the change was ours. */
  onWritten?: (write: { client: string; scope: Scope; file: string }) => void;
}

/**
 * detect / status / connect / disconnect / snippet for every client alike. Only our entry ever changes; every
 * edit is checked by parsing the result before it is written, atomically, with the previous file kept as a
 * backup beside it. A file that does not parse is never written.
 */
export class ClientConnector {
  private readonly context: PlatformContext;
  private readonly gateway: () => GatewayAccess;
  private readonly bridge: () => BridgeCommand;
  private readonly clients: readonly ClientDefinition[];
  private readonly processes: () => Promise<string[] | undefined>;
  private readonly fileModes: ClientFileModes | undefined;
  private readonly projects: ClientProjects | undefined;
  private readonly onWritten: ConnectorOptions['onWritten'];

  constructor(options: ConnectorOptions) {
    this.fileModes = options.fileModes;
    this.projects = options.projects;
    this.onWritten = options.onWritten;
    this.context = options.context ?? currentContext();
    this.gateway = options.gateway;
    this.bridge = options.bridge ?? switchyardCommand;
    this.clients = options.clients ?? allClients;
    this.processes = options.processes ?? (() => listProcessNames(this.context.platform));
  }

  list(): ClientSummary[] {
    return this.clients.map((client) => ({
      id: client.id,
      name: client.name,
      format: client.format,
      transports: client.transports,
      installed: this.detect(client.id),
      hasProjectScope: client.configFile(this.context, { kind: 'project', dir: this.context.homedir }) !== undefined,
      global: this.status(client.id),
      projects: this.connectedProjects(client.id),
      reload: client.reload,
      docs: client.docs,
    }));
  }

  /** The remembered projects of an app whose file still holds our entry (connected, stale or unreadable), with their state. */
  connectedProjects(id: string): Array<ClientStatus & { dir: string }> {
    return (this.projects?.of(id) ?? [])
      .map((dir) => ({ dir, ...this.status(id, { kind: 'project', dir }) }))
      .filter((project) => project.state !== 'not-connected');
  }

  /** The supported apps (what list() reports on, without detecting them). */
  definitions(): readonly ClientDefinition[] {
    return this.clients;
  }

  client(id: string): ClientDefinition {
    const client = this.clients.find((candidate) => candidate.id === id);
    if (!client) {
      throw new SwitchyardError('INVALID_INPUT', `Unknown client "${id}".`, `Known clients: ${this.clients.map((c) => c.id).join(', ')}.`);
    }
    return client;
  }

  /** Installed: one of its folders exists, or its executable is on PATH. */
  detect(id: string): boolean {
    const client = this.client(id);
    if (client.detectPaths(this.context).some((dir) => existsSync(dir))) return true;
    return (client.binaries ?? []).some((binary) => onPath(this.context, binary));
  }

  /** Every file a scope may use (the candidates, first existing wins): what a watcher must watch. */
  candidateFiles(id: string, scope: Scope = { kind: 'global' }): string[] {
    return this.client(id).configFile(this.context, scope)?.candidates ?? [];
  }

  /** The config file a scope uses: the first candidate that exists, else the first one. */
  configFile(id: string, scope: Scope = { kind: 'global' }): string {
    return this.fileSpec(this.client(id), scope).file;
  }

  status(id: string, scope: Scope = { kind: 'global' }): ClientStatus {
    const client = this.client(id);
    const { file } = this.fileSpec(client, scope);
    if (!existsSync(file)) return { state: 'not-connected', file };
    let entry: unknown;
    try {
      entry = getEntry(editorFor(client.format).parse(readText(file)), client.location);
    } catch (error) {
      // Not parseable, wrong shape, or not readable at all (permissions): say so, for this client alone.
      const position = error instanceof ConfigParseError ? { position: { line: error.line, column: error.column } } : {};
      return { state: 'unreadable', file, reason: error instanceof Error ? error.message : String(error), ...position };
    }
    if (entry === undefined) return { state: 'not-connected', file };
    const target = client.fromEntry(entry);
    if (!target) return { state: 'stale', file, reason: `the "${entryName}" entry is not one Switchyard understands` };
    const profile = profileOfTarget(target);
    const named = profile === defaultProfileName ? {} : { profile };
    const reason = this.staleReason(target, profile);
    return reason
      ? { state: 'stale', file, transport: target.transport, reason, ...named }
      : { state: 'connected', file, transport: target.transport, ...named };
  }

  async connect(id: string, options: ConnectOptions = {}): Promise<ChangeResult> {
    const change = this.prepareConnect(id, options, 'write');
    const { client, file, transport } = change;
    if (options.scope?.kind === 'project') this.projects?.add(id, options.scope.dir);
    if (!change.changed || change.after === undefined) return this.result(client, file, { changed: false, transport }, 'already connected');
    const backup = this.write(file, change.before, change.after, transport === 'http', change.tokens);
    this.onWritten?.({ client: id, scope: options.scope ?? { kind: 'global' }, file });
    const restart = await this.restartInfo(client);
    return this.result(client, file, { changed: true, transport, created: change.created, ...(backup ? { backup } : {}), ...restart }, 'connected');
  }

  async disconnect(id: string, options: { scope?: Scope } = {}): Promise<ChangeResult> {
    const scope = options.scope ?? { kind: 'global' };
    const change = this.prepareDisconnect(id, scope);
    const { client, file } = change;
    if (scope.kind === 'project') this.projects?.remove(id, scope.dir);
    if (!change.changed) return this.result(client, file, { changed: false }, 'not connected');
    if (change.deleted) {
      writeBackup(file, readFileSync(file, 'utf8'), change.tokens);
      unlinkSync(file);
      this.fileModes?.take(file);
      this.onWritten?.({ client: id, scope, file });
      const restart = await this.restartInfo(client);
      return this.result(client, file, { changed: true, deleted: true, backup: file + backupSuffix, ...restart }, 'disconnected');
    }
    const backup = this.write(file, change.before, change.after ?? '', false, change.tokens);
    this.restoreMode(file);
    this.onWritten?.({ client: id, scope, file });
    const restart = await this.restartInfo(client);
    return this.result(client, file, { changed: true, ...(backup ? { backup } : {}), ...restart }, 'disconnected');
  }

  /**
   * What connect or disconnect would write, without writing anything (no token is generated either): the file,
   * its text before and after, a unified diff, whether it would be created or removed, where the backup would
   * go, and the transport with the reason it was chosen. Tokens show as a placeholder.
   */
  plan(id: string, options: ConnectOptions & { action: 'connect' | 'disconnect' }): ChangePlan {
    const change = options.action === 'connect' ? this.prepareConnect(id, options, 'plan') : this.prepareDisconnect(id, options.scope ?? { kind: 'global' });
    const shown = [...change.tokens, this.gateway().token() ?? ''];
    return describePlan({ ...change, action: options.action, transports: [...change.client.transports] }, shown);
  }

  /**
   * Reads the file and computes the connect edit, checked by parsing the result. `plan` mode generates no token
   * (an HTTP entry shows a placeholder when the gateway has none yet).
   */
  private prepareConnect(id: string, options: ConnectOptions, mode: 'write' | 'plan'): PreparedChange {
    const client = this.client(id);
    const scope = options.scope ?? { kind: 'global' };
    if (options.transport && !client.transports.includes(options.transport)) {
      throw new SwitchyardError('INVALID_INPUT', `${client.name} cannot connect over ${options.transport}.`, `It speaks: ${client.transports.join(', ')}.`, {
        field: 'transport',
      });
    }
    if (scope.kind === 'project') checkProjectDir(scope.dir);
    const spec = this.fileSpec(client, scope);
    const refusal = client.guard?.(this.context, scope, existsSync);
    if (refusal) throw new SwitchyardError('INVALID_INPUT', refusal, `Add the entry by hand instead: switchyard client snippet ${client.id}`);
    const editor = editorFor(client.format);
    const exists = existsSync(spec.file);
    const before = exists ? readText(spec.file) : undefined;
    const data = before === undefined ? undefined : this.parseOrExplain(client, editor, spec.file, before);
    const current = data === undefined ? undefined : this.locate(client, spec.file, data);
    const currentTarget = current === undefined ? undefined : client.fromEntry(current);
    // Without a chosen transport, an entry the user already has keeps its transport (a repair must not switch it).
    const kept = currentTarget && client.transports.includes(currentTarget.transport) ? currentTarget.transport : undefined;
    const transport = options.transport ?? kept ?? defaultTransport(client);
    const transportReason: TransportReason = options.transport ? 'chosen' : kept ? 'kept' : client.transports.length === 1 ? 'only' : 'default';
    const profile = options.profile ?? (currentTarget ? profileOfTarget(currentTarget) : defaultProfileName);
    const known = this.gateway().profiles?.();
    if (known && !known.includes(profile)) {
      throw new SwitchyardError(
        'INVALID_INPUT',
        `There is no profile "${profile}".`,
        `Profiles: ${known.join(', ')}. Create one with \`switchyard profile create ${profile}\`.`,
        {
          profile,
          profiles: known,
        },
      );
    }
    const target = this.plannedTarget(transport, mode, profile);
    const entry = client.toEntry(target);
    const tokens = tokensOf(currentTarget);
    const base = { client, file: spec.file, transport, transportReason, tokens, created: !exists, deleted: false, ...(before !== undefined ? { before } : {}) };
    if (current !== undefined && (deepEqual(current, entry) || (currentTarget && sameTarget(currentTarget, target)))) {
      return { ...base, changed: false, ...(before !== undefined ? { after: before } : {}) };
    }
    const after = this.edit(client, spec.file, () =>
      before === undefined ? editor.create(client.location, entry, spec.template) : editor.upsert(before, client.location, entry),
    );
    // A new file starts from the template (if any): that is what the rest of it must still say.
    const baseline = before === undefined && spec.template ? editor.parse(spec.template) : data;
    this.check(client, editor, spec.file, baseline, after, entry);
    return { ...base, changed: true, after };
  }

  /** Reads the file and computes the disconnect edit (or that the file, left empty, would be removed). */
  private prepareDisconnect(id: string, scope: Scope): PreparedChange {
    const client = this.client(id);
    const spec = this.fileSpec(client, scope);
    const unchanged = { client, file: spec.file, tokens: [], created: false, deleted: false, changed: false };
    if (!existsSync(spec.file)) return unchanged;
    const editor = editorFor(client.format);
    const before = readText(spec.file);
    const data = this.parseOrExplain(client, editor, spec.file, before);
    const current = this.locate(client, spec.file, data);
    if (current === undefined) return { ...unchanged, before, after: before };
    // The entry's token leaves with it: no backup keeps it (they are redacted), and the file gets its mode back.
    const tokens = tokensOf(client.fromEntry(current));
    const after = this.edit(client, spec.file, () => editor.remove(before, client.location));
    this.check(client, editor, spec.file, data, after, undefined);
    const deleted = spec.dedicated === true && isEmptyDocument(editor, after, client);
    return { client, file: spec.file, tokens, created: false, deleted, changed: true, before, ...(deleted ? {} : { after }) };
  }

  /** The target to write: with a token (generated if needed), or for a plan the current one or a placeholder. */
  private plannedTarget(transport: TransportKind, mode: 'write' | 'plan', profile: string): ConnectTarget {
    if (mode === 'write' || transport === 'stdio' || this.gateway().token()) return this.expectedTarget(transport, mode === 'write', profile);
    const target = this.expectedTarget(transport, false, profile) as Extract<ConnectTarget, { transport: 'http' }>;
    return { ...target, headers: { Authorization: `Bearer ${shownToken}` } };
  }

  /** The exact text to paste by hand into the client's config file (it contains the token for HTTP clients). */
  snippet(
    id: string,
    options: { transport?: TransportKind; profile?: string } = {},
  ): { file: string; text: string; transport: TransportKind; secretsNote?: string } {
    const client = this.client(id);
    const transport = options.transport ?? defaultTransport(client);
    if (!client.transports.includes(transport)) {
      throw new SwitchyardError('INVALID_INPUT', `${client.name} cannot connect over ${transport}.`, `It speaks: ${client.transports.join(', ')}.`);
    }
    const entry = client.toEntry(this.expectedTarget(transport, true, options.profile));
    return {
      file: this.configFile(id),
      text: editorFor(client.format).snippet(client.location, entry),
      transport,
      ...(client.secretsNote ? { secretsNote: client.secretsNote } : {}),
    };
  }

  /** What our entry should point at now (for a client of `profile`). */
  expectedTarget(transport: TransportKind, createToken: boolean, profile = defaultProfileName): ConnectTarget {
    if (transport === 'stdio') {
      const bridge = this.bridge();
      const profileArgs = profile === defaultProfileName ? [] : ['--profile', profile];
      return { transport: 'stdio', command: bridge.command, args: [...bridge.args, ...profileArgs], env: { ...bridge.env } };
    }
    const gateway = this.gateway();
    const token = createToken ? gateway.ensureToken() : (gateway.token() ?? '');
    return { transport: 'http', url: `http://127.0.0.1:${gateway.port}${profilePath(profile)}`, headers: { Authorization: `Bearer ${token}` } };
  }

  private staleReason(target: ConnectTarget, profile: string): string | undefined {
    const known = this.gateway().profiles?.();
    if (known && !known.includes(profile)) return `it attaches to profile "${profile}", which no longer exists`;
    if (target.transport === 'http') {
      const expected = this.expectedTarget('http', false, profile) as Extract<ConnectTarget, { transport: 'http' }>;
      let url: URL;
      try {
        url = new URL(target.url);
      } catch {
        return `its URL (${target.url}) is not valid`;
      }
      const want = new URL(expected.url);
      if (url.host !== want.host) return `it points at ${url.host}, but the gateway listens on ${want.host}`;
      if (url.pathname !== want.pathname) return `it points at ${url.pathname}, but the endpoint is ${want.pathname}`;
      const auth = Object.entries(target.headers).find(([key]) => key.toLowerCase() === 'authorization')?.[1];
      if (!this.gateway().token()) return 'the gateway has no token yet (connect again to create one)';
      if (auth !== expected.headers.Authorization) return 'its bearer token is not the gateway token (it was regenerated)';
      return undefined;
    }
    const p = pathFor(this.context);
    if (!p.isAbsolute(target.command)) return `its command "${target.command}" is not an absolute path`;
    if (!existsSync(target.command)) return `its command ${target.command} no longer exists`;
    const script = target.args.find((arg) => arg.endsWith('.js'));
    if (script && !existsSync(script)) return `${script} no longer exists`;
    const expected = this.expectedTarget('stdio', false, profile) as Extract<ConnectTarget, { transport: 'stdio' }>;
    if (!deepEqual(target.args, expected.args) || target.command !== expected.command)
      return `it runs ${[target.command, ...target.args].join(' ')}, not this Switchyard`;
    if ((target.env.SWITCHYARD_HOME ?? '') !== (expected.env.SWITCHYARD_HOME ?? '')) return 'it uses another Switchyard home (SWITCHYARD_HOME)';
    return undefined;
  }

  private fileSpec(client: ClientDefinition, scope: Scope): { file: string; template?: string; dedicated?: boolean } {
    const spec = client.configFile(this.context, scope);
    if (!spec) {
      throw new SwitchyardError(
        'INVALID_INPUT',
        `${client.name} has no ${scope.kind === 'project' ? 'project-level' : 'global'} MCP configuration.`,
        scope.kind === 'project' ? 'Use --global.' : 'Use --project DIR.',
      );
    }
    const file = spec.candidates.find((candidate) => existsSync(candidate)) ?? spec.candidates[0]!;
    return { file, ...(spec.template ? { template: spec.template } : {}), ...(spec.dedicated ? { dedicated: true } : {}) };
  }

  private parseOrExplain(client: ClientDefinition, editor: FormatEditor, file: string, text: string): unknown {
    try {
      return editor.parse(text);
    } catch (error) {
      if (error instanceof ConfigParseError) {
        throw new SwitchyardError(
          'INVALID_INPUT',
          `${file} does not parse as ${client.format.toUpperCase()}: line ${error.line}, column ${error.column}: ${error.problem}.`,
          `Switchyard left it unchanged. Fix that line (or move the file aside) and try again, or add the entry by hand: switchyard client snippet ${client.id}`,
        );
      }
      throw error;
    }
  }

  private locate(client: ClientDefinition, file: string, data: unknown): unknown {
    try {
      return getEntry(data, client.location);
    } catch (error) {
      if (error instanceof ConfigShapeError) throw this.shapeError(client, file, error);
      throw error;
    }
  }

  private edit(client: ClientDefinition, file: string, change: () => string): string {
    try {
      return change();
    } catch (error) {
      if (error instanceof ConfigShapeError || error instanceof ConfigParseError) throw this.shapeError(client, file, error);
      throw error;
    }
  }

  private check(
    client: ClientDefinition,
    editor: FormatEditor,
    file: string,
    before: unknown,
    after: string,
    entry: Record<string, unknown> | undefined,
  ): void {
    try {
      verifyEdit(editor, before, after, client.location, entry);
    } catch (error) {
      if (error instanceof ConfigShapeError) throw this.shapeError(client, file, error);
      throw error;
    }
  }

  private shapeError(client: ClientDefinition, file: string, error: Error): SwitchyardError {
    return new SwitchyardError(
      'INVALID_INPUT',
      `Cannot change ${file} safely: ${error.message}.`,
      `Switchyard left it unchanged. Add the entry by hand: switchyard client snippet ${client.id}`,
    );
  }

  /**
   * Writes atomically, keeping the previous file as a backup (with `redact`, the tokens of the entry replaced,
   * removed: a backup never keeps a token). Returns the backup's path.
   */
  private write(file: string, before: string | undefined, after: string, holdsToken: boolean, redact: string[] = []): string | undefined {
    if (before === undefined) {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      writeFileAtomic.sync(file, after, { mode: holdsToken ? 0o600 : 0o644 });
      return undefined;
    }
    const previous = readFileSync(file, 'utf8');
    const backup = writeBackup(file, previous, redact);
    writeFileAtomic.sync(file, (previous.startsWith(bom) ? bom : '') + after);
    if (holdsToken && process.platform !== 'win32') {
      // The token opens every server behind the gateway: other users must not read it. The mode it had is
      // remembered, and disconnect puts it back.
      const mode = statSync(file).mode & 0o777;
      if (mode & 0o077) {
        this.fileModes?.remember(file, mode);
        chmodSync(file, mode & 0o700);
      }
    }
    return backup;
  }

  /** Gives a file the mode it had before a token entry tightened it, if Switchyard did. */
  private restoreMode(file: string): void {
    const mode = this.fileModes?.take(file);
    if (mode !== undefined && process.platform !== 'win32') chmodSync(file, mode);
  }

  private async restartInfo(client: ClientDefinition): Promise<{ restartRequired: boolean; running?: boolean }> {
    const restartRequired = client.reload === 'restart' || client.reload === 'new-session';
    const names = client.processNames?.[this.context.platform];
    if (!restartRequired || !names) return { restartRequired };
    const running = await this.processes().catch(() => undefined);
    if (!running) return { restartRequired };
    return { restartRequired, running: running.some((name) => names.includes(name)) };
  }

  private result(client: ClientDefinition, file: string, fields: Partial<ChangeResult> & { changed: boolean }, what: string): ChangeResult {
    const restartRequired = fields.restartRequired ?? false;
    let hint: string;
    if (!fields.changed) hint = `${client.name} is ${what}; nothing to change in ${file}.`;
    else if (fields.running === false) hint = `${client.name} ${what}. It is not running: the change applies when it starts.`;
    else hint = `${client.name} ${what}. ${client.reloadHint}`;
    return { client: client.id, file, restartRequired, ...fields, hint };
  }
}

const editors: Record<ConfigFormat, () => FormatEditor> = {
  json: () => jsonEditor({ comments: false }),
  jsonc: () => jsonEditor({ comments: true }),
  toml: () => tomlEditor(),
  yaml: () => yamlEditor(),
};

export function editorFor(format: ConfigFormat): FormatEditor {
  return editors[format]();
}

function sameTarget(a: ConnectTarget, b: ConnectTarget): boolean {
  if (a.transport !== b.transport) return false;
  if (a.transport === 'http' && b.transport === 'http') {
    const auth = (headers: Record<string, string>) => Object.entries(headers).find(([key]) => key.toLowerCase() === 'authorization')?.[1];
    return a.url === b.url && auth(a.headers) === auth(b.headers);
  }
  return deepEqual(a, b);
}

const bom = '\ufeff';

/** The file's text without a byte-order mark (parsers choke on it); write() puts it back. */
function readText(file: string): string {
  const text = readFileSync(file, 'utf8');
  return text.startsWith(bom) ? text.slice(1) : text;
}

/**
 * A project scope writes into the folder the caller names: only an existing directory, given as an absolute
 * path, is accepted (a typo or a file must not get a config folder created beside it).
 */
function checkProjectDir(dir: string): void {
  const problem = !path.isAbsolute(dir)
    ? 'is not an absolute path'
    : !existsSync(dir)
      ? 'does not exist'
      : !statSync(dir).isDirectory()
        ? 'is not a directory'
        : undefined;
  if (problem) {
    throw new SwitchyardError('INVALID_INPUT', `The project folder ${dir} ${problem}.`, 'Choose an existing project folder (an absolute path).', {
      field: 'projectDir',
      projectDir: dir,
    });
  }
}

/** Text put in a backup where our entry's bearer token was. */
export const redactedToken = 'REMOVED-BY-SWITCHYARD';

/** Keeps `text` (the file before a change) beside the file, 0600, without the given tokens. */
function writeBackup(file: string, text: string, redact: string[]): string {
  const backup = file + backupSuffix;
  const safe = redact.filter((token) => token.length > 0).reduce((current, token) => current.split(token).join(redactedToken), text);
  writeFileSync(backup, safe, { mode: 0o600 });
  if (process.platform !== 'win32') chmodSync(backup, 0o600);
  return backup;
}

/** The bearer token an entry of ours carries (HTTP), to keep it out of backups. */
function tokensOf(target: ConnectTarget | undefined): string[] {
  if (target?.transport !== 'http') return [];
  const auth = Object.entries(target.headers).find(([key]) => key.toLowerCase() === 'authorization')?.[1] ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  return token ? [token] : [];
}

/** The container of our entry holds nothing (used for files only Switchyard writes). */
function isEmptyDocument(editor: FormatEditor, text: string, client: ClientDefinition): boolean {
  const container = getContainer(editor.parse(text), client.location);
  return container === undefined || (Array.isArray(container) ? container.length === 0 : Object.keys(container).length === 0);
}

/**
 * The stdio bridge wherever the client can run a command: the entry then holds only the absolute path of
 * `switchyard connect`, which reads the token from Switchyard's own settings, so no secret is written into a
 * file another program owns; and it works whether or not a gateway is running (the bridge then runs one
 * itself). `--transport http` writes a URL entry with the bearer token instead, for clients that want it.
 */
export function defaultTransport(client: Pick<ClientDefinition, 'transports'>): TransportKind {
  return client.transports.includes('stdio') ? 'stdio' : client.transports[0]!;
}

const defaultProfileName = 'default';

/** The profile an entry attaches to: `--profile NAME` of the bridge, or the /mcp/profiles/NAME path. */
export function profileOfTarget(target: ConnectTarget): string {
  if (target.transport === 'stdio') {
    const at = target.args.indexOf('--profile');
    return at >= 0 && target.args[at + 1] ? target.args[at + 1]! : defaultProfileName;
  }
  try {
    const { pathname } = new URL(target.url);
    const prefix = `${mcpPath}/profiles/`;
    return pathname.startsWith(prefix) ? decodeURIComponent(pathname.slice(prefix.length)) : defaultProfileName;
  } catch {
    return defaultProfileName;
  }
}
