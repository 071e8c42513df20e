import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../shared/errors.js';
import { fetchWithOAuth } from '../../electron/runtime/oauth/oauth-fetch.js';
import { OAuthSession } from '../../electron/runtime/oauth/oauth-session.js';
import { TestAuthorizationServer } from './support/oauth-authorization-server.js';
import { startRemoteMcpServer, type RemoteMcpAuth, type RemoteMcpServer } from './support/remote-mcp-server.js';
import { followRedirect, memoryVault } from './support/oauth-test-browser.js';

/**
 * A remote MCP server that moves to another authorization server (SEP-2352): its protected resource metadata
 * names a new one, and only that one's tokens are accepted. Two real local authorization servers
 * (oauth2-mock-server, with dynamic client registration), a real OAuth-protected MCP server on 127.0.0.1; the
 * secret store is a Map (storage is not what this is about). The stored sign-in and the client registered at the
 * old server must not be presented to the new one: Switchyard discovers again and registers again (DCR).
 */
describe('OAuth: the resource moves to another authorization server', () => {
  const first = new TestAuthorizationServer();
  const second = new TestAuthorizationServer();
  let current = first;
  let remote: RemoteMcpServer;
  const movable: RemoteMcpAuth = {
    accepts: (token) => token !== undefined && current.valid.has(token),
    challenge: (base) => `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp", scope="mcp.tools"`,
    documents: (base) => ({
      '/.well-known/oauth-protected-resource/mcp': { resource: `${base}/mcp`, authorization_servers: [current.issuer], scopes_supported: ['mcp.tools'] },
    }),
  };
  /** An MCP initialize through the session's fetch (the transport's), answered 200 when the token is accepted. */
  const initialize = (session: OAuthSession) =>
    fetchWithOAuth(session, fetch)(`${remote.base}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'test', version: '1' } },
      }),
    });
  const signedInAtFirst = async (interactive = false) => {
    current = first;
    const session = new OAuthSession('acme', `${remote.base}/mcp`, memoryVault().secrets, fetch, () =>
      interactive ? { openBrowser: followRedirect } : undefined,
    );
    await session.signIn({ openBrowser: followRedirect });
    expect((await session.status()).discovery?.authorizationServerUrl).toContain(new URL(first.issuer).host);
    const response = await initialize(session);
    await response.body?.cancel();
    expect(response.status).toBe(200);
    current = second;
    return session;
  };

  beforeAll(async () => {
    await first.start();
    await second.start();
    remote = await startRemoteMcpServer('no-static-token', movable);
  });

  afterAll(async () => {
    await remote?.close();
    await first.stop();
    await second.stop();
  });

  it('signing in again after the move discovers the new authorization server and registers there, instead of signing in at the old one', async () => {
    const session = await signedInAtFirst();
    const [firstRegistrations, secondRegistrations, firstAuthorizations] = [
      first.registrations.length,
      second.registrations.length,
      first.authorizations.length,
    ];
    await session.signIn({ openBrowser: followRedirect });
    expect(second.registrations.length - secondRegistrations).toBe(1);
    expect(first.registrations.length).toBe(firstRegistrations);
    expect(first.authorizations.length).toBe(firstAuthorizations);
    const record = await session.status();
    expect(record.discovery?.authorizationServerUrl).toContain(new URL(second.issuer).host);
    expect(record.client?.client_id).toMatch(new RegExp(`^registered-${new URL(second.issuer).port}-`));
    const response = await initialize(session);
    await response.body?.cancel();
    expect(response.status).toBe(200);
  });

  it('a call after the move signs in at the new server by itself where it may open a browser, and goes through', async () => {
    const session = await signedInAtFirst(true);
    const secondRegistrations = second.registrations.length;
    const firstGrants = first.grants.length;
    const response = await initialize(session);
    await response.body?.cancel();
    expect(response.status).toBe(200);
    expect(second.registrations.length - secondRegistrations).toBe(1);
    // The old server was not asked to refresh a grant the resource no longer accepts.
    expect(first.grants.slice(firstGrants)).toEqual([]);
  });

  it('without a browser, the call answers that the server moved, naming the new authorization server and the command', async () => {
    const session = await signedInAtFirst(false);
    const error = await initialize(session).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(SwitchyardError);
    expect((error as SwitchyardError).message).toBe(
      `Remote server "acme" (${remote.base}/mcp) needs you to sign in: it moved to another authorization server (${second.issuer}), where Switchyard has not signed in yet.`,
    );
    expect((error as SwitchyardError).details).toMatchObject({
      reason: 'sign_in_required',
      cause: 'authorization_server_changed',
      command: 'switchyard server auth acme',
    });
    expect((await session.status()).tokens).toBeUndefined();
  });
});
