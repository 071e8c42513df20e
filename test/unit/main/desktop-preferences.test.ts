import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultDesktopPreferences, openDesktopPreferences } from '../../../electron/main/desktop-preferences.js';

// electron-store on a real file. It reads `app` and `ipcMain` from electron only to find a default folder; we
// give it the folder, so an electron module without them is all it needs here.
vi.mock('electron', () => ({ default: {} }));

describe('desktop preferences (electron-store)', () => {
  const homes: string[] = [];
  afterEach(() => homes.splice(0).forEach((home) => rmSync(home, { recursive: true, force: true })));
  const newHome = () => {
    const home = mkdtempSync(path.join(tmpdir(), 'switchyard-prefs-'));
    homes.push(home);
    return home;
  };

  it('starts from the defaults and keeps changes in desktop-preferences.json, apart from settings.json', () => {
    const home = newHome();
    const preferences = openDesktopPreferences(home);
    expect(preferences.get()).toEqual(defaultDesktopPreferences);
    preferences.set({ theme: 'dark', notifications: false, windowBounds: { x: 10, y: 20, width: 1200, height: 800 } });
    expect(preferences.path).toBe(path.join(home, 'desktop-preferences.json'));
    expect(JSON.parse(readFileSync(preferences.path, 'utf8'))).toMatchObject({ theme: 'dark', notifications: false });
    expect(openDesktopPreferences(home).get()).toEqual({
      theme: 'dark',
      notifications: false,
      startHidden: false,
      windowBounds: { x: 10, y: 20, width: 1200, height: 800 },
    });
  });

  it('refuses a value outside the schema and keeps what was there', () => {
    const preferences = openDesktopPreferences(newHome());
    expect(() => preferences.set({ theme: 'purple' as 'dark' })).toThrow(/theme/);
    expect(preferences.get().theme).toBe('system');
  });

  it('a hand-edited file that fails the schema is put back to the defaults instead of stopping the app', () => {
    const home = newHome();
    writeFileSync(path.join(home, 'desktop-preferences.json'), JSON.stringify({ theme: 42 }));
    expect(openDesktopPreferences(home).get()).toEqual(defaultDesktopPreferences);
  });
});
