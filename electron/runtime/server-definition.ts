import type { ImagePullPolicy } from './image-pull-policy.js';

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
  /** Cancel a tools/call, prompts/get or resources/read that runs longer than this (ms, from relay); unset or 0: no limit. */
  callTimeoutMs?: number;
  /** Per tool: its own limit over callTimeoutMs (ms; 0: no limit for that tool). */
  toolCallTimeoutMs?: Record<string, number>;
  /** When the image is pulled (default `missing`); not used by remote servers. */
  pullPolicy?: ImagePullPolicy;
  /** Host paths the user approved, and named volumes; nothing else of the host is visible. */
  mounts?: Mount[];
  /** `<name|uid>[:<group|gid>]` for the container process. */
  user?: string;
  /**
   * Keep the image's own user even when that is root. Without it (and without `user`), an image that names no
   * USER runs as nobody (65534:65534) instead of root.
   */
  runAsRoot?: boolean;
  /** The largest message accepted from the server on stdio (bytes); larger ones are dropped and the caller told. Default 32 MB. */
  maxMessageBytes?: number;
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
  /**
   * A remote MCP endpoint instead of a container: no container runs, the gateway connects to the URL (`image`
   * then holds the URL, so status and the list cache name it). Header values may reference secrets as
   * `${ENV_NAME}` (through `launch.secretEnv`); the launch preparer fills them in right before connecting.
   */
  remote?: RemoteEndpoint;
  /** Built locally instead of pulled: `image` is then the tag of the image built from this npm spec on the base. */
  build?: { npm: string; baseImage: string };
}

export interface RemoteEndpoint {
  /** https, or plain http to this machine only (see checkRemoteUrl). */
  url: string;
  transport: 'streamable-http' | 'sse';
  headers?: Record<string, string>;
  /** The catalog entry says it signs in with OAuth (custom servers find out at their first 401). */
  oauth?: boolean;
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

/**
 * Returns a problem description, or undefined when the URL may be used for a remote server: http(s) only, and
 * plain http only to this machine (headers carry credentials, and plain http would send them in the clear).
 */
export function checkRemoteUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `remote URL "${url}" is not a valid URL (example: https://mcp.example.com/mcp)`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `remote URL "${url}" must start with https:// (plain http:// only for a server on this machine)`;
  }
  if (parsed.username || parsed.password) {
    return `remote URL for ${parsed.host} carries a user name or password (not repeated here); pass credentials in a header that references a secret instead (--header 'Authorization=Bearer \${TOKEN}' --secret <server>.token:TOKEN)`;
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    return `remote URL "${url}" uses plain http to another machine, which would send its headers in the clear; use https:// (plain http is allowed only to localhost, 127.0.0.1 or [::1])`;
  }
  return undefined;
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
