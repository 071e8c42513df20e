import {
  PROTOCOL_VERSION_META_KEY,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type JSONRPCMessage,
  type Transport,
  type TransportSendOptions,
} from '@modelcontextprotocol/client';
import { SwitchyardError } from '../../shared/errors.js';
import type { ContainerExit } from './container-transport.js';
import { checkRemoteUrl, type RemoteEndpoint, type ServerDefinition } from './server-definition.js';
import { fetchAcceptingMultiMessageJson } from './remote-json-body.js';
import type { StderrSink } from './stderr-buffer.js';
import { fetchWithOAuth } from './oauth/oauth-fetch.js';
import type { RemoteOAuth } from './oauth/remote-oauth.js';

/** How long the endpoint may take to give its first answer before the start counts as failed. */
const connectTimeoutMs = 15_000;
/** How long a start may wait for a sign-in in the browser (the call path signs in only where it may open one). */
const signInTimeoutMs = 5 * 60_000;

export type RemoteServerDefinition = ServerDefinition & { remote: RemoteEndpoint };

/**
 * Connects to a remote MCP server (Streamable HTTP, or the legacy HTTP+SSE transport) with its headers, whose
 * secrets the launch preparer has already filled in. Resolves once the endpoint has answered, so a refused
 * connection, a 401/403 or a wrong path fails here, like a container that cannot start, with an error naming
 * the URL and what to do. Header values never appear in errors or in the server's log lines.
 */
export async function openRemoteTransport(server: RemoteServerDefinition, stderr: StderrSink, oauth?: RemoteOAuth): Promise<RemoteTransport> {
  const { url, transport: kind, headers = {} } = server.remote;
  const problem = checkRemoteUrl(url);
  if (problem)
    throw new SwitchyardError('INVALID_INPUT', `Server "${server.name}": ${problem}.`, `Fix it: switchyard server add ${server.name} --remote <url> ...`);
  const target = new URL(url);
  // OAuth unless the server is given its own Authorization header (a static token): see oauth/oauth-session.ts.
  const session =
    oauth && !Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')
      ? await oauth.session(server.name, url, server.remote.oauth === true)
      : undefined;
  const jsonFetch = fetchAcceptingMultiMessageJson(`Remote server at ${url}`);
  const streamableFetch = session ? fetchWithOAuth(session, jsonFetch) : jsonFetch;
  const inner =
    kind === 'sse'
      ? // The same fetch as Streamable HTTP: the token on the event stream and on every POST, a 401 refreshes or
        // signs in, a 403 insufficient_scope steps up, and the request is sent again.
        new SSEClientTransport(target, { requestInit: { headers }, ...(session ? { fetch: fetchWithOAuth(session, fetch) } : {}) })
      : new StreamableHTTPClientTransport(target, { requestInit: { headers }, fetch: streamableFetch });
  const transport = new RemoteTransport(inner, server, stderr);
  try {
    await withTimeout(
      kind === 'sse' ? inner.start() : inner.start().then(() => probeStreamableEndpoint(target, headers, session ? streamableFetch : fetch)),
      url,
      session !== undefined,
    );
  } catch (error) {
    // The legacy transport's EventSource keeps reconnecting until it is closed.
    await inner.close().catch(() => undefined);
    throw describeRemoteFailure(error, server);
  }
  return transport;
}

/**
 * The SDK's HTTP client transport seen as a ServerTransport: no container; `exit` is set when the connection
 * ends, `unexpected` when we did not close it (the slot then reports it and reconnects on the next call).
 */
export class RemoteTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T) => void;

  readonly containerId = undefined;
  exit: ContainerExit | undefined;

  private closed = false;
  private initializeId: string | number | undefined;
  /** What initialize negotiated (2025-11-25 and before); 2026-07-28 requests name their version themselves. */
  private negotiatedVersion: string | undefined;

  constructor(
    private readonly inner: SSEClientTransport | StreamableHTTPClientTransport,
    private readonly server: RemoteServerDefinition,
    private readonly stderr: StderrSink,
  ) {
    inner.onmessage = (message) => this.receive(message);
    inner.onclose = () => this.finish();
    inner.onerror = (error) => this.innerError(error);
  }

  async start(): Promise<void> {
    // Started by openRemoteTransport, which reports a failed connection before the slot goes on.
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (this.closed) throw new SwitchyardError('CONTAINER_FAILED', `The connection to ${this.server.remote.url} is closed.`);
    if ('method' in message && message.method === 'initialize' && 'id' in message) this.initializeId = message.id;
    // HTTP carries the protocol version in a header too: a 2026-07-28 request (server/discover first of all)
    // names its version in _meta, anything else goes with the version initialize negotiated, if any yet.
    this.inner.setProtocolVersion((modernVersionOf(message) ?? this.negotiatedVersion)!);
    try {
      await (this.inner instanceof StreamableHTTPClientTransport ? this.inner.send(message, options) : this.inner.send(message));
    } catch (error) {
      const failure = describeRemoteFailure(error, this.server);
      // A lost connection, or a session the server no longer knows (404): start over on the next call. A
      // 2026-07-28 request has no session to lose: its 404 (a method the server does not serve over HTTP, such
      // as subscriptions/listen) fails that request alone.
      const sessionLost = httpStatusOf(error) === 404 && modernVersionOf(message) === undefined;
      if (networkCodeOf(error) !== undefined || sessionLost) this.lose(failure.message);
      throw failure;
    }
  }

  close(): Promise<void> {
    this.exit ??= { code: 0, unexpected: false };
    return this.inner.close();
  }

  private receive(message: JSONRPCMessage): void {
    // Later requests must carry the negotiated version (MCP-Protocol-Version header) on HTTP transports.
    if (this.initializeId !== undefined && 'id' in message && message.id === this.initializeId && 'result' in message) {
      this.initializeId = undefined;
      const version = (message.result as { protocolVersion?: unknown }).protocolVersion;
      if (typeof version === 'string') this.negotiatedVersion = version;
    }
    this.onmessage?.(message);
  }

  private innerError(error: Error): void {
    if (this.closed) return;
    this.stderr.write(`[remote] ${describeRemoteFailure(error, this.server).message}\n`);
    // The legacy transport's event stream is the session: once it breaks, the server has forgotten us.
    if (this.server.remote.transport === 'sse' && this.onclose && isSseStreamError(error)) this.lose('the event stream ended');
    this.onerror?.(error);
  }

  private lose(reason: string): void {
    if (this.exit) return;
    this.stderr.write(`[remote] connection to ${this.server.remote.url} lost: ${reason}\n`);
    this.exit = { code: -1, unexpected: true };
    void this.inner.close().catch(() => undefined);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.exit ??= { code: -1, unexpected: true };
    this.onclose?.();
  }
}

/** The protocol version a 2026-07-28 message carries in its _meta, if it is one. */
function modernVersionOf(message: JSONRPCMessage): string | undefined {
  const meta = (message as { params?: { _meta?: Record<string, unknown> } }).params?._meta;
  const version = meta?.[PROTOCOL_VERSION_META_KEY];
  return typeof version === 'string' ? version : undefined;
}

/**
 * Streamable HTTP opens no connection before the first message, so a cheap POST (a ping, answered or refused
 * without a session) shows at start time whether the endpoint is there and takes our credentials.
 */
async function probeStreamableEndpoint(url: URL, headers: Record<string, string>, fetchFn: typeof fetch): Promise<void> {
  const response = await fetchFn(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 'switchyard-probe', method: 'ping' }),
    redirect: 'manual',
    // With OAuth the request may wait for a sign-in; withTimeout bounds the whole start instead.
    ...(fetchFn === fetch ? { signal: AbortSignal.timeout(connectTimeoutMs) } : {}),
  });
  await response.body?.cancel().catch(() => undefined);
  if (response.status === 401 || response.status === 403 || response.status === 404 || response.status >= 500) {
    throw Object.assign(new Error(`HTTP ${response.status} ${response.statusText}`.trim()), { status: response.status });
  }
}

/** A start that may wait for the user to sign in in the browser gets as long as the sign-in may take. */
async function withTimeout(promise: Promise<void>, url: string, maySignIn = false): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${connectTimeoutMs / 1000} s from ${url}`), { cause: { code: 'ETIMEDOUT' } })),
      maySignIn ? connectTimeoutMs + signInTimeoutMs : connectTimeoutMs,
    );
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A failure of the remote connection as an error naming the URL, the HTTP status or network problem, and the fix. */
export function describeRemoteFailure(error: unknown, server: RemoteServerDefinition): SwitchyardError {
  if (error instanceof SwitchyardError) return error;
  const { name } = server;
  const { url } = server.remote;
  const status = httpStatusOf(error);
  const inspect = `switchyard server inspect ${name}`;
  if (status === 401 || status === 403) {
    return new SwitchyardError(
      'UNAUTHORIZED',
      `Remote server at ${url} refused the credentials: HTTP ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}.`,
      credentialsHint(server),
    );
  }
  if (status === 404) {
    return new SwitchyardError(
      'CONTAINER_FAILED',
      `Remote server at ${url} has no MCP endpoint at that address: HTTP 404.`,
      `Check the URL's path (often /mcp, or /sse for the legacy transport) and the transport (${server.remote.transport}): ${inspect}`,
    );
  }
  if (status !== undefined) {
    return new SwitchyardError(
      'CONTAINER_FAILED',
      `Remote server at ${url} answered HTTP ${status}.`,
      `The service may be down or overloaded; try again later, or check the URL: ${inspect}`,
    );
  }
  const network = networkCodeOf(error);
  if (network !== undefined) {
    return new SwitchyardError(
      'CONTAINER_FAILED',
      `Could not connect to remote server at ${url}: ${describeNetworkCode(network)}.`,
      `Check that the service is up and reachable from this machine, and the URL: ${inspect}`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SwitchyardError('CONTAINER_FAILED', `Remote server at ${url} failed: ${message}`, `Check the URL and transport: ${inspect}`);
}

function credentialsHint(server: RemoteServerDefinition): string {
  const keys = Object.values(server.launch?.secretEnv ?? {});
  if (keys.length > 0) return `Set the right value for the secret(s) its headers send: ${keys.map((key) => `switchyard secret set ${key}`).join('; ')}`;
  if (server.launch?.catalog)
    return `Set the right value for the secret(s) its headers send (${`switchyard server inspect ${server.name}`} lists them): switchyard secret set <key>`;
  if (Object.keys(server.remote.headers ?? {}).length > 0) return `Check the headers it sends: switchyard server inspect ${server.name}`;
  return `It needs credentials: add a header that references a secret, e.g. switchyard server add ${server.name} --remote ${server.remote.url} --header 'Authorization=Bearer \${TOKEN}' --secret ${server.name}.token:TOKEN, then switchyard secret set ${server.name}.token`;
}

/** The HTTP status in an SDK error (SdkHttpError.status, SseError.code, or "(HTTP n)" in a legacy POST error). */
function httpStatusOf(error: unknown): number | undefined {
  const fields = error as { status?: unknown; code?: unknown; message?: unknown } | null;
  if (typeof fields?.status === 'number') return fields.status;
  if (typeof fields?.code === 'number' && fields.code >= 100) return fields.code;
  const match = typeof fields?.message === 'string' ? /\(HTTP (\d{3})\)|Non-200 status code \((\d{3})\)/.exec(fields.message) : null;
  const text = match?.[1] ?? match?.[2];
  return text ? Number(text) : undefined;
}

/** The network error code (ECONNREFUSED, ENOTFOUND, a TLS code...) somewhere in an error's cause chain. */
function networkCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+|[A-Z_]*CERT[A-Z_]*|UNABLE_TO_[A-Z_]+)$/.test(code)) return code;
    const next = (current as { cause?: unknown; error?: unknown }).cause ?? (current as { error?: unknown }).error;
    if (next === current) break;
    current = next;
  }
  if (error instanceof Error && error.name === 'TimeoutError') return 'ETIMEDOUT';
  // The legacy transport's EventSource passes on only the text ("fetch failed: connect ECONNREFUSED ...").
  const message = error instanceof Error ? error.message : '';
  return /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(message)?.[1];
}

function describeNetworkCode(code: string): string {
  if (code === 'ECONNREFUSED') return 'connection refused (ECONNREFUSED)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `host not found (${code})`;
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return `no answer within ${connectTimeoutMs / 1000} s (${code})`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `the connection was reset (${code})`;
  if (/CERT|UNABLE_TO/.test(code)) return `its TLS certificate is not trusted (${code})`;
  return code;
}

function isSseStreamError(error: Error): boolean {
  return error.name === 'SseError' || (error as { event?: unknown }).event !== undefined;
}
