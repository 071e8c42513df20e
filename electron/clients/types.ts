/**
 * What Switchyard knows about one AI client: where its MCP configuration lives, in which format, what an MCP
 * entry looks like there, which transports it speaks, and how it picks up a change. One file per client in this
 * folder exports one (or a few) of these; connector.ts does the rest for all of them alike.
 */

/** The inputs that decide where a client keeps its files: a pure function of these, testable for every OS. */
export interface PlatformContext {
  platform: NodeJS.Platform;
  homedir: string;
  env: Readonly<Record<string, string | undefined>>;
}

export type ConfigFormat = 'json' | 'jsonc' | 'toml' | 'yaml';

export type TransportKind = 'http' | 'stdio';

/** How the client reaches Switchyard: the gateway's Streamable HTTP endpoint, or the `switchyard connect` bridge. */
export type ConnectTarget =
  { transport: 'http'; url: string; headers: Record<string, string> } | { transport: 'stdio'; command: string; args: string[]; env: Record<string, string> };

/**
 * Where our entry sits in the parsed document: a key in an object (`mcpServers.switchyard`), or an item of a list
 * recognised by its name field (Continue's `mcpServers: [{ name: switchyard, ... }]`).
 */
export type EntryLocation =
  { style: 'map'; container: readonly string[]; name: string } | { style: 'list'; container: readonly string[]; name: string; nameKey: string };

export type Scope = { kind: 'global' } | { kind: 'project'; dir: string };

/** The file a scope uses. Several candidates when the client accepts more than one name (first existing wins). */
export interface ConfigFileSpec {
  candidates: string[];
  /** Text of a new file before our entry goes in (YAML files whose schema needs a header). */
  template?: string;
  /** A file that holds nothing but our entry: disconnect deletes it when no other entry is left. */
  dedicated?: boolean;
}

/** How a change to the file reaches the running client. */
export type Reload =
  | 'automatic' // the client watches the file
  | 'refresh' // a button in the client reloads it
  | 'new-session' // sessions read the file when they start (CLI agents)
  | 'restart'; // quit and reopen the app

export interface ClientDefinition {
  id: string;
  name: string;
  format: ConfigFormat;
  /** Transports the client speaks, preferred first. Every client can launch the stdio bridge. */
  transports: readonly TransportKind[];
  location: EntryLocation;
  /** The config file for a scope; undefined when the client has no such scope (no project-level file). */
  configFile(ctx: PlatformContext, scope: Scope): ConfigFileSpec | undefined;
  /** Folders whose existence means the client is (or was) installed. */
  detectPaths(ctx: PlatformContext): string[];
  /** Executables on PATH whose presence means the client is installed. */
  binaries?: readonly string[];
  /** Process names (as `ps -o comm` / tasklist show them) telling that the app runs, per platform. */
  processNames?: Partial<Record<NodeJS.Platform, readonly string[]>>;
  reload: Reload;
  /** What to tell the user after a change (restart, refresh, enable the server...). */
  reloadHint: string;
  /** The entry we write for a target. */
  toEntry(target: ConnectTarget): Record<string, unknown>;
  /** Reads an entry back (ours, possibly edited by the user); undefined when it names no target we understand. */
  fromEntry(entry: unknown): ConnectTarget | undefined;
  /** Refuses a scope that cannot be changed safely (e.g. a new file would shadow another config). */
  guard?(ctx: PlatformContext, scope: Scope, exists: (file: string) => boolean): string | undefined;
  /** Where the client documents its MCP configuration. */
  docs: string;
  /** How this client could hold the token without plain text, if it can; shown in snippets and reports. */
  secretsNote?: string;
  /** Facts we could not confirm from the client's documentation. */
  unverified?: string;
}
