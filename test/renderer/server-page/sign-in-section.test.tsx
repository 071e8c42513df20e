// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignInStatus } from '../../../shared/catalog-types.js';
import { SignInSection } from '../../../renderer/src/features/servers/components/server-page/SignInSection.js';
import { fakeApi } from './fake-api.js';

const section = () => screen.getByRole('region', { name: 'Sign-in (OAuth)' });

describe('SignInSection (a remote server’s OAuth sign-in on its page)', () => {
  afterEach(cleanup);

  it('not signed in: says so, and Sign in asks the engine to start the sign-in of this server', async () => {
    const api = fakeApi({ 'server.signIn': ({ name }) => ({ server: name, authorizationUrl: 'https://auth.example.test/authorize?state=s' }) });
    render(<SignInSection server="acme" status={{ state: 'signed-out', renewable: false }} />, { wrapper: api.wrapper });
    expect(within(section()).getByRole('status', { name: 'Sign-in: Not signed in' })).toBeTruthy();
    expect(section().textContent).toContain('switchyard server auth acme');
    expect(within(section()).queryByRole('button', { name: 'Sign out' })).toBeNull();
    await userEvent.setup().click(within(section()).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(api.calls).toEqual([{ method: 'server.signIn', input: { name: 'acme' } }]));
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

  it('pending: waiting for the browser, with a link that opens the authorization URL outside the window; Sign in is off', () => {
    const api = fakeApi({});
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
  });

  it('failed: an alert with the reason in words, the engine’s message and hint, and Try again', () => {
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
            hint: 'The authorization server has a problem; try again later.',
            reason: 'authorization_server_error',
          },
        }}
      />,
      { wrapper: api.wrapper },
    );
    const alert = within(section()).getByRole('alert');
    expect(alert.textContent).toContain('Sign-in failed: the authorization server had a problem');
    expect(alert.textContent).toContain('answered HTTP 500');
    expect(alert.textContent).toContain('try again later');
    expect(within(section()).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
