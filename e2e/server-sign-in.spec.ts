import { expect, test, type Page } from '@playwright/test';
import type { Client } from '@modelcontextprotocol/client';
import { TestAuthorizationServer } from '../test/integration/support/oauth-authorization-server.js';
import { startRemoteMcpServer, type RemoteMcpServer } from '../test/integration/support/remote-mcp-server.js';
import { requireDocker, startEngine, type Engine } from './support/engine.js';
import { expectAccessible, goTo, openWindow, screenshots } from './support/window.js';

// The secret store is an encrypted file here (no keyring on a test machine).
process.env.SWITCHYARD_SECRET_BACKEND = 'encrypted-file';

test.describe.configure({ mode: 'serial', timeout: 240_000 });

/**
 * Sign in / Sign out of a remote OAuth server in the window (issue #19), with real parts: a local authorization
 * server (oauth2-mock-server on 127.0.0.1, approving at once as a user clicking Allow would, and registering
 * clients dynamically), an OAuth-protected MCP server publishing RFC 9728 metadata, the engine (`gateway run
 * --ui`), and Chromium following the authorization URL from the page's link to the engine's loopback listener.
 */
let as: TestAuthorizationServer;
let remote: RemoteMcpServer;
let engine: Engine;
let client: Client | undefined;

const signIn = (page: Page) => page.getByRole('region', { name: 'Sign-in (OAuth)' });
const card = (page: Page) => page.getByRole('list', { name: 'Enabled servers' }).getByRole('listitem', { name: 'acme' });
/**
 * Holds the browser's request for the authorization page until the returned release is called, so the page can
 * be seen (and screenshotted, or cancelled) while it waits for the browser: the test authorization server
 * approves at once. Release with `false` to abort the request (a browser tab closed before it loaded).
 */
async function holdAuthorizationPage(page: Page): Promise<(go?: boolean) => Promise<void>> {
  let release: (go: boolean) => void = () => undefined;
  const released = new Promise<boolean>((resolve) => (release = resolve));
  await page.context().route(`${as.issuer}/authorize**`, async (route) => ((await released) ? route.continue() : route.abort()));
  return async (go = true) => {
    release(go);
    await page.context().unrouteAll({ behavior: 'wait' });
  };
}
const call = (text: string) =>
  client!.callTool({ name: 'echo', arguments: { text } }).then(
    (result) => ({ isError: result.isError === true, text: (result.content as Array<{ text: string }>).map((part) => part.text).join('\n') }),
    (error: Error) => ({ isError: true, text: error.message }),
  );

test.beforeAll(async () => {
  requireDocker(); // the gateway checks the Docker engine when it starts, though no container runs here
  as = new TestAuthorizationServer();
  await as.start();
  remote = await startRemoteMcpServer('no-static-token', as.protect());
  engine = await startEngine({
    settings: { servers: { acme: { remote: { url: `${remote.base}/mcp`, transport: 'streamable-http' }, enabled: true } } },
  });
  client = await engine.mcpClient();
});

test.afterAll(async () => {
  await client?.close().catch(() => undefined);
  await engine?.stop();
  await remote?.close();
  await as?.stop();
});

test('before sign-in: a call is refused with the sign-in needed, and the server page says not signed in, with Sign in', async ({ page }) => {
  const answer = await call('too early');
  expect(answer.isError).toBe(true);
  expect(answer.text).toContain('needs you to sign in');
  expect(remote.toolCalls).toEqual([]);

  await openWindow(page, engine, '/servers/acme');
  await expect(page.getByRole('heading', { level: 1, name: 'acme' })).toBeVisible();
  await expect(signIn(page).getByRole('status', { name: 'Sign-in: Not signed in' })).toBeVisible();
  await expect(signIn(page).getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(signIn(page).getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expectAccessible(page, 'server page, not signed in');
  await screenshots(page, 'server-sign-in-signed-out');

  await goTo(page, '/servers');
  await expect(card(page)).toContainText('needs you to sign in');
});

test('Cancel a sign-in waiting for the browser: the page is back to not signed in and no code was exchanged', async ({ page }) => {
  await openWindow(page, engine, '/servers/acme');
  const release = await holdAuthorizationPage(page);
  const opened = page.waitForEvent('popup');
  await signIn(page).getByRole('button', { name: 'Sign in' }).click();
  const tab = await opened;
  await expect(signIn(page).getByRole('status', { name: 'Sign-in: waiting for the browser' })).toBeVisible();
  await signIn(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(signIn(page).getByRole('status', { name: 'Sign-in: Not signed in' })).toBeVisible();
  await expect(signIn(page).getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await release(false);
  await tab.close();
  expect(as.grants.filter((grant) => grant === 'authorization_code')).toEqual([]);
});

test('Sign in: one click opens the browser on the authorization URL (the link stays as a fallback), it comes back to the loopback listener, the page shows the sign-in, the server card drops its error and the call goes through', async ({
  page,
}) => {
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  await openWindow(page, engine, '/servers/acme');
  const release = await holdAuthorizationPage(page);
  const opened = page.waitForEvent('popup');
  await signIn(page).getByRole('button', { name: 'Sign in' }).click();
  const browser = await opened; // one click: the tab opened in the click itself, no popup blocker in the way
  await expect(signIn(page).getByRole('status', { name: 'Sign-in: waiting for the browser' })).toBeVisible();
  const link = signIn(page).getByRole('link', { name: 'Open the sign-in page' });
  await expect(link).toHaveAttribute('href', new RegExp(`^${as.issuer}/authorize\\?`));
  await expect(signIn(page).getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expectAccessible(page, 'server page, sign-in pending');
  await screenshots(page, 'server-sign-in-pending');
  await release();
  // The authorization server approved at once and redirected to the engine's listener on 127.0.0.1.
  await expect(browser.getByRole('heading', { name: 'Signed in to acme' })).toBeVisible();
  expect(new URL(browser.url()).hostname).toBe('127.0.0.1');
  await browser.close();

  await expect(signIn(page).getByRole('status', { name: 'Sign-in: Signed in' })).toBeVisible({ timeout: 15_000 });
  await expect(signIn(page)).toContainText('renewed automatically');
  await expect(signIn(page)).toContainText('mcp.tools');
  await expect(signIn(page)).toContainText(`(registered by Switchyard)`);
  expect(as.registrations).toHaveLength(1);
  expect(as.authorizations.at(-1)).toMatchObject({ code_challenge_method: 'S256', resource: `${remote.base}/mcp`, scope: 'mcp.tools' });
  await expectAccessible(page, 'server page, signed in');
  await screenshots(page, 'server-sign-in-signed-in');

  // The failure of the call before sign-in is gone from the server's card at once, not at the next call.
  await goTo(page, '/servers');
  await expect(card(page)).toBeVisible();
  await expect(card(page)).not.toContainText('needs you to sign in');
  await expect(card(page)).not.toContainText('could not start');
  await screenshots(page, 'server-sign-in-card-after');

  expect(await call('after sign-in')).toEqual({ isError: false, text: 'remote heard: after sign-in' });
  // No token ever reached the window.
  for (const token of as.valid) expect(frames.join('\n')).not.toContain(token);
});

test('Sign out revokes and forgets; the refused call in Activity leads back to Sign in; a sign-in the authorization server fails shows the reason, what to do and Sign in again', async ({
  page,
}) => {
  await openWindow(page, engine, '/servers/acme');
  const revocations = as.revocations;
  await signIn(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(signIn(page).getByRole('status', { name: 'Sign-in: Not signed in' })).toBeVisible();
  expect(as.revocations - revocations).toBe(2); // the refresh token, then the access token (RFC 7009)
  expect((await call('after sign-out')).text).toContain('needs you to sign in');

  await goTo(page, '/activity');
  await page
    .getByRole('list', { name: 'Calls, newest first' })
    .getByRole('button', { name: /^acme echo, / })
    .first()
    .click();
  const detail = page.getByRole('dialog', { name: 'acme / echo' });
  await expect(detail).toContainText('needs you to sign in');
  await expectAccessible(page, 'Activity call detail, sign-in needed');
  await detail.getByRole('link', { name: 'Sign in to acme' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'acme' })).toBeVisible();

  as.failing = true;
  try {
    const opened = page.waitForEvent('popup');
    await signIn(page).getByRole('button', { name: 'Sign in' }).click();
    const tab = await opened;
    const alert = signIn(page).getByRole('alert');
    await expect(alert).toContainText('Sign-in failed: the authorization server had a problem', { timeout: 15_000 });
    await tab.close();
    await expect(alert).toContainText('HTTP 500');
    await expect(alert).toContainText('Sign in again in a while');
    await expect(alert).not.toContainText('switchyard server auth');
    await expect(signIn(page).getByRole('button', { name: 'Sign in again' })).toBeVisible();
    await expectAccessible(page, 'server page, sign-in failed');
    await screenshots(page, 'server-sign-in-failed');
  } finally {
    as.failing = false;
  }
});
