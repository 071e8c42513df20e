// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../../shared/bridge.js';
import type { DesktopPreferenceChange, DesktopPreferenceValues } from '../../../shared/desktop-preferences.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { createQueryClient } from '../../../renderer/src/api/query-client.js';
import { AppProviders } from '../../../renderer/src/app/providers.js';
import { DesktopPreferencesCard } from '../../../renderer/src/features/settings/components/DesktopPreferencesCard.js';
import { FakeEngine, installBrowserStubs } from '../support/fake-engine.js';

/** The desktop domain in memory: the values the main process would hold, and a way to make the next change fail. */
class InMemoryDesktop implements DesktopApi {
  values: DesktopPreferenceValues = { startAtLogin: false, startHidden: false, notifications: true };
  readonly changes: DesktopPreferenceChange[] = [];
  failNext: SwitchyardError | undefined;
  readonly preferences = {
    get: async () => ({ ...this.values }),
    set: async (change: DesktopPreferenceChange) => {
      this.changes.push(change);
      const failure = this.failNext;
      this.failNext = undefined;
      if (failure) throw failure;
      this.values = { ...this.values, ...change };
      return { ...this.values };
    },
  };
  chooseFolder = async () => undefined;
}

beforeEach(installBrowserStubs);
afterEach(cleanup);

function renderCard(desktop?: DesktopApi) {
  const engine = new FakeEngine()
    .handle('gateway.status', () => ({ state: 'running', version: '0', sessions: 0, servers: [] }))
    .handle('tools.pending', () => []);
  const access = desktop ? { ...engine.access, desktop } : engine.access;
  return render(
    <AppProviders access={access} queryClient={createQueryClient()}>
      <DesktopPreferencesCard />
    </AppProviders>,
  );
}

describe('the Window and desktop app card', () => {
  it('in web mode: no switches, it says these belong to the desktop app', () => {
    renderCard();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.getByText(/belong to the desktop app/)).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Follow the system' })).toBeTruthy();
  });

  it('in the desktop app: the three switches show the main process’s values and change them', async () => {
    const desktop = new InMemoryDesktop();
    desktop.values = { startAtLogin: false, startHidden: true, notifications: true };
    renderCard(desktop);
    const list = await screen.findByRole('list', { name: 'Desktop app' });
    const login = await within(list).findByRole('switch', { name: 'Start at login' });
    expect(login.getAttribute('aria-checked')).toBe('false');
    expect(within(list).getByRole('switch', { name: 'Start hidden in the tray' }).getAttribute('aria-checked')).toBe('true');
    expect(within(list).getByRole('switch', { name: 'OS notifications' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByText(/belong to the desktop app/)).toBeNull();

    await userEvent.click(login);
    await waitFor(() => expect(login.getAttribute('aria-checked')).toBe('true'));
    await userEvent.click(within(list).getByRole('switch', { name: 'OS notifications' }));
    await waitFor(() => expect(within(list).getByRole('switch', { name: 'OS notifications' }).getAttribute('aria-checked')).toBe('false'));
    expect(desktop.changes).toEqual([{ startAtLogin: true }, { notifications: false }]);
  });

  it('a change the main process refuses: its message under that switch, which keeps the value in force', async () => {
    const desktop = new InMemoryDesktop();
    desktop.failNext = new SwitchyardError('INTERNAL', 'Could not add the login item: EACCES: permission denied, mkdir ~/.config/autostart', undefined, {
      field: 'startAtLogin',
    });
    renderCard(desktop);
    const login = await screen.findByRole('switch', { name: 'Start at login' });
    await userEvent.click(login);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not add the login item: EACCES');
    expect(login.closest('li')?.contains(alert)).toBe(true);
    expect(login.getAttribute('aria-checked')).toBe('false');
  });

  it('preferences that cannot be read: an error with Try again', async () => {
    const desktop = new InMemoryDesktop();
    let fail = true;
    desktop.preferences.get = async () => {
      if (fail) throw new SwitchyardError('UNAUTHORIZED', 'Refused');
      return { ...desktop.values };
    };
    renderCard(desktop);
    await screen.findByText('Could not read the desktop app’s preferences', undefined, { timeout: 10_000 });
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('switch', { name: 'Start at login' });
  });
});
