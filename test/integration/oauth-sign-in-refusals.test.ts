import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../shared/errors.js';
import { OAuthSession, type SignInOptions } from '../../electron/runtime/oauth/oauth-session.js';
import { TestAuthorizationServer } from './support/oauth-authorization-server.js';
import { startRemoteMcpServer, type RemoteMcpServer } from './support/remote-mcp-server.js';
import { followRedirect, memoryVault } from './support/oauth-test-browser.js';

/**
 * Bad input to the OAuth sign-in, against a real local authorization server (oauth2-mock-server) and real
 * OAuth-protected MCP servers on 127.0.0.1: each is refused with a message that names the problem, and no
 * token is stored. The secret store is a Map here (the storage is not what these tests are about).
 */
describe('OAuth sign-in refuses bad input, naming the problem', () => {
  const as = new TestAuthorizationServer();
  const servers: RemoteMcpServer[] = [];

  const signInFailure = async (server: RemoteMcpServer, options: Partial<SignInOptions> = {}) => {
    const { values, secrets } = memoryVault();
    const session = new OAuthSession('acme', `${server.base}/mcp`, secrets);
    const error = await session.signIn({ openBrowser: followRedirect, timeoutMs: 20_000, client: { client_id: 'switchyard-test' }, ...options }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(SwitchyardError);
    expect([...values.keys()].filter((key) => key.includes('token'))).toEqual([]);
    return error as SwitchyardError;
  };
  const protectedServer = async (options: Parameters<TestAuthorizationServer['protect']>[0] = {}) => {
    const server = await startRemoteMcpServer('no-static-token', as.protect(options));
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    await as.start();
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    await as.stop();
  });

  it('signs in when nothing is wrong (the baseline of the refusals below)', async () => {
    const server = await protectedServer();
    const { values, secrets } = memoryVault();
    const result = await new OAuthSession('acme', `${server.base}/mcp`, secrets).signIn({
      openBrowser: followRedirect,
      client: { client_id: 'switchyard-test' },
    });
    expect(result).toMatchObject({ required: true });
    expect(values.has('acme.oauth_access_token')).toBe(true);
  });

  it('refuses an authorization server on plain http to another machine, before sending it anything', async () => {
    const server = await protectedServer({ authorizationServer: 'http://auth.example.test' });
    const error = await signInFailure(server);
    expect(error.message).toBe(
      'Sign-in to "acme" refused: its authorization server http://auth.example.test is plain http on another machine (tokens and codes would travel unencrypted).',
    );
    expect(error.details).toMatchObject({ reason: 'insecure_authorization_server' });
  });

  it('refuses protected resource metadata whose resource is not this server', async () => {
    const server = await protectedServer({ resource: (base) => `${base}/someone-else` });
    const error = await signInFailure(server);
    expect(error.message).toContain(`its protected resource metadata names the resource ${server.base}/someone-else, which is not this server`);
    expect(error.details).toMatchObject({ reason: 'resource_mismatch' });
  });

  it('refuses a redirect that carries the wrong state', async () => {
    const server = await protectedServer();
    const wrongState = async (url: URL) => {
      const redirect = new URL(url.searchParams.get('redirect_uri')!);
      redirect.searchParams.set('code', 'stolen-code');
      redirect.searchParams.set('state', 'not-the-state');
      await (await fetch(redirect)).body?.cancel();
    };
    const error = await signInFailure(server, { openBrowser: wrongState });
    expect(error.message).toBe('Sign-in to "acme" refused: the redirect carried the wrong state (it does not answer the sign-in Switchyard started).');
    expect(error.details).toMatchObject({ reason: 'state_mismatch' });
  });

  it('reports an authorization server that answers HTTP 500', async () => {
    const server = await protectedServer();
    as.failing = true;
    try {
      const error = await signInFailure(server);
      expect(error.message).toMatch(/^Sign-in to "acme" failed: the authorization server answered HTTP 500 at http:\/\/localhost:\d+\/token \(/);
      expect(error.details).toMatchObject({ reason: 'authorization_server_error', status: 500 });
    } finally {
      as.failing = false;
    }
  });
});
