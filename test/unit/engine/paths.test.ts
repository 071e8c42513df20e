import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHome } from '../../../electron/core/paths.js';

describe('resolveHome', () => {
  it('lets SWITCHYARD_HOME win on every platform, resolved to an absolute path', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(resolveHome({ SWITCHYARD_HOME: '/srv/switchyard', XDG_CONFIG_HOME: '/x', APPDATA: 'C:\\y' }, platform, '/home/u')).toBe(
        path.resolve('/srv/switchyard'),
      );
    }
    expect(resolveHome({ SWITCHYARD_HOME: 'relative/home' }, 'linux', '/home/u')).toBe(path.resolve('relative/home'));
  });

  it('ignores an empty SWITCHYARD_HOME', () => {
    expect(resolveHome({ SWITCHYARD_HOME: '' }, 'linux', '/home/u')).toBe('/home/u/.config/Switchyard');
  });

  it('uses ~/.config/Switchyard on Linux without XDG_CONFIG_HOME', () => {
    expect(resolveHome({}, 'linux', '/home/u')).toBe('/home/u/.config/Switchyard');
  });

  it('uses $XDG_CONFIG_HOME/Switchyard on Linux when it is set', () => {
    expect(resolveHome({ XDG_CONFIG_HOME: '/data/config' }, 'linux', '/home/u')).toBe('/data/config/Switchyard');
  });

  it('uses the Linux layout on other Unix platforms', () => {
    expect(resolveHome({}, 'freebsd', '/home/u')).toBe('/home/u/.config/Switchyard');
  });

  it('uses ~/Library/Application Support/Switchyard on macOS, ignoring XDG_CONFIG_HOME', () => {
    expect(resolveHome({ XDG_CONFIG_HOME: '/x' }, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Switchyard');
  });

  it('uses %APPDATA%\\Switchyard on Windows', () => {
    expect(resolveHome({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\Switchyard');
  });

  it('falls back to <home>\\AppData\\Roaming\\Switchyard on Windows without APPDATA', () => {
    expect(resolveHome({}, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\Switchyard');
  });

  it('does not read the real environment or home when both are given', () => {
    expect(resolveHome({}, 'linux', '/nonexistent-home')).toBe('/nonexistent-home/.config/Switchyard');
  });

  // Regression test for a fixed bug (electron/app/paths.ts, resolveHome, default branch): `env.XDG_CONFIG_HOME ?? ...` treats an *empty*
  // XDG_CONFIG_HOME as set, so XDG_CONFIG_HOME="" (common in scripts: `XDG_CONFIG_HOME= cmd`) yields the
  // relative path "Switchyard" — state would land in whatever the current directory is, and differ from
  // Electron's app.getPath('userData'), which (Chromium's GetXDGDirectory) treats empty as unset. The XDG spec
  // says the same. Expected /home/u/.config/Switchyard; actual "Switchyard". Fix: use `||` instead of `??`.
  it('treats an empty XDG_CONFIG_HOME as unset on Linux', () => {
    expect(resolveHome({ XDG_CONFIG_HOME: '' }, 'linux', '/home/u')).toBe('/home/u/.config/Switchyard');
  });

  // Regression test for a fixed bug (same line pattern, win32 branch): APPDATA="" gives the relative path "Switchyard". Expected the
  // <home>\AppData\Roaming fallback. Fix: `||` instead of `??`.
  it('treats an empty APPDATA as unset on Windows', () => {
    expect(resolveHome({ APPDATA: '' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\Switchyard');
  });
});
