import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { requireDockerAndImages } from './support/docker.js';
import { cliPath, repoRoot, tempHome } from './support/gateway-process.js';
import { cli, freePort, httpClient, HttpGatewayProcess, writeSettings } from './support/http-gateway.js';
import { TestAuthorizationServer } from './support/oauth-authorization-server.js';
import { startRemoteMcpServer, type RemoteMcpServer } from './support/remote-mcp-server.js';

/**
 * OAuth sign-in to a remote MCP server (issue #19), end to end with real parts: a local authorization server
 * (oauth2-mock-server on 127.0.0.1), an OAuth-protected MCP server publishing RFC 9728 metadata, the built CLI
 * and an HTTP gateway process, and SDK clients calling through it. The browser step is follow-redirect.mjs
 * (SWITCHYARD_BROWSER): it asks the authorization URL and follows the redirect to Switchyard's loopback listener.
 */
describe('OAuth sign-in to a remote MCP server', () => {
  const home = tempHome();
  const follower = path.join(repoRoot, 'test/conformance/oauth-client/follow-redirect.mjs');
  const opened = path.join(home.home, 'browser-opened.log');
  const browser = `echo opened >> ${JSON.stringify(opened)}; ${JSON.stringify(process.execPath)} ${JSON.stringify(follower)}`;
  const env = { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
  const as = new TestAuthorizationServer();
  let remote: RemoteMcpServer;
  let gateway: HttpGatewayProcess | undefined;
  let client: Client;

  const run = (args: string[], extra: Record<string, string> = {}, input?: string) => cli(home.home, args, { env: { ...env, ...extra }, input });
  const failure = (args: string[], extra: Record<string, string> = {}) => {
    try {
      run(args, extra);
    } catch (error) {
      return (error as { stderr: string }).stderr;
    }
    throw new Error(`switchyard ${args.join(' ')} succeeded`);
  };
  /**
   * `switchyard ARGS` with what it wrote to stderr (where sign-in talks to the user). Asynchronous: the
   * authorization and MCP servers it talks to run in this process.
   */
  const runWithStderr = (args: string[], extra: Record<string, string> = {}) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [cliPath, ...args], { env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home, ...env, ...extra } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.resume();
      child.once('exit', (code) =>
        code === 0 ? resolve(stderr) : reject(new Error(`switchyard ${args.join(' ')} exited with ${code}: ${stderr.replace(/\s+/g, ' ')}`)),
      );
    });
  /** The text of a call's answer: its content, or the error it was refused with. */
  const call = (with_: Client, text: string) =>
    with_.callTool({ name: 'echo', arguments: { text } }).then(
      (result) => ({ isError: result.isError === true, text: (result.content as Array<{ text: string }>).map((part) => part.text).join('\n') }),
      (error: Error) => ({ isError: true, text: error.message }),
    );
  const browserOpenings = () => {
    try {
      return readFileSync(opened, 'utf8').split('\n').filter(Boolean).length;
    } catch {
      return 0;
    }
  };
  const startGateway = async (extra: Record<string, string> = {}) => {
    await client?.close().catch(() => undefined);
    await gateway?.stop();
    gateway = new HttpGatewayProcess(home.home, [], { ...env, ...extra });
    await gateway.ready(60_000);
    client = await httpClient(gateway.url, run(['gateway', 'token']).trim());
  };

  beforeAll(async () => {
    requireDockerAndImages(); // the gateway checks the Docker engine when it starts, though no container runs here
    await as.start();
    remote = await startRemoteMcpServer('no-static-token', as.protect());
    writeSettings(home.home, { gateway: { port: await freePort() } });
    run(['server', 'add', 'acme', '--remote', `${remote.base}/mcp`]);
    await startGateway();
  }, 120_000);

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await gateway?.stop();
    await remote?.close();
    await as.stop();
    home.remove();
  });

  it('answers a call before sign-in with the command and the button that sign in; nothing reached the tool', async () => {
    const answer = await call(client, 'too early');
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain(`Remote server "acme" (${remote.base}/mcp) needs you to sign in: nobody has signed in to it yet.`);
    expect(answer.text).toContain('switchyard server auth acme');
    expect(answer.text).toContain('Sign in button');
    expect(remote.toolCalls).toEqual([]);
    expect(run(['server', 'inspect', 'acme'])).toContain('sign-in: not signed in (OAuth, if the server asks for it) -> switchyard server auth acme');
  });

  it('signs in with `server auth` (PKCE S256, the resource parameter, the scope the server asked for), then the call succeeds', async () => {
    const output = await runWithStderr(['server', 'auth', 'acme', '--client-id', 'switchyard-test', '--no-browser'], { SWITCHYARD_BROWSER: browser });
    expect(output).toContain(`Sign in to "acme" in your browser:\n\n  ${as.issuer}/authorize?`);
    expect(output).toMatch(/Signed in to "acme"\. Scopes: mcp\.tools\b.*\. The access token expires at \S+ and is renewed as needed\./);
    const authorization = as.authorizations.at(-1)!;
    expect(authorization).toMatchObject({
      client_id: 'switchyard-test',
      code_challenge_method: 'S256',
      resource: `${remote.base}/mcp`,
      scope: 'mcp.tools',
    });
    expect(authorization.redirect_uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
    expect(await call(client, 'hello')).toEqual({ isError: false, text: 'remote heard: hello' });
    const inspect = run(['server', 'inspect', 'acme']);
    expect(inspect).toMatch(
      /sign-in: signed in \(access token expires \d{4}-\d\d-\d\dT[^ ]+, renewed automatically; scopes mcp\.tools\b[^;]*; via http:\/\/(127\.0\.0\.1|localhost):\d+\)/,
    );
    // Tokens live in the secret store only: not in settings.json, not in inspect's JSON.
    const settings = readFileSync(path.join(home.home, 'settings.json'), 'utf8');
    const json = run(['server', 'inspect', 'acme', '--json']);
    for (const token of as.valid) {
      expect(settings).not.toContain(token);
      expect(json).not.toContain(token);
      expect(gateway!.stderr).not.toContain(token);
    }
    expect(JSON.parse(json)).toMatchObject({ signIn: { state: 'signed-in', renewable: true, clientId: 'switchyard-test', preregistered: true } });
  });

  it('renews an expired access token silently with the refresh token: the call succeeds, no browser opens', async () => {
    const grants = as.grants.length;
    const openings = browserOpenings();
    as.expireAccessTokens();
    expect(await call(client, 'after expiry')).toEqual({ isError: false, text: 'remote heard: after expiry' });
    expect(as.grants.slice(grants)).toEqual(['refresh_token']);
    expect(browserOpenings()).toBe(openings);
  });

  it('asks to sign in again when the refresh token was revoked, answering the call with that instead of losing it', async () => {
    as.revokeGrant();
    const answer = await call(client, 'after revocation');
    expect(answer.isError).toBe(true);
    expect(answer.text).toContain('needs you to sign in: its sign-in expired or was revoked, and could not be renewed');
    expect(answer.text).toContain('switchyard server auth acme');
    expect(remote.toolCalls.map((toolCall) => toolCall.text)).not.toContain('after revocation');
    await runWithStderr(['server', 'auth', 'acme', '--no-browser'], { SWITCHYARD_BROWSER: browser });
    expect(await call(client, 'signed in again')).toEqual({ isError: false, text: 'remote heard: signed in again' });
  });

  it('signs out with `server logout`: revokes at the server (RFC 7009), forgets the tokens, keeps the client the user gave', async () => {
    const revocations = as.revocations;
    const output = await runWithStderr(['server', 'logout', 'acme']);
    expect(output).toContain(`The authorization server revoked the tokens (${as.issuer}/revoke).`);
    expect(output).toContain('Signed out of "acme": its tokens are forgotten here.');
    expect(as.revocations - revocations).toBe(2); // the refresh token, then the access token
    const status = JSON.parse(run(['server', 'inspect', 'acme', '--json'])) as { signIn: Record<string, unknown> };
    expect(status.signIn).toMatchObject({ state: 'signed-out', clientId: 'switchyard-test', preregistered: true });
    expect(run(['secret', 'ls'])).not.toContain('acme.oauth_access_token');
  });

  it('signs in once when two clients call at once through a gateway that may open the browser', async () => {
    await startGateway({ SWITCHYARD_BROWSER: browser });
    const second = await httpClient(gateway!.url, run(['gateway', 'token']).trim(), {}, 'second-client');
    const openings = browserOpenings();
    const [one, two] = await Promise.all([call(client, 'first'), call(second, 'second')]);
    await second.close();
    expect(one).toEqual({ isError: false, text: 'remote heard: first' });
    expect(two).toEqual({ isError: false, text: 'remote heard: second' });
    expect(browserOpenings() - openings).toBe(1);
  });

  it('refuses a wrong client choice with a message naming the problem: not a remote server, an unknown server', () => {
    run(['server', 'add', 'boxed', '--image', 'switchyard-fixture/everything:latest', '--disabled']);
    expect(failure(['server', 'auth', 'boxed'])).toContain('Server "boxed" does not sign in with OAuth: it is not a remote server');
    expect(failure(['server', 'auth', 'nope'])).toContain('nope');
  });
});
