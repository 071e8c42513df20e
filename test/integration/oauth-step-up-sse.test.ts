import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { fetchWithOAuth } from '../../electron/runtime/oauth/oauth-fetch.js';
import { OAuthSession } from '../../electron/runtime/oauth/oauth-session.js';
import { eventuallyAsync } from '../support/eventually-async.js';
import { TestAuthorizationServer } from './support/oauth-authorization-server.js';
import { startRemoteMcpServer, type RemoteMcpServer } from './support/remote-mcp-server.js';
import { followRedirect, memoryVault } from './support/oauth-test-browser.js';

/**
 * Step-up authorization (MCP authorization spec, "Scope challenge handling") on the requests of Streamable HTTP
 * that carry SSE: a POST whose answer is an event stream (this server answers every POST with SSE) and the
 * standalone GET event stream. Each is refused with 403 `insufficient_scope` naming a wider scope; the client
 * signs in again asking for the union of what it had and what is asked, and sends the request again. Real parts:
 * oauth2-mock-server, an OAuth-protected MCP server, the MCP SDK's client and transport over Switchyard's fetch
 * (as remote-transport.ts builds it); the browser is a fetch following the redirect to the loopback listener.
 */
describe('OAuth step-up on insufficient_scope for SSE requests', () => {
  const as = new TestAuthorizationServer();
  let remote: RemoteMcpServer;
  const clients: Client[] = [];

  const connect = async () => {
    const session = new OAuthSession('acme', `${remote.base}/mcp`, memoryVault().secrets, fetch, () => ({ openBrowser: followRedirect }));
    const client = new Client({ name: 'step-up-test', version: '1.0.0' });
    clients.push(client);
    await client.connect(new StreamableHTTPClientTransport(new URL(`${remote.base}/mcp`), { fetch: fetchWithOAuth(session, fetch) }));
    return { session, client };
  };

  beforeAll(async () => {
    await as.start();
    remote = await startRemoteMcpServer('no-static-token', as.protect());
  });

  afterAll(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await remote?.close();
    await as.stop();
  });

  it('a tools/call POST answered with SSE, refused for lack of scope: signs in again with the wider scope, and the call goes through', async () => {
    as.requiredScope = undefined;
    const { client, session } = await connect();
    expect(as.authorizations.at(-1)?.scope).toBe('mcp.tools');
    as.requiredScope = { methods: ['POST'], scope: 'mcp.tools mcp.write' };
    try {
      const result = await client.callTool({ name: 'echo', arguments: { text: 'needs write' } });
      expect(result.content).toEqual([{ type: 'text', text: 'remote heard: needs write' }]);
      expect(as.authorizations.at(-1)?.scope?.split(' ').sort()).toEqual(['mcp.tools', 'mcp.write']);
      expect((await session.status()).scope?.split(' ').sort()).toEqual(['mcp.tools', 'mcp.write']);
      expect(remote.toolCalls.map((call) => call.text)).toEqual(['needs write']);
    } finally {
      as.requiredScope = undefined;
    }
  });

  it('the standalone GET event stream, refused for lack of scope: signs in again with the wider scope, and the stream opens', async () => {
    as.requiredScope = { methods: ['GET'], scope: 'mcp.tools mcp.stream' };
    try {
      const authorizations = as.authorizations.length;
      const requests = remote.requests.length;
      await connect();
      const streamOpened = await eventuallyAsync(
        async () => remote.requests.slice(requests).some((request) => request.method === 'GET' && request.authorized),
        (opened) => opened,
        15_000,
      );
      expect(streamOpened).toBe(true);
      // Refused once for lack of scope, then opened with the wider grant.
      expect(
        remote.requests
          .slice(requests)
          .filter((request) => request.method === 'GET')
          .map((request) => request.authorized),
      ).toEqual([false, true]);
      const asked = as.authorizations.slice(authorizations).map((authorization) => authorization.scope);
      expect(asked).toEqual(['mcp.tools', 'mcp.tools mcp.stream']);
    } finally {
      as.requiredScope = undefined;
    }
  });
});
