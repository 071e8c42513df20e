// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignInStatus } from '../../../shared/catalog-types.js';
import { SignInSection } from '../../../renderer/src/features/servers/components/server-page/SignInSection.js';
import { fakeApi } from './fake-api.js';

const section = () => screen.getByRole('region', { name: 'Sign-in (OAuth)' });

describe('SignInSection (a remote server’s OAuth sign-in on its page)', () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  /** window.open as a browser does it: a tab the page can send somewhere later (jsdom opens none). */
  const fakeTab = () => {
    const tab = { opener: {} as unknown, closed: false, close: vi.fn(), location: { replace: vi.fn() }, document: { title: '', body: { textContent: '' } } };
    const open = vi.spyOn(window, 'open').mockImplementation(() => tab as unknown as Window);
    return { tab, open };
  };

  it('not signed in: says so, and one click on Sign in opens a tab at once (in the click) and sends it to the authorization URL the engine answers', async () => {
    const url = 'https://auth.example.test/authorize?state=s';
    let answer: (value: { server: string; authorizationUrl: string; opened: boolean }) => void = () => undefined;
    const api = fakeApi({ 'server.signIn': () => new Promise((resolve) => (answer = resolve)) });
    const { tab, open } = fakeTab();
    render(<SignInSection server="acme" status={{ state: 'signed-out', renewable: false }} />, { wrapper: api.wrapper });
    expect(within(section()).getByRole('status', { name: 'Sign-in: Not signed in' })).toBeTruthy();
    expect(section().textContent).toContain('switchyard server auth acme');
    expect(within(section()).queryByRole('button', { name: 'Sign out' })).toBeNull();
    await userEvent.setup().click(within(section()).getByRole('button', { name: 'Sign in' }));
    // Opened before the engine answered, so no popup blocker stops it, and cut off from this window.
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(tab.opener).toBeNull();
    await waitFor(() => expect(api.calls).toEqual([{ method: 'server.signIn', input: { name: 'acme' } }]));
    expect(tab.location.replace).not.toHaveBeenCalled();
    answer({ server: 'acme', authorizationUrl: url, opened: false });
    await waitFor(() => expect(tab.location.replace).toHaveBeenCalledWith(url));
    expect(tab.close).not.toHaveBeenCalled();
  });

  it('a sign-in that cannot start closes the tab it opened', async () => {
    const api = fakeApi({
      'server.signIn': () => {
        throw new Error('the authorization server could not be reached');
      },
    });
    const { tab } = fakeTab();
    render(<SignInSection server="acme" status={{ state: 'signed-out', renewable: false }} />, { wrapper: api.wrapper });
    await userEvent.setup().click(within(section()).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(tab.close).toHaveBeenCalled());
  });

  it('desktop app: the engine opened the system browser, so the window opens nothing', async () => {
    const api = fakeApi(
      { 'server.signIn': ({ name }) => ({ server: name, authorizationUrl: 'https://auth.example.test/a', opened: true }) },
      { desktop: true },
    );
    const { open } = fakeTab();
    render(<SignInSection server="acme" status={{ state: 'signed-out', renewable: false }} />, { wrapper: api.wrapper });
    await userEvent.setup().click(within(section()).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(api.calls).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(open).not.toHaveBeenCalled();
  });

  it('signed in: expiry (renewed automatically), scopes, authorization server and who registered the client; Sign out calls server.signOut', async () => {
    const api = fakeApi({ 'server.signOut': ({ name }) => ({ server: name, revocation: 'revoked' as const, forgotten: true }) });
    const status: SignInStatus = {
      state: 'signed-in',
      renewable: true,
      expiresAt: '2030-01-02T03:04:05.000Z',
      scope: 'mcp.tools offline_access',
      clientId: 'registered-1',
      authorizationServer: 'https://auth.example.test',
    };
    render(<SignInSection server="acme" status={status} />, { wrapper: api.wrapper });
    const text = section().textContent ?? '';
    expect(within(section()).getByRole('status', { name: 'Sign-in: Signed in' })).toBeTruthy();
    expect(text).toMatch(/Access tokenexpires .*2030.*, renewed automatically/);
    expect(text).toContain('Scopesmcp.tools offline_access');
    expect(text).toContain('Authorization serverhttps://auth.example.test');
    expect(text).toContain('Clientregistered-1 (registered by Switchyard)');
    expect(within(section()).queryByRole('button', { name: 'Sign in' })).toBeNull();
    await userEvent.setup().click(within(section()).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(api.calls).toEqual([{ method: 'server.signOut', input: { name: 'acme' } }]));
  });

  it('pending: waiting for the browser, with the link kept as a fallback and Cancel (server.cancelSignIn); Sign in is off', async () => {
    const api = fakeApi({ 'server.cancelSignIn': ({ name }) => ({ server: name, cancelled: true }) });
    const url = 'https://auth.example.test/authorize?client_id=c&state=xyz';
    render(
      <SignInSection
        server="acme"
        status={{ state: 'signed-out', renewable: false, attempt: { state: 'pending', authorizationUrl: url, startedAt: new Date().toISOString() } }}
      />,
      { wrapper: api.wrapper },
    );
    expect(within(section()).getByRole('status', { name: 'Sign-in: waiting for the browser' })).toBeTruthy();
    const link = within(section()).getByRole('link', { name: 'Open the sign-in page' });
    expect(link.getAttribute('href')).toBe(url);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect((within(section()).getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.setup().click(within(section()).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(api.calls).toEqual([{ method: 'server.cancelSignIn', input: { name: 'acme' } }]));
  });

  it('failed: an alert with the reason and what to do in the window’s words (no CLI command), and Sign in again', () => {
    const api = fakeApi({});
    render(
      <SignInSection
        server="acme"
        status={{
          state: 'signed-out',
          renewable: false,
          attempt: {
            state: 'failed',
            at: new Date().toISOString(),
            code: 'UNAUTHORIZED',
            message: 'Sign-in to "acme" failed: the authorization server answered HTTP 500 at http://127.0.0.1:1/token.',
            reason: 'authorization_server_error',
          },
        }}
      />,
      { wrapper: api.wrapper },
    );
    const alert = within(section()).getByRole('alert');
    expect(alert.textContent).toContain('Sign-in failed: the authorization server had a problem');
    expect(alert.textContent).toContain('answered HTTP 500');
    expect(alert.textContent).toContain('Sign in again in a while');
    expect(alert.textContent).not.toContain('switchyard');
    expect(within(section()).getByRole('button', { name: 'Sign in again' })).toBeTruthy();
  });
});
