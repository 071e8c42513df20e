import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { RemoteOAuth } from '../../electron/runtime/oauth/remote-oauth.js';
import { openRemoteTransport, type RemoteTransport } from '../../electron/runtime/remote-transport.js';
import { StderrBuffer } from '../../electron/runtime/stderr-buffer.js';
import { TestAuthorizationServer } from './support/oauth-authorization-server.js';
import { startRemoteMcpServer, type RemoteMcpServer } from './support/remote-mcp-server.js';
import { followRedirect, memoryVault } from './support/oauth-test-browser.js';

/**
 * Step-up on `insufficient_scope` over the legacy HTTP+SSE transport (issue #19), with real parts: the remote
 * transport as the gateway opens it, oauth2-mock-server, and an MCP server on the 2024-11-05 transport (GET /sse,
 * POST /messages) that refuses POSTs with 403 `insufficient_scope` until the grant has the wider scope.
 */
describe('OAuth step-up on the legacy HTTP+SSE transport', () => {
  const as = new TestAuthorizationServer();
  let remote: RemoteMcpServer;
  let transport: RemoteTransport | undefined;

  beforeAll(async () => {
    await as.start();
    remote = await startRemoteMcpServer('no-static-token', as.protect({ resource: (base) => `${base}/sse` }));
  });

  afterAll(async () => {
    await transport?.close().catch(() => undefined);
    await remote?.close();
    await as.stop();
  });

  it('a POST refused for lack of scope signs in again with the wider scope and is sent again: the call goes through', async () => {
    const oauth = new RemoteOAuth({ secrets: memoryVault().secrets });
    oauth.interactive = () => ({ openBrowser: followRedirect });
    transport = await openRemoteTransport(
      { name: 'acme', image: `${remote.base}/sse`, remote: { url: `${remote.base}/sse`, transport: 'sse' } },
      new StderrBuffer(),
      oauth,
    );
    const answers = new Map<unknown, JSONRPCMessage>();
    transport.onmessage = (message) => void ('id' in message && answers.set(message.id, message));
    const answer = async (id: number) => {
      for (let i = 0; i < 300 && !answers.has(id); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      return answers.get(id) as { result?: unknown; error?: unknown } | undefined;
    };
    await transport.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'legacy-step-up', version: '1' } },
    });
    expect((await answer(1))?.result).toBeDefined();
    await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(as.authorizations.at(-1)?.scope).toBe('mcp.tools');

    as.requiredScope = { methods: ['POST'], scope: 'mcp.tools mcp.write' };
    try {
      await transport.send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'echo', arguments: { text: 'needs write' } } });
      expect((await answer(2))?.result).toEqual({ content: [{ type: 'text', text: 'remote (sse) heard: needs write' }] });
      expect(as.authorizations.at(-1)?.scope?.split(' ').sort()).toEqual(['mcp.tools', 'mcp.write']);
      expect(remote.toolCalls.map((call) => call.text)).toEqual(['needs write']);
    } finally {
      as.requiredScope = undefined;
    }
  });
});
