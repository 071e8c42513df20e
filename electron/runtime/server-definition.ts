/** What the runtime needs to know to run one MCP server in a container. */
export interface ServerDefinition {
  /** Unique, lowercase; used in labels, container names and tool prefixes. */
  name: string;
  image: string;
  /** Replaces the image's CMD (the entrypoint stays). */
  command?: string[];
  /** Exactly the environment the container gets: nothing from the host leaks in. */
  env?: Record<string, string>;
  /** Network access. Off unless the server declares hosts it needs. */
  network?: boolean;
  limits?: Partial<ResourceLimits>;
  /** Mount the root file system read-only (a tmpfs /tmp stays writable). Default true. */
  readOnlyRootfs?: boolean;
  /** One container per client session (for servers that keep per-client state) instead of one shared. */
  perSession?: boolean;
  /** Host paths the user approved, and named volumes; nothing else of the host is visible. */
  mounts?: Mount[];
  /** `<name|uid>[:<group|gid>]` for the container process. */
  user?: string;
  /**
   * Where the rest comes from at start time: a catalog entry templated with config and secrets, or secret
   * environment variables of a custom server. Resolved by the launch preparer, so a secret set after the
   * gateway started is used at the next start, and its value never sits in settings.
   */
  launch?: {
    catalog?: string;
    config?: Record<string, unknown>;
    secretEnv?: Record<string, string>;
  };
  /** Tools the user switched off: hidden from every client and refused, without restarting the container. */
  disabledTools?: string[];
  /** Tools the catalog declares, shown before the server ever ran. */
  knownTools?: Array<Record<string, unknown>>;
}

export interface Mount {
  type: 'bind' | 'volume';
  source: string;
  target: string;
  readOnly: boolean;
}

export interface ResourceLimits {
  memoryMb: number;
  cpus: number;
  pids: number;
}

export const defaultLimits: ResourceLimits = { memoryMb: 512, cpus: 1, pids: 256 };

const serverNamePattern = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

/** Returns a problem description, or undefined when the name is usable in labels and container names. */
export function checkServerName(name: string): string | undefined {
  if (serverNamePattern.test(name)) return undefined;
  return `server name "${name}" must be 1-63 characters of a-z, 0-9, "_", "." or "-", starting with a letter or digit`;
}
