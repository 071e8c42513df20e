import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import type { ApiMethod, ApiResult } from '../../shared/api.js';
import type { GatewayStatus } from '../../shared/domain.js';
import { openSettingsEngine, type SettingsEngine } from '../../electron/app/settings-engine.js';
import { silentLogger } from '../../electron/core/logger.js';
import { createControlService } from '../../electron/control/create-control.js';
import type { ControlService } from '../../electron/control/control-service.js';
import { requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { writeSettings } from './support/http-gateway.js';
import { TestAuthorizationServer } from './support/oauth-authorization-server.js';
import { startRemoteMcpServer, type RemoteMcpServer } from './support/remote-mcp-server.js';

/**
 * The window's side of an OAuth sign-in (issue #19), through the control API of an engine in this process, with
 * real parts: oauth2-mock-server on 127.0.0.1, an OAuth-protected MCP server, the engine's loopback listener, and
 * the browser step done by following the authorization server's redirect with fetch. What the window relies on:
 * the server's "needs you to sign in" failure ends when a sign-in succeeds (with a status event), Cancel stops a
 * waiting sign-in and closes its listener, the desktop app's system browser is opened by the engine, and a
 * failed attempt carries the reason code, not the CLI's wording.
 */
describe('sign-in from a window (control API)', () => {
  const home = tempHome();
  const as = new TestAuthorizationServer();
  const backendBefore = process.env.SWITCHYARD_SECRET_BACKEND;
  const statuses: GatewayStatus[] = [];
  let remote: RemoteMcpServer;
  let engine: SettingsEngine;
  let control: ControlService;
  let client: Client;

  const call = async <M extends ApiMethod>(method: M, input: unknown) => {
    const outcome = await control.dispatch(method, input);
    if (!outcome.ok) throw new Error(`${method}: ${JSON.stringify(outcome.error)}`);
    return outcome.result as ApiResult<M>;
  };
  const acme = () => engine.app.gateway.status().servers.find((server) => server.name === 'acme')!;
  const signInState = async () => (await call('server.inspect', { name: 'acme' })).signIn;
  /** The browser: asks the authorization URL and follows the redirect to the engine's loopback listener. */
  const followInBrowser = async (authorizationUrl: string) => {
    const approved = await fetch(authorizationUrl, { redirect: 'manual' });
    const location = approved.headers.get('location');
    await approved.body?.cancel();
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?/);
    const landed = await fetch(location!);
    expect(await landed.text()).toContain('Signed in to acme');
  };
  const redirectPort = (authorizationUrl: string) => Number(new URL(new URL(authorizationUrl).searchParams.get('redirect_uri')!).port);
  const accepts = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
  const echo = (text: string) =>
    client.callTool({ name: 'echo', arguments: { text } }).then(
      (result) => ({ isError: result.isError === true, text: (result.content as Array<{ text: string }>).map((part) => part.text).join('\n') }),
      (error: Error) => ({ isError: true, text: error.message }),
    );

  beforeAll(async () => {
    requireDockerAndImages(); // the gateway checks the Docker engine when it starts, though no container runs here
    process.env.SWITCHYARD_SECRET_BACKEND = 'encrypted-file';
    await as.start();
    remote = await startRemoteMcpServer('no-static-token', as.protect());
    writeSettings(home.home, { servers: { acme: { remote: { url: `${remote.base}/mcp`, transport: 'streamable-http' }, enabled: true } } });
    engine = await openSettingsEngine({ home: home.home, logger: silentLogger, history: false });
    control = createControlService(engine.app);
    engine.app.gateway.onStatus((status) => statuses.push(status));
    await engine.app.gateway.start();
    const [clientSide, gatewaySide] = InMemoryTransport.createLinkedPair();
    await engine.app.gateway.connect(gatewaySide);
    client = new Client({ name: 'window-sign-in-test', version: '1.0.0' });
    await client.connect(clientSide);
  }, 60_000);

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    control?.close();
    await engine?.close();
    await remote?.close();
    await as.stop();
    if (backendBefore === undefined) delete process.env.SWITCHYARD_SECRET_BACKEND;
    else process.env.SWITCHYARD_SECRET_BACKEND = backendBefore;
    home.remove();
  });

  it('Cancel stops a sign-in waiting for the browser: its loopback listener is closed and the state is back to not signed in', async () => {
    const started = await call('server.signIn', { name: 'acme' });
    if (!('authorizationUrl' in started)) throw new Error('no authorization URL');
    expect(started.opened).toBe(false); // no system browser in this process: the window opens it
    const port = redirectPort(started.authorizationUrl);
    expect(await accepts(port)).toBe(true);
    expect((await signInState())?.attempt?.state).toBe('pending');

    expect(await call('server.cancelSignIn', { name: 'acme' })).toEqual({ server: 'acme', cancelled: true });
    expect(await accepts(port)).toBe(false);
    const after = await signInState();
    expect(after?.state).toBe('signed-out');
    expect(after?.attempt).toBeUndefined();
    // The old authorization URL leads nowhere now: the redirect finds no listener.
    const approved = await fetch(started.authorizationUrl, { redirect: 'manual' });
    await approved.body?.cancel();
    await expect(fetch(approved.headers.get('location')!)).rejects.toThrow();
    expect(await call('server.cancelSignIn', { name: 'acme' })).toEqual({ server: 'acme', cancelled: false });
    expect(as.grants.filter((grant) => grant === 'authorization_code')).toEqual([]);
  });

  it('a failed sign-in keeps its reason code and no CLI wording (the window words it)', async () => {
    as.failing = true;
    try {
      const started = await call('server.signIn', { name: 'acme' });
      if (!('authorizationUrl' in started)) throw new Error('no authorization URL');
      const approved = await fetch(started.authorizationUrl, { redirect: 'manual' });
      await approved.body?.cancel();
      await fetch(approved.headers.get('location')!).then((response) => response.body?.cancel());
      await expect.poll(async () => (await signInState())?.attempt?.state, { timeout: 15_000 }).toBe('failed');
      const attempt = (await signInState())?.attempt;
      expect(attempt).toMatchObject({ state: 'failed', code: 'UNAUTHORIZED', reason: 'authorization_server_error' });
      expect(JSON.stringify(attempt)).not.toContain('switchyard server auth');
    } finally {
      as.failing = false;
    }
    await call('server.cancelSignIn', { name: 'acme' }); // forgets the failed attempt
    expect((await signInState())?.attempt).toBeUndefined();
  });

  it('after a sign-in succeeds, the server no longer shows its "needs you to sign in" failure (status event), and the next call goes through', async () => {
    expect((await echo('too early')).text).toContain('needs you to sign in');
    expect(acme().state).toBe('error');
    expect(acme().error).toContain('needs you to sign in');

    const seen = statuses.length;
    const started = await call('server.signIn', { name: 'acme' });
    if (!('authorizationUrl' in started)) throw new Error('no authorization URL');
    await followInBrowser(started.authorizationUrl);
    await expect.poll(async () => (await signInState())?.state, { timeout: 15_000 }).toBe('signed-in');
    await expect.poll(() => acme().error, { timeout: 5000 }).toBeUndefined();
    expect(acme().state).toBe('stopped');
    const announced = statuses.slice(seen).map((status) => status.servers.find((server) => server.name === 'acme'));
    expect(announced.at(-1)).toMatchObject({ state: 'stopped' });
    expect(announced.at(-1)?.error).toBeUndefined();
    expect(await echo('after sign-in')).toEqual({ isError: false, text: 'remote heard: after sign-in' });
  });

  it('in the desktop app the engine opens the system browser itself (opened: true); a browser that fails to open leaves it to the window', async () => {
    await call('server.signOut', { name: 'acme' });
    const opened: string[] = [];
    engine.app.services.oauth.systemBrowser = (url) => void opened.push(url);
    try {
      const started = await call('server.signIn', { name: 'acme' });
      if (!('authorizationUrl' in started)) throw new Error('no authorization URL');
      expect(started.opened).toBe(true);
      expect(opened).toEqual([started.authorizationUrl]);
      await call('server.cancelSignIn', { name: 'acme' });

      engine.app.services.oauth.systemBrowser = () => Promise.reject(new Error('no browser'));
      const again = await call('server.signIn', { name: 'acme' });
      expect('opened' in again && again.opened).toBe(false);
      await call('server.cancelSignIn', { name: 'acme' });
    } finally {
      engine.app.services.oauth.systemBrowser = undefined;
    }
  });
});
