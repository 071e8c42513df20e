import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { cli, httpClient, httpGatewayForSuite } from './support/http-gateway.js';
import { slowSilentMs, startRawJsonRemoteServer, type RawJsonRemoteServer } from './support/raw-json-remote-server.js';

/** What remote servers really send back, through the gateway: several messages in one JSON body, a body that is not JSON, silence. */
describe('answers of a remote HTTP server that only speaks application/json', () => {
  let remote: RawJsonRemoteServer;
  let client: Client;
  const suite = httpGatewayForSuite(async (home) => {
    remote = await startRawJsonRemoteServer();
    cli(home, ['server', 'add', 'raw', '--remote', remote.url]);
  });

  beforeAll(async () => {
    client = await httpClient(suite.gateway.url, suite.token);
  });

  afterAll(async () => {
    await client?.close();
    await remote?.close();
  });

  it('reads a progress notification and the result sent in one body, one per line, and relays both', async () => {
    const progress: unknown[] = [];
    const result = await client.callTool({ name: 'progress-then-result', arguments: {} }, { onprogress: (update) => void progress.push(update) });
    expect(result.isError).not.toBe(true);
    expect(result.content).toEqual([{ type: 'text', text: 'done after progress' }]);
    expect(progress).toEqual([expect.objectContaining({ progress: 1, total: 2 })]);
  });

  it('reports a body that is not JSON as what it is, never as "could not reach"', async () => {
    const failure = await client.callTool({ name: 'not-json', arguments: {} }).then(
      (result) => JSON.stringify(result),
      (error: unknown) => String(error),
    );
    expect(failure).toContain('not JSON');
    expect(failure).toContain('Service temporarily unavailable');
    expect(failure).not.toContain('could not reach');
    // The connection is still good.
    const after = await client.callTool({ name: 'progress-then-result', arguments: {} });
    expect(after.content).toEqual([{ type: 'text', text: 'done after progress' }]);
  });

  it('opens the response (SSE headers) at once for a call whose server sends nothing until its result', async () => {
    const session = await fetch(suite.gateway.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${suite.token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
      }),
    });
    const sessionId = session.headers.get('mcp-session-id')!;
    await session.text();
    const headers = {
      authorization: `Bearer ${suite.token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-session-id': sessionId,
      'mcp-protocol-version': '2025-11-25',
    };
    await fetch(suite.gateway.url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
    const started = performance.now();
    const response = await fetch(suite.gateway.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'slow-silent', arguments: {} } }),
    });
    const headersAfterMs = performance.now() - started;
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(headersAfterMs).toBeLessThan(slowSilentMs / 2);
    const body = await response.text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(slowSilentMs - 100);
    expect(body).toContain('finally');
  });
});
