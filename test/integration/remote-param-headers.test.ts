import { afterAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { cli, httpClient, httpGatewayForSuite } from './support/http-gateway.js';
import { startModernRemoteServer, type ModernRemoteServer } from './support/modern-remote-server.js';

/**
 * SEP-2243 through the gateway: a 2026-07-28-only remote server whose tool declares `x-mcp-header: Region`
 * refuses any call without a matching `Mcp-Param-Region` header. The gateway computes that header from the
 * arguments it relays (so a 2025-era caller, which sends none, still gets through) and passes on the
 * `Mcp-Param-*` headers it does not recognise. No container runs.
 */
describe('Mcp-Param-* headers to a remote HTTP server', () => {
  let remote: ModernRemoteServer;
  const suite = httpGatewayForSuite(async (home) => {
    remote = await startModernRemoteServer();
    cli(home, ['server', 'add', 'geo', '--remote', remote.url]);
  });

  afterAll(async () => {
    await remote?.close();
  });

  it("a 2025-era caller sends no Mcp-Param headers: the gateway sends the backend's own, and forwards the unknown ones", async () => {
    const session = await legacySession(suite.gateway.url, suite.token);
    const answer = await session.call('locate', { region: 'Zürich', text: 'from a 2025 client' }, { 'Mcp-Param-Trace-Hint': 'abc-123' });
    expect(answer).toMatchObject({ result: { content: [{ type: 'text', text: 'routed to Zürich: from a 2025 client' }] } });
    expect(remote.toolCallHeaders.at(-1)).toEqual({
      'mcp-param-region': `=?base64?${Buffer.from('Zürich', 'utf8').toString('base64')}?=`,
      'mcp-param-trace-hint': 'abc-123',
    });
    expect(remote.toolCallStatuses.at(-1)).toBe(200);
  });

  it('a caller through the SDK client (either era) reaches the tool, plain ASCII values going as they are', async () => {
    const client: Client = await httpClient(suite.gateway.url, suite.token);
    try {
      const result = await client.callTool({ name: 'locate', arguments: { region: 'eu-west-1', text: 'sdk' } });
      expect(result.isError).not.toBe(true);
      expect(result.content).toEqual([{ type: 'text', text: 'routed to eu-west-1: sdk' }]);
      expect(remote.toolCallHeaders.at(-1)).toEqual({ 'mcp-param-region': 'eu-west-1' });
    } finally {
      await client.close();
    }
  });
});

/** A bare 2025-11-25 Streamable HTTP session: initialize, then requests with the session id and any extra headers. */
async function legacySession(
  url: string,
  token: string,
): Promise<{ call(name: string, args: Record<string, unknown>, headers?: Record<string, string>): Promise<unknown> }> {
  const base = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const init = await fetch(url, {
    method: 'POST',
    headers: base,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bare-2025', version: '1' } },
    }),
  });
  const sessionId = init.headers.get('mcp-session-id');
  if (!init.ok || !sessionId) throw new Error(`initialize failed: HTTP ${init.status} ${await init.text()}`);
  await init.text();
  const headers = { ...base, 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' };
  await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) }).then((response) =>
    response.text(),
  );
  let nextId = 2;
  return {
    async call(name, args, extra = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...headers, ...extra },
        body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method: 'tools/call', params: { name, arguments: args } }),
      });
      // A slow answer (the first call starts the backend) comes on an SSE stream: its last event is the answer.
      if (!String(response.headers.get('content-type')).includes('text/event-stream')) return response.json();
      const events = (await response.text()).split('\n').filter((line) => line.startsWith('data: '));
      return JSON.parse(events.at(-1)!.slice('data: '.length));
    },
  };
}
