import { Client, SSEClientTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/logger.js';
import { Gateway } from '../../../electron/gateway/gateway.js';
import { startHttpEndpoint, sessionCapErrorCode, type HttpEndpoint } from '../../../electron/gateway/http/http-endpoint.js';
import type { SessionLimits } from '../../../electron/gateway/http/session-registry.js';
import { FakeRuntime } from './support/fake-runtime.js';

/**
 * The HTTP endpoint's sessions and input checks, with a real gateway (fake containers), real sockets and the
 * real SDK clients of both HTTP transports.
 */
const TOKEN = 'http-endpoint-test-token-0123456789';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function startEndpoint(limits: Partial<SessionLimits> = {}): Promise<{ endpoint: HttpEndpoint; gateway: Gateway; base: string }> {
  const gateway = new Gateway({ runtime: new FakeRuntime(), servers: [{ name: 'fake', image: 'test/fake-mcp:1.0' }], version: '0', logger: silentLogger });
  cleanups.push(() => gateway.close());
  await gateway.start();
  const endpoint = await startHttpEndpoint({ gateway, port: 0, token: TOKEN, logger: silentLogger, sessionLimits: limits });
  cleanups.push(() => endpoint.close());
  return { endpoint, gateway, base: `http://127.0.0.1:${endpoint.port}` };
}

async function streamableClient(endpoint: HttpEndpoint): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const client = new Client({ name: 'session-test', version: '1' });
  const transport = new StreamableHTTPClientTransport(new URL(endpoint.url), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } });
  await client.connect(transport);
  cleanups.push(() => client.close());
  return { client, transport };
}

const initialize = (id: unknown = 1) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

function post(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(3000),
  });
}

async function openRawSession(base: string): Promise<string> {
  const response = await post(base, initialize());
  expect(response.status).toBe(200);
  await response.text();
  return response.headers.get('mcp-session-id')!;
}

describe('HTTP sessions', () => {
  it('forgets a session at DELETE: the next request with its id gets 404 at once', async () => {
    const { endpoint, base } = await startEndpoint();
    const sessionId = await openRawSession(base);
    expect(endpoint.openSessions()).toBe(1);
    const deleted = await fetch(`${base}/mcp`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}`, 'mcp-session-id': sessionId } });
    expect(deleted.status).toBe(200);
    expect(endpoint.openSessions()).toBe(0);
    const after = await post(base, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'mcp-session-id': sessionId });
    expect(after.status).toBe(404);
    const again = await fetch(`${base}/mcp`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}`, 'mcp-session-id': sessionId } });
    expect(again.status).toBe(404);
  });

  it('ends an idle session after the idle timeout, and keeps one whose client holds its stream', async () => {
    const idleTimeoutMs = 1500;
    const { endpoint, gateway, base } = await startEndpoint({ idleTimeoutMs });
    const { client } = await streamableClient(endpoint); // the SDK client holds a GET stream open
    const openedAt = performance.now();
    const idle = await openRawSession(base);
    expect(endpoint.openSessions()).toBe(2);
    await expect.poll(() => endpoint.openSessions(), { timeout: idleTimeoutMs * 4, interval: 50 }).toBe(1);
    expect(performance.now() - openedAt).toBeGreaterThanOrEqual(idleTimeoutMs - 50);
    expect(gateway.status().sessions).toBe(1);
    expect((await post(base, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, { 'mcp-session-id': idle })).status).toBe(404);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('echo');
  });

  it('refuses a session past the cap with 503 and a JSON-RPC error naming the cap and what to do', async () => {
    const { endpoint, base } = await startEndpoint({ maxSessions: 3 });
    for (let i = 0; i < 3; i++) await openRawSession(base);
    const refused = await post(base, initialize(7));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('60');
    const body = (await refused.json()) as { id: unknown; error: { code: number; message: string; data: Record<string, unknown> } };
    expect(body.id).toBe(7);
    expect(body.error.code).toBe(sessionCapErrorCode);
    expect(body.error.message).toContain('maximum of 3 open sessions');
    expect(body.error.message).toContain('DELETE');
    expect(body.error.message).toContain('wait for idle ones to expire (after 30 min)');
    expect(body.error.message).toContain('--max-sessions');
    expect(body.error.data).toMatchObject({ maxSessions: 3, idleTimeoutSeconds: 1800 });
    // Legacy SSE sessions count toward the same cap.
    const legacy = await fetch(`${base}/sse`, { headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' } });
    expect(legacy.status).toBe(503);
    expect(endpoint.openSessions()).toBe(3);
  });

  it('forgets a legacy SSE session when its client disconnects, and counts it while it lives', async () => {
    const { endpoint, base } = await startEndpoint();
    const client = new Client({ name: 'legacy', version: '1' });
    const transport = new SSEClientTransport(new URL('/sse', base), { requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } } });
    await client.connect(transport);
    expect(endpoint.openSessions()).toBe(1);
    await client.close();
    await expect.poll(() => endpoint.openSessions(), { timeout: 2000 }).toBe(0);
  });

  it('lets the SDK client end its session with terminateSession (what the CLI does)', async () => {
    const { endpoint } = await startEndpoint();
    const { client, transport } = await streamableClient(endpoint);
    await client.listTools();
    await transport.terminateSession();
    expect(endpoint.openSessions()).toBe(0);
  });
});

describe('HTTP input checks', () => {
  it.each([
    ['an object', { a: 1 }],
    ['an array', [1]],
  ])('answers a request whose id is %s with -32600 at once', async (_kind, id) => {
    const { base } = await startEndpoint();
    const sessionId = await openRawSession(base);
    const response = await post(base, { jsonrpc: '2.0', id, method: 'tools/list' }, { 'mcp-session-id': sessionId });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ id: null, error: { code: -32600, message: expect.stringContaining('id must be a string or a number') } });
    const init = await post(base, initialize(id));
    expect(init.status).toBe(400);
    expect(((await init.json()) as { error: { code: number } }).error.code).toBe(-32600);
  });

  it('reads Content-Type as a media type', async () => {
    const { base } = await startEndpoint();
    expect((await post(base, initialize(), { 'content-type': 'text/plain; x=application/json' })).status).toBe(415);
    expect((await post(base, initialize(), { 'content-type': 'text/application/json' })).status).toBe(415);
    const withCharset = await post(base, initialize(), { 'content-type': 'Application/JSON; charset=utf-8' });
    expect(withCharset.status).toBe(200);
    await withCharset.text();
    const stream = await fetch(`${base}/mcp`, {
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/plain; x=text/event-stream', 'mcp-session-id': withCharset.headers.get('mcp-session-id')! },
    });
    expect(stream.status).toBe(406);
  });
});
