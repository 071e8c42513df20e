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

function service(): { profiles: ProfileService; store: SettingsStore } {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-profiles-'));
  dirs.push(dir);
  const store = new SettingsStore(dir);
  store.update((settings) => {
    settings.servers.big = { image: 'x/big:1', enabled: true };
    settings.servers.small = { image: 'x/small:1', enabled: true };
  });
  return { profiles: new ProfileService(store), store };
}

describe('unlisted members of a profile', () => {
  it('keeps a member out of tools/list only in a profile with on-demand tools, and lists it again', () => {
    const { profiles, store } = service();
    profiles.create('agent', { servers: ['big', 'small'], dynamic: true });
    expect(profiles.setListed('agent', 'big', false).servers.find((server) => server.name === 'big')).toMatchObject({ listed: false });
    expect(store.load().settings.profiles.agent?.servers.big).toEqual({ listed: false });
    expect(profiles.setListed('agent', 'big', true).servers.find((server) => server.name === 'big')).not.toHaveProperty('listed');
    expect(store.load().settings.profiles.agent?.servers.big).toEqual({});
  });

  it('refuses to hide a member where nothing could reach its tools, naming the field and the fix, and changes nothing', () => {
    const { profiles, store } = service();
    profiles.create('plain', { servers: ['big'] });
    const before = JSON.stringify(store.load().settings.profiles);
    const refused = (() => {
      try {
        profiles.setListed('plain', 'big', false);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(SwitchyardError);
    expect((refused as SwitchyardError).details).toMatchObject({ profile: 'plain', server: 'big', field: 'listed' });
    expect((refused as SwitchyardError).hint).toContain('switchyard profile update plain --dynamic');
    expect(() => profiles.setListed('plain', 'small', true)).toThrow('Server "small" is not in profile "plain"');
    expect(JSON.stringify(store.load().settings.profiles)).toBe(before);
  });
});
