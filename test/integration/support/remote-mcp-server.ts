import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer, WebStandardStreamableHTTPServerTransport, isInitializeRequest } from '@modelcontextprotocol/server';
// The v2 server packages have no legacy HTTP+SSE transport; SDK v1 (a dev dependency) still ships one.
import { McpServer as LegacyMcpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { z } from 'zod';

/** A remote MCP server in the test process, on 127.0.0.1, that answers only requests carrying its bearer token. */
export interface RemoteMcpServer {
  /** `http://127.0.0.1:<port>`: Streamable HTTP at /mcp, legacy HTTP+SSE at /sse (messages to /messages). */
  readonly base: string;
  /** Every HTTP request that reached it, and whether it carried the right token (the header itself is not kept). */
  readonly requests: Array<{ method: string; path: string; authorized: boolean }>;
  /** `echo` calls it ran, with the transport they came over. */
  readonly toolCalls: Array<{ transport: 'streamable-http' | 'sse'; text: string }>;
  close(): Promise<void>;
}

/**
 * How an OAuth-protected server checks tokens instead of one fixed token: `accepts` decides, `challenge` is the
 * WWW-Authenticate header of its 401, and `documents` are served without a token (its RFC 9728 metadata).
 */
export interface RemoteMcpAuth {
  accepts(token: string | undefined): boolean;
  challenge(base: string): string;
  documents?: (base: string) => Record<string, unknown>;
  /** The WWW-Authenticate header of a 403 `insufficient_scope` for an accepted token that lacks a scope this request needs. */
  insufficientScope?: (token: string | undefined, request: { method: string; path: string }, base: string) => string | undefined;
}

export async function startRemoteMcpServer(token: string, auth?: RemoteMcpAuth): Promise<RemoteMcpServer> {
  const requests: RemoteMcpServer['requests'] = [];
  const toolCalls: RemoteMcpServer['toolCalls'] = [];
  const streamable = new Map<string, WebStandardStreamableHTTPServerTransport>();
  const legacy = new Map<string, SSEServerTransport>();
  let base = '';

  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const document = auth?.documents?.(base)[path];
    if (document !== undefined) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const authorized = auth ? auth.accepts(bearer) : bearer === token;
    requests.push({ method: req.method ?? '', path, authorized });
    if (!authorized) {
      res
        .writeHead(401, { 'www-authenticate': auth ? auth.challenge(base) : 'Bearer', 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'invalid_token' }));
      return;
    }
    const stepUp = auth?.insufficientScope?.(bearer, { method: req.method ?? '', path }, base);
    if (stepUp) {
      requests[requests.length - 1]!.authorized = false;
      res.writeHead(403, { 'www-authenticate': stepUp, 'content-type': 'application/json' }).end(JSON.stringify({ error: 'insufficient_scope' }));
      return;
    }
    const handled = path === '/mcp' ? serveStreamable(req, res) : path === '/sse' || path === '/messages' ? serveLegacy(req, res, path) : notFound(res);
    handled.catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    });
  });

  async function serveStreamable(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await toWebRequest(req, res);
    const sessionId = request.headers.get('mcp-session-id');
    let transport = sessionId ? streamable.get(sessionId) : undefined;
    if (sessionId && !transport) return void res.writeHead(404).end('session not found');
    if (!transport) {
      const body: unknown = request.method === 'POST' ? await request.clone().json() : undefined;
      if (!isInitializeRequest(body)) return void res.writeHead(400).end('no session: initialize first');
      const created = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void streamable.set(id, created),
      });
      transport = created;
      await modernServer().connect(created);
    }
    await sendWebResponse(await transport.handleRequest(request), res);
  }

  async function serveLegacy(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/sse' && req.method === 'GET') {
      const transport = new SSEServerTransport('/messages', res);
      legacy.set(transport.sessionId, transport);
      res.on('close', () => legacy.delete(transport.sessionId));
      await legacyServer().connect(transport);
      return;
    }
    const transport = legacy.get(new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('sessionId') ?? '');
    if (!transport) return void res.writeHead(404).end('session not found');
    await transport.handlePostMessage(req, res);
  }

  function modernServer(): McpServer {
    const server = new McpServer({ name: 'remote-fixture', version: '1.0.0' });
    server.registerTool('echo', { description: 'Echoes its text', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => {
      toolCalls.push({ transport: 'streamable-http', text });
      return { content: [{ type: 'text', text: `remote heard: ${text}` }] };
    });
    return server;
  }

  function legacyServer(): LegacyMcpServer {
    const server = new LegacyMcpServer({ name: 'remote-fixture-sse', version: '1.0.0' });
    server.registerTool('echo', { description: 'Echoes its text', inputSchema: { text: z.string() } }, async ({ text }) => {
      toolCalls.push({ transport: 'sse', text });
      return { content: [{ type: 'text', text: `remote (sse) heard: ${text}` }] };
    });
    return server;
  }

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    base,
    requests,
    toolCalls,
    async close() {
      await Promise.allSettled([...streamable.values(), ...legacy.values()].map((transport) => transport.close()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function notFound(res: ServerResponse): Promise<void> {
  res.writeHead(404).end('not found');
  return Promise.resolve();
}

async function toWebRequest(req: IncomingMessage, res: ServerResponse): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  const body = req.method === 'GET' || req.method === 'HEAD' || chunks.length === 0 ? undefined : Buffer.concat(chunks);
  return new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, body, signal: abort.signal });
}

async function sendWebResponse(response: Response, res: ServerResponse): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  res.flushHeaders();
  const reader = response.body.getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    res.write(value);
  }
  res.end();
}
