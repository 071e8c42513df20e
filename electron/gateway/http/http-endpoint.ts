import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../spec-constants.js';
import { classifyInboundRequest } from '@modelcontextprotocol/server';
import { SwitchyardError } from '../../../shared/errors.js';
import type { Logger } from '../../core/logger.js';
import { isAllowedOrigin, isLocalHost, tokenMatcher } from '../../core/local-request-guard.js';
import type { Gateway } from '../gateway.js';
import { isRequestId, rpcErrorCodes, type RequestId } from '../json-rpc.js';
import { LegacySseTransport } from './legacy-sse-transport.js';
import { accepts, isJsonContentType } from './media-type.js';
import { headerDeclarations, paramHeaderProblem, paramHeadersOf } from '../param-headers.js';
import { readJson } from './request-body.js';
import { defaultSessionLimits, SessionRegistry, type SessionLimits } from './session-registry.js';
import { StreamableSessionTransport } from './streamable-session-transport.js';
import { mcpPath } from '../../../shared/gateway-endpoint.js';
import { defaultProfile } from '../profile-view.js';
import { unknownProfileRpcError } from '../unknown-profile.js';

export interface HttpEndpointOptions {
  gateway: Gateway;
  port: number;
  /** The bearer token every MCP request must carry; undefined only for --no-auth (conformance runs). */
  token: string | undefined;
  logger: Logger;
  /** Largest accepted request body. */
  maxBodyBytes?: number;
  /** Idle timeout and cap of HTTP sessions (defaults: 30 minutes, 1,000 sessions). */
  sessionLimits?: Partial<SessionLimits>;
  /** The home this gateway serves (core/home-fingerprint.ts), reported on /health so commands of other homes pass it by. */
  homeFingerprint?: string;
}

export interface HttpEndpoint {
  url: string;
  port: number;
  /** HTTP sessions open now (Streamable HTTP and legacy SSE). */
  openSessions(): number;
  /** Requires this bearer token from now on (the token was rotated); no-op for an endpoint started without auth. */
  setToken(token: string): void;
  close(): Promise<void>;
}

export { mcpPath } from '../../../shared/gateway-endpoint.js';
export const legacySsePath = '/sse';
export const legacyMessagesPath = '/messages';
/** JSON-RPC error code (implementation-defined server error range) of the answer past the session cap. */
export const sessionCapErrorCode = -32005;

/**
 * The gateway on Streamable HTTP at http://127.0.0.1:<port>/mcp (with sessions, per-request JSON or SSE
 * answers and a GET stream), the legacy HTTP+SSE transport at /sse, and /health. Every MCP path needs the
 * bearer token and refuses foreign Host or Origin headers (DNS rebinding, drive-by pages).
 */
export async function startHttpEndpoint(options: HttpEndpointOptions): Promise<HttpEndpoint> {
  const sessions = new SessionRegistry<StreamableSessionTransport | LegacySseTransport>({ ...defaultSessionLimits, ...options.sessionLimits });
  /** 2026-07-28 callers share one gateway session per profile. */
  const statelessSessions = new Map<string, StreamableSessionTransport>();
  /** The profile each HTTP session attached to (by its path): a session is only served on that path. */
  const profileOf = new WeakMap<object, string>();
  const maxBody = options.maxBodyBytes ?? 4 * 1024 * 1024;
  let tokenMatches = options.token === undefined ? undefined : tokenMatcher(options.token);
  let port = options.port;

  const server = createServer((request, response) => {
    void route(request, response).catch((error: unknown) => {
      options.logger.error(`HTTP ${request.method} ${request.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) sendJsonRpcError(response, 500, null, rpcErrorCodes.internalError, 'Internal error');
    });
  });
  server.keepAliveTimeout = 60_000;

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.url ?? '/';
    const query = target.indexOf('?');
    const pathname = query < 0 ? target : target.slice(0, query);
    if (pathname === '/health') return health(request, response);
    const refusal = refuse(request);
    if (refusal) return void response.writeHead(refusal.status, refusal.headers).end(refusal.body);
    const profile = profileOfPath(pathname);
    if (profile !== undefined) {
      if (!options.gateway.hasProfile(profile)) {
        const { code, message, data } = unknownProfileRpcError(profile);
        return sendJsonRpcError(response, 404, null, code, message, data);
      }
      if (request.method === 'POST') return postMessage(request, response, profile);
      if (request.method === 'GET') return openStream(request, response, profile);
      if (request.method === 'DELETE') return deleteSession(request, response, profile);
      return void response.writeHead(405, { Allow: 'GET, POST, DELETE' }).end();
    }
    if (pathname === legacySsePath && request.method === 'GET') return openLegacy(response);
    if (pathname === legacyMessagesPath && request.method === 'POST') return postLegacy(request, response, new URL(target, 'http://127.0.0.1'));
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`Not found. The MCP endpoint is ${mcpPath}.`);
  }

  function refuse(request: IncomingMessage): { status: number; headers?: Record<string, string>; body: string } | undefined {
    if (!isLocalHost(request.headers.host, port)) return { status: 403, body: 'Forbidden: Host must be 127.0.0.1 or localhost.' };
    if (!isAllowedOrigin(request.headers.origin, port)) return { status: 403, body: 'Forbidden: cross-origin requests are refused.' };
    if (options.token === undefined) return undefined;
    const auth = request.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
    if (!tokenMatches!(given)) {
      return {
        status: 401,
        headers: { 'WWW-Authenticate': 'Bearer realm="switchyard"' },
        body: 'Unauthorized: send Authorization: Bearer <token> (see `switchyard gateway token`).',
      };
    }
    return undefined;
  }

  async function postMessage(request: IncomingMessage, response: ServerResponse, profile: string): Promise<void> {
    if (!accepts(request.headers.accept, 'application/json') || !accepts(request.headers.accept, 'text/event-stream')) {
      return sendJsonRpcError(
        response,
        406,
        null,
        rpcErrorCodes.invalidRequest,
        'Not Acceptable: the client must accept both application/json and text/event-stream.',
      );
    }
    if (!isJsonContentType(request.headers['content-type'])) {
      return sendJsonRpcError(response, 415, null, rpcErrorCodes.invalidRequest, 'Unsupported Media Type: send Content-Type: application/json.');
    }
    const parsed = await readJson(request, maxBody);
    if (!parsed.ok)
      return sendJsonRpcError(response, parsed.status, null, parsed.status === 413 ? rpcErrorCodes.invalidRequest : rpcErrorCodes.parseError, parsed.message);
    const message = parsed.value as JSONRPCMessage & { id?: RequestId; method?: string };
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return sendJsonRpcError(
        response,
        400,
        null,
        rpcErrorCodes.invalidRequest,
        'Invalid Request: send one JSON-RPC message per POST (batches are not part of this protocol version).',
      );
    }
    const idProblem = requestIdProblem(message);
    if (idProblem) return sendJsonRpcError(response, 400, null, rpcErrorCodes.invalidRequest, idProblem);
    const sessionId = header(request, 'mcp-session-id');
    if (!sessionId) {
      // The SDK's classifier decides the era and validates a 2026-07-28 request (envelope, method, headers) exactly as the spec words it.
      const era = classifyInboundRequest({
        httpMethod: 'POST',
        body: message,
        ...optionalHeader('protocolVersionHeader', header(request, 'mcp-protocol-version')),
        ...optionalHeader('mcpMethodHeader', header(request, 'mcp-method')),
        ...optionalHeader('mcpNameHeader', header(request, 'mcp-name')),
      });
      if (era.kind === 'reject') return sendJsonRpcError(response, era.httpStatus, message.id ?? null, era.code, era.message, era.data);
      if (era.kind === 'modern') {
        const mismatch = methodHeaderMissing(message, header(request, 'mcp-method')) ?? nameHeaderMismatch(message, header(request, 'mcp-name'));
        if (mismatch) return sendJsonRpcError(response, 400, message.id ?? null, -32020, mismatch.message, { mismatch: mismatch.data });
        const paramProblem = customHeaderProblem(message, (name) => header(request, name), profile);
        if (paramProblem)
          return sendJsonRpcError(response, 400, message.id ?? null, -32020, `Bad Request: the request headers and body disagree: ${paramProblem.reason}`, {
            mismatch: { header: paramProblem.header, body: paramProblem.reason },
          });
        return postStateless(message, response, paramHeadersOf(request.headers), profile);
      }
    }
    if (message.method === 'initialize' && message.id !== undefined) {
      if (sessionId)
        return sendJsonRpcError(response, 400, message.id, rpcErrorCodes.invalidRequest, 'Bad Request: initialize must not carry an Mcp-Session-Id.');
      if (!sessions.hasRoom()) return sendSessionCapError(response, message.id, sessions.limits);
      const transport = new StreamableSessionTransport();
      sessions.add(transport);
      profileOf.set(transport, profile);
      await options.gateway.connect(transport, profile);
      transport.acceptRequest(message as JSONRPCMessage & { id: RequestId }, response, { 'Mcp-Session-Id': transport.sessionId });
      return;
    }
    if (!sessionId)
      return sendJsonRpcError(
        response,
        400,
        message.id ?? null,
        rpcErrorCodes.invalidRequest,
        'Bad Request: Mcp-Session-Id header is required (initialize first).',
      );
    const transport = sessions.use(sessionId);
    if (!(transport instanceof StreamableSessionTransport) || profileOf.get(transport) !== profile)
      return sendJsonRpcError(
        response,
        404,
        message.id ?? null,
        rpcErrorCodes.invalidRequest,
        'Session not found: it ended or the gateway restarted; initialize a new session.',
      );
    const version = header(request, 'mcp-protocol-version');
    if (version && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
      return sendJsonRpcError(
        response,
        400,
        message.id ?? null,
        rpcErrorCodes.invalidRequest,
        `Bad Request: unsupported MCP-Protocol-Version "${version}" (supported: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}).`,
      );
    }
    if (typeof message.method === 'string' && message.id !== undefined) {
      transport.acceptRequest(message as JSONRPCMessage & { id: RequestId }, response, { 'Mcp-Session-Id': sessionId }, paramHeadersOf(request.headers));
    } else {
      response.writeHead(202).end();
      transport.acceptOther(message);
    }
  }

  /** Mcp-Param-* headers of a 2026 tools/call, checked against the tool's x-mcp-header declarations. */
  function customHeaderProblem(
    message: { method?: string; params?: unknown },
    headerOf: (name: string) => string | undefined,
    profile: string,
  ): { header: string; reason: string } | undefined {
    if (message.method !== 'tools/call') return undefined;
    const params = message.params as { name?: unknown; arguments?: unknown } | undefined;
    const tool = typeof params?.name === 'string' ? options.gateway.toolDefinition(params.name, profile) : undefined;
    if (!tool) return undefined;
    return paramHeaderProblem(headerDeclarations(tool.inputSchema), params?.arguments ?? {}, headerOf);
  }

  /** 2026-07-28: no session; every request is answered on its own response, through one shared gateway session. */
  async function postStateless(
    message: JSONRPCMessage & { id?: RequestId; method?: string },
    response: ServerResponse,
    paramHeaders: Record<string, string> | undefined,
    profile: string,
  ): Promise<void> {
    let statelessSession = statelessSessions.get(profile);
    if (!statelessSession) {
      const created = new StreamableSessionTransport({ stateless: true });
      statelessSessions.set(profile, (statelessSession = created));
      created.onclose = () => statelessSessions.get(profile) === created && statelessSessions.delete(profile);
      await options.gateway.connect(created, profile);
    }
    if (typeof message.method === 'string' && message.id !== undefined) {
      statelessSession.acceptRequest(message as JSONRPCMessage & { id: RequestId }, response, {}, paramHeaders);
    } else {
      response.writeHead(202).end();
      statelessSession.acceptOther(message);
    }
  }

  function openStream(request: IncomingMessage, response: ServerResponse, profile: string): void {
    if (!accepts(request.headers.accept, 'text/event-stream')) return void response.writeHead(406).end('Not Acceptable: GET needs Accept: text/event-stream.');
    const sessionId = header(request, 'mcp-session-id');
    const transport = sessionId ? sessions.use(sessionId) : undefined;
    if (!(transport instanceof StreamableSessionTransport) || profileOf.get(transport) !== profile)
      return void response.writeHead(sessionId ? 404 : 400).end(sessionId ? 'Session not found.' : 'Mcp-Session-Id header is required.');
    transport.attachStandalone(response, { 'Mcp-Session-Id': transport.sessionId });
  }

  async function deleteSession(request: IncomingMessage, response: ServerResponse, profile: string): Promise<void> {
    const sessionId = header(request, 'mcp-session-id');
    const transport = sessionId ? sessions.use(sessionId) : undefined;
    if (!(transport instanceof StreamableSessionTransport) || profileOf.get(transport) !== profile) return void response.writeHead(sessionId ? 404 : 400).end();
    await transport.close();
    response.writeHead(200).end();
  }

  async function openLegacy(response: ServerResponse): Promise<void> {
    if (!sessions.hasRoom()) return sendSessionCapError(response, null, sessions.limits);
    const transport = new LegacySseTransport(response, legacyMessagesPath);
    sessions.add(transport);
    await options.gateway.connect(transport);
  }

  async function postLegacy(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const transport = sessions.use(url.searchParams.get('sessionId') ?? '');
    if (!(transport instanceof LegacySseTransport)) return void response.writeHead(404).end('Session not found.');
    const parsed = await readJson(request, maxBody);
    if (!parsed.ok) return sendJsonRpcError(response, parsed.status, null, rpcErrorCodes.parseError, parsed.message);
    const idProblem =
      typeof parsed.value === 'object' && parsed.value !== null ? requestIdProblem(parsed.value as { id?: unknown; method?: unknown }) : undefined;
    if (idProblem) return sendJsonRpcError(response, 400, null, rpcErrorCodes.invalidRequest, idProblem);
    response.writeHead(202).end('Accepted');
    transport.accept(parsed.value as JSONRPCMessage);
  }

  function health(request: IncomingMessage, response: ServerResponse): void {
    if (!isLocalHost(request.headers.host, port)) return void response.writeHead(403).end();
    const status = options.gateway.status();
    const body = {
      status: status.state === 'running' ? 'ok' : 'stopped',
      service: 'switchyard',
      ...(options.homeFingerprint ? { home: options.homeFingerprint } : {}),
      version: status.version,
      sessions: status.sessions,
      servers: status.servers.length,
      running: status.servers.filter((server) => server.state === 'running').length,
      // The gateway serves without the engine (remote servers, lists); whether the engine answers is told apart.
      ...(status.engine ? { engine: status.engine } : {}),
    };
    response.writeHead(status.state === 'running' ? 200 : 503, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new SwitchyardError(
              'INVALID_INPUT',
              `Port ${options.port} on 127.0.0.1 is already in use.`,
              'Another gateway may be running (`curl http://127.0.0.1:' + options.port + '/health`), or choose another port with --port.',
            )
          : error,
      ),
    );
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}${mcpPath}`,
    port,
    openSessions: () => sessions.size,
    setToken(token) {
      if (options.token !== undefined) tokenMatches = tokenMatcher(token);
    },
    async close() {
      await Promise.all([sessions.closeAll(), ...[...statelessSessions.values()].map((session) => session.close())]);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The profile an MCP path serves: `/mcp` the default one, `/mcp/profiles/<name>` a named one; undefined for other paths. */
function profileOfPath(pathname: string): string | undefined {
  if (pathname === mcpPath) return defaultProfile;
  const prefix = `${mcpPath}/profiles/`;
  if (!pathname.startsWith(prefix)) return undefined;
  const name = pathname.slice(prefix.length);
  try {
    return name.length > 0 && !name.includes('/') ? decodeURIComponent(name) : undefined;
  } catch {
    return undefined;
  }
}

/** What is wrong with a message's id, if anything: a request needs a string or number, a response may also carry null. */
function requestIdProblem(message: { id?: unknown; method?: unknown }): string | undefined {
  const id = message.id;
  if (id === undefined || isRequestId(id)) return undefined;
  if (id === null && typeof message.method !== 'string') return undefined;
  return `Invalid Request: id must be a string or a number (got ${Array.isArray(id) ? 'an array' : id === null ? 'null' : `a ${typeof id}`}).`;
}

/** The answer past the session cap: 503, with the limits and what to do in a JSON-RPC error. */
function sendSessionCapError(response: ServerResponse, id: RequestId | null, limits: SessionLimits): void {
  const idleFor = limits.idleTimeoutMs >= 120_000 ? `${Math.round(limits.idleTimeoutMs / 60_000)} min` : `${Math.round(limits.idleTimeoutMs / 1000)} s`;
  response.setHeader('Retry-After', '60');
  sendJsonRpcError(
    response,
    503,
    id,
    sessionCapErrorCode,
    `Service Unavailable: the gateway already holds its maximum of ${limits.maxSessions} open sessions. ` +
      `End sessions you no longer use (HTTP DELETE ${mcpPath} with their Mcp-Session-Id), ` +
      (limits.idleTimeoutMs > 0 ? `or wait for idle ones to expire (after ${idleFor}), ` : '') +
      'or raise the cap with `switchyard gateway run --max-sessions N`.',
    { maxSessions: limits.maxSessions, idleTimeoutSeconds: Math.round(limits.idleTimeoutMs / 1000) },
  );
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sendJsonRpcError(response: ServerResponse, status: number, id: RequestId | null, code: number, message: string, data?: unknown): void {
  const error = data === undefined ? { code, message } : { code, message, data };
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id, error }));
}

function optionalHeader<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/** Body fields the 2026-07-28 `Mcp-Name` header must mirror (SEP-2243). */
const nameFieldOf: Record<string, string> = { 'tools/call': 'name', 'prompts/get': 'name', 'resources/read': 'uri' };

/** Every 2026 JSON-RPC request over HTTP names its method in `Mcp-Method` (the classifier checks a present one). */
export function methodHeaderMissing(
  message: { id?: unknown; method?: string },
  methodHeader: string | undefined,
): { message: string; data: { header: string | null; body: string } } | undefined {
  if (message.id === undefined || typeof message.method !== 'string' || methodHeader !== undefined) return undefined;
  return {
    message: `Bad Request: the Mcp-Method header is required (it must equal the body's method, ${message.method}).`,
    data: { header: null, body: message.method },
  };
}

/** A missing or disagreeing `Mcp-Name` header on a name-shaped 2026 request (surrounding whitespace is allowed). */
export function nameHeaderMismatch(
  message: { method?: string; params?: unknown },
  nameHeader: string | undefined,
): { message: string; data: { header: string | null; body: string } } | undefined {
  const field = message.method ? nameFieldOf[message.method] : undefined;
  if (!field) return undefined;
  const body = (message.params as Record<string, unknown> | undefined)?.[field];
  if (typeof body !== 'string') return undefined;
  const given = nameHeader?.trim();
  if (given === body) return undefined;
  return {
    message:
      given === undefined
        ? `Bad Request: the Mcp-Name header is required for ${message.method} (it must equal params.${field}).`
        : `Bad Request: the Mcp-Name header names "${given}" but params.${field} is "${body}".`,
    data: { header: given ?? null, body },
  };
}
