import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SwitchyardError } from '../../../shared/errors.js';
import { checkCatalogSource, parseCatalogSource, withSourceAdded, withSourceRemoved } from '../../../electron/catalog/catalog-sources.js';
import { defaultSettings } from '../../../electron/settings/settings-schema.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('catalog sources', () => {
  it('reads http(s) URLs and file paths (relative to the current folder)', () => {
    expect(parseCatalogSource('https://example.com/c.yaml')).toEqual({ kind: 'url', url: 'https://example.com/c.yaml' });
    expect(parseCatalogSource('team/catalog.yaml', '/home/me')).toEqual({ kind: 'file', path: '/home/me/team/catalog.yaml' });
  });

  it('refuses other schemes and URLs with credentials, saying why', () => {
    expect(() => parseCatalogSource('ftp://example.com/c.yaml')).toThrow(/must be http\(s\)/);
    expect(() => parseCatalogSource('https://user:pw@example.com/c.yaml')).toThrow(/user name or password/);
    expect(() => parseCatalogSource('  ')).toThrow(/file path or an http\(s\) URL/);
  });

  it('adds once, removes what is there, and lists the catalogs when asked to remove an unknown one', () => {
    const settings = defaultSettings();
    withSourceAdded(settings, { kind: 'file', path: '/a/c.yaml' });
    expect(() => withSourceAdded(settings, { kind: 'file', path: '/a/../a/c.yaml' })).toThrow(/already one of your catalogs/);
    const unknown = (() => {
      try {
        withSourceRemoved(settings, { kind: 'url', url: 'https://x.test/c.yaml' });
      } catch (error) {
        return (error as SwitchyardError).describe();
      }
    })();
    expect(unknown).toMatch(/is not one of your catalogs[\s\S]*Your catalogs: \/a\/c\.yaml/);
    withSourceRemoved(settings, { kind: 'file', path: '/a/c.yaml' });
    expect(settings.catalogs).toEqual([]);
  });

  it('checks a file before it is added: missing, or counted with its skipped entries', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-sources-'));
    dirs.push(dir);
    await expect(checkCatalogSource({ kind: 'file', path: path.join(dir, 'none.yaml') }, dir)).rejects.toThrow(/No catalog file at/);
    const file = path.join(dir, 'c.yaml');
    writeFileSync(file, 'registry:\n  good:\n    type: server\n    image: a/b:1\n  bad:\n    type: server\n');
    expect(await checkCatalogSource({ kind: 'file', path: file }, dir)).toMatchObject({ kind: 'file', entries: 1, problems: 1 });
  });
});
