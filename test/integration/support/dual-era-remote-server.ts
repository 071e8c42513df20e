import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createMcpHandler,
  inputRequired,
  isLegacyRequest,
  McpServer,
  WebStandardStreamableHTTPServerTransport,
  type McpRequestContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';

/**
 * A remote MCP server of both eras on 127.0.0.1, wired the way the SDK documents it: 2026-07-28 requests go to
 * the stateless `createMcpHandler`, 2025-era traffic to a sessionful Streamable HTTP transport. One factory
 * defines the surface for both, except `modern-only` and `legacy-only`. `whoami` says which era served a call;
 * `sample` asks the caller for a sampling (a server-to-client request in 2025, input_required in 2026).
 */
export interface DualEraRemoteServer {
  /** `http://127.0.0.1:<port>/mcp` */
  readonly url: string;
  /** Every POST: which side served it, its method, the MCP-Protocol-Version header, whether it named a 2025 session, and the HTTP status. */
  readonly posts: Array<{ era: 'legacy' | 'modern'; method: string; version: string | null; session: boolean; status: number }>;
  /** URIs the 2025 side was asked to watch (resources/subscribe), and no longer (resources/unsubscribe). */
  readonly legacySubscriptions: Set<string>;
  /** Tells every subscriber of both eras that a resource changed. */
  touch(uri: string): Promise<void>;
  close(): Promise<void>;
}

export const boardUri = 'note://board';

export async function startDualEraRemoteServer(): Promise<DualEraRemoteServer> {
  const posts: DualEraRemoteServer['posts'] = [];
  const legacySubscriptions = new Set<string>();
  const sessions = new Map<string, { transport: WebStandardStreamableHTTPServerTransport; server: McpServer }>();
  const modern = createMcpHandler((ctx) => surface(ctx.era), { legacy: 'reject' });

  function surface(era: McpRequestContext['era']): McpServer {
    const server = new McpServer(
      { name: 'dual-era-fixture', version: '1.0.0' },
      { capabilities: { resources: { subscribe: true, listChanged: true }, tools: { listChanged: true } } },
    );
    server.registerTool('whoami', { description: 'Says which era served the call' }, async () => ({ content: [{ type: 'text', text: `served in ${era}` }] }));
    server.registerTool('echo', { description: 'Echoes its text', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
      content: [{ type: 'text', text: `echo (${era}): ${text}` }],
    }));
    const ask = { messages: [{ role: 'user' as const, content: { type: 'text' as const, text: 'say hi' } }], maxTokens: 5 };
    server.registerTool('sample', { description: 'Asks the caller to sample a message' }, async (ctx) => {
      // 2025: a server-to-client request; 2026-07-28: an input_required result, answered on the retry.
      const sampled = era === 'legacy' ? await ctx.mcpReq.requestSampling(ask) : (ctx.mcpReq.inputResponses?.hi as { content?: unknown } | undefined);
      if (!sampled) return inputRequired({ inputRequests: { hi: inputRequired.createMessage(ask) } });
      const content = sampled.content as { type: string; text?: string };
      return { content: [{ type: 'text', text: `sampled (${era}): ${content.text ?? ''}` }] };
    });
    if (era === 'modern')
      server.registerTool('modern-only', { description: 'Offered to 2026-07-28 clients only' }, async () => ({
        content: [{ type: 'text', text: 'modern only' }],
      }));
    else
      server.registerTool('legacy-only', { description: 'Offered to 2025-era clients only' }, async () => ({
        content: [{ type: 'text', text: 'legacy only' }],
      }));
    server.registerResource('board', boardUri, { mimeType: 'text/plain' }, async (uri) => ({ contents: [{ uri: uri.href, text: `board (${era})` }] }));
    if (era === 'legacy') {
      server.server.setRequestHandler('resources/subscribe', async (request) => {
        legacySubscriptions.add(request.params.uri);
        return {};
      });
      server.server.setRequestHandler('resources/unsubscribe', async (request) => {
        legacySubscriptions.delete(request.params.uri);
        return {};
      });
    }
    return server;
  }

  async function serveLegacy(request: Request): Promise<Response> {
    const sessionId = request.headers.get('mcp-session-id');
    const known = sessionId ? sessions.get(sessionId) : undefined;
    if (sessionId && !known) return new Response('session not found', { status: 404 });
    if (known) return known.transport.handleRequest(request);
    const server = surface('legacy');
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, { transport, server }),
    });
    await server.connect(transport);
    return transport.handleRequest(request);
  }

  const http = createServer((req, res) => {
    void (async () => {
      const request = await toWebRequest(req, res);
      const body = request.method === 'POST' ? ((await request.clone().json()) as { method?: string }) : undefined;
      const legacy = await isLegacyRequest(request.clone());
      const response = legacy ? await serveLegacy(request) : await modern.fetch(request);
      if (request.method === 'POST')
        posts.push({
          era: legacy ? 'legacy' : 'modern',
          method: body?.method ?? '(response)',
          version: request.headers.get('mcp-protocol-version'),
          session: request.headers.has('mcp-session-id'),
          status: response.status,
        });
      await sendWebResponse(response, res);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    posts,
    legacySubscriptions,
    async touch(uri) {
      modern.notify.resourceUpdated(uri);
      if (legacySubscriptions.has(uri))
        await Promise.all([...sessions.values()].map(({ server }) => server.server.sendResourceUpdated({ uri }).catch(() => undefined)));
    },
    async close() {
      await Promise.allSettled([...sessions.values()].map(({ transport }) => transport.close()));
      await modern.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
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
  return new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, body, signal: abort.signal });
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
