import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../../shared/errors.js';
import { ProfileService } from '../../../electron/servers/profile-service.js';
import { SettingsStore } from '../../../electron/settings/settings-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function refusalOf(change: () => unknown): SwitchyardError {
  try {
    change();
  } catch (error) {
    if (error instanceof SwitchyardError) return error;
    throw error;
  }
  throw new Error('the change was not refused');
}

describe('a server that is not in the profile', () => {
  it('is refused alike by every change of a member: the same code, message and details (the members), changing nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-profiles-'));
    dirs.push(dir);
    const store = new SettingsStore(dir);
    store.update((settings) => {
      settings.servers.big = { image: 'x/big:1', enabled: true };
      settings.servers.small = { image: 'x/small:1', enabled: true };
    });
    const profiles = new ProfileService(store);
    profiles.create('agent', { servers: ['big'], dynamic: true });
    const before = JSON.stringify(store.load().settings.profiles);

    const refusals = [
      refusalOf(() => profiles.setTools('agent', 'small', ['echo'])),
      refusalOf(() => profiles.setListed('agent', 'small', false)),
      refusalOf(() => profiles.removeServer('agent', 'small')),
    ];
    for (const refusal of refusals) {
      expect(refusal.code).toBe('SERVER_NOT_FOUND');
      expect(refusal.message).toBe('Server "small" is not in profile "agent".');
      expect(refusal.details).toEqual({ profile: 'agent', server: 'small', members: ['big'] });
    }
    // Changing a member says how to add it; removing one that is not there lists the members instead.
    expect(refusals[0]!.hint).toBe('Add it first: switchyard profile server add agent small');
    expect(refusals[1]!.hint).toBe(refusals[0]!.hint);
    expect(refusals[2]!.hint).toBe('Its servers: big.');
    expect(JSON.stringify(store.load().settings.profiles)).toBe(before);
  });
});
