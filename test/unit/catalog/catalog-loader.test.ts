import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../electron/core/version.js';
import {
  bundledCatalogPath,
  CatalogFileError,
  loadBundledCatalog,
  loadCatalogFile,
  loadCatalogs,
  parseCatalogText,
  userEntriesCatalog,
} from '../../../electron/catalog/catalog-loader.js';
import { findEntry } from '../../../electron/catalog/find-entry.js';
import { catalogSecretKey, secretRequirements, serverNameForEntry } from '../../../electron/catalog/catalog-schema.js';
import { checkServerName } from '../../../electron/runtime/server-definition.js';
import { checkSecretKey } from '../../../electron/secrets/secret-store.js';

const temporary: string[] = [];
function tempHome(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-catalog-'));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('the bundled catalog', () => {
  it('is the shipped copy of Docker catalog data, with its license note', () => {
    const file = bundledCatalogPath();
    expect(file).toBe(path.join(projectRoot(), 'catalog', 'docker-mcp-catalog.yaml'));
    expect(readFileSync(file, 'utf8')).toMatch(/^# Snapshot of Docker's MCP catalog.*MIT License/);
    expect(readFileSync(path.join(projectRoot(), 'catalog', 'README.md'), 'utf8')).toMatch(/MIT License, Copyright \(c\) 2025 Docker/);
  });

  it('parses all 328 entries (249 server, 76 remote, 3 poci) with none skipped', () => {
    const catalog = loadBundledCatalog();
    expect(catalog.problems).toEqual([]);
    expect(catalog.entries.size).toBe(328);
    const types = { server: 0, remote: 0, poci: 0 };
    for (const entry of catalog.entries.values()) types[entry.type]++;
    expect(types).toEqual({ server: 249, remote: 76, poci: 3 });
    expect(catalog.name).toBe('docker-mcp');
    expect(catalog.displayName).toBe('Docker MCP Catalog');

    // The counts the data's README states, as a check that the schema keeps what it should.
    const entries = [...catalog.entries.values()];
    expect(entries.filter((entry) => (entry.secrets ?? []).length > 0)).toHaveLength(168);
    expect(entries.filter((entry) => (entry.config ?? []).length > 0)).toHaveLength(144);
    expect(entries.filter((entry) => entry.oauth)).toHaveLength(41);
    expect(entries.filter((entry) => entry.type === 'server' && !entry.image)).toHaveLength(0);
  });

  it('keeps the fields Switchyard reads, typed, and unknown fields untouched', () => {
    const { entries } = loadBundledCatalog();
    const filesystem = entries.get('filesystem');
    expect(filesystem).toMatchObject({
      type: 'server',
      image: 'mcp/filesystem',
      disableNetwork: true,
      command: ['{{filesystem.paths|volume-target|into}}'],
      volumes: ['{{filesystem.paths|volume|into}}'],
      metadata: { category: 'devops' },
    });
    const github = entries.get('github-official');
    expect(github?.allowHosts).toContain('api.github.com:443');
    expect(secretRequirements('github-official', github!)).toEqual([
      expect.objectContaining({ key: 'github-official.personal_access_token', env: 'GITHUB_PERSONAL_ACCESS_TOKEN', oauthProvider: 'github' }),
    ]);
    // numbers in YAML become text where the format says text (`example: 9999`)
    const schemacrawler = entries.get('schemacrawler-ai');
    expect(schemacrawler?.env?.find((variable) => variable.name === 'SCHCRWLR_PORT')?.example).toBe('9999');
    // poci tools keep their extra fields (container, parameters)
    expect((entries.get('curl')?.tools?.[0] as Record<string, unknown>).container).toMatchObject({ image: 'alpine/curl' });
  });

  it('loads in a measured time, and much faster from the parsed-form cache', () => {
    const home = tempHome();
    const cold = loadBundledCatalog({ home });
    expect(cold.fromCache).toBe(false);
    const warm = loadBundledCatalog({ home });
    expect(warm.fromCache).toBe(true);
    expect(warm.entries.size).toBe(328);
    expect([...warm.entries.keys()]).toEqual([...cold.entries.keys()]);
    expect(warm.entries.get('aks')).toEqual(cold.entries.get('aks'));
    const again = loadBundledCatalog();
    console.info(`bundled catalog (328 entries): first parse ${cold.loadMs.toFixed(0)} ms, warm YAML parse ${again.loadMs.toFixed(0)} ms, from parsed cache ${warm.loadMs.toFixed(0)} ms`);
    expect(warm.loadMs).toBeLessThan(again.loadMs);
    expect(readdirSync(path.join(home, 'cache', 'catalogs')).some((file) => file.startsWith('parsed-'))).toBe(true);
  });

  it('ignores a parsed-form cache of other text, and one that is corrupt', () => {
    const home = tempHome();
    const text = 'registry:\n  one:\n    image: mcp/one\n';
    const first = parseCatalogText(text, '/x/catalog.yaml', { cacheDir: home });
    expect(first.fromCache).toBe(false);
    expect(parseCatalogText(text, '/x/catalog.yaml', { cacheDir: home }).fromCache).toBe(true);
    const changed = parseCatalogText(`${text}  two:\n    image: mcp/two\n`, '/x/catalog.yaml', { cacheDir: home });
    expect(changed.fromCache).toBe(false);
    expect([...changed.entries.keys()]).toEqual(['one', 'two']);
    for (const file of readdirSync(home)) writeFileSync(path.join(home, file), '{ not json');
    const recovered = parseCatalogText(text, '/x/catalog.yaml', { cacheDir: home });
    expect(recovered.fromCache).toBe(false);
    expect([...recovered.entries.keys()]).toEqual(['one']);
  });
});

describe('parsing a catalog', () => {
  it('skips a bad entry, reporting it by name, line and reason, and keeps the rest', () => {
    const text = [
      'registry:',
      '  good:',
      '    image: mcp/good',
      '  no-image:',
      '    type: server',
      '    title: Forgot the image',
      '  bad-secrets:',
      '    image: mcp/bad',
      '    secrets:',
      '      - name: bad-secrets.token',
      '  wrong-type:',
      '    type: lambda',
      '    image: mcp/x',
      '  scalar: just text',
      '  remote-without-url:',
      '    type: remote',
      '  "bad name!":',
      '    image: mcp/y',
      '',
    ].join('\n');
    const catalog = parseCatalogText(text, 'extra.yaml');
    expect([...catalog.entries.keys()]).toEqual(['good']);
    const byName = Object.fromEntries(catalog.problems.map((problem) => [problem.entry, problem]));
    expect(byName['no-image']).toMatchObject({ source: 'extra.yaml', line: 4, message: expect.stringContaining('image: a server entry needs an image') });
    expect(byName['bad-secrets']?.message).toMatch(/secrets\[0\]\.env/);
    expect(byName['wrong-type']?.message).toMatch(/^type: /);
    expect(byName['scalar']?.message).toMatch(/not a mapping/);
    expect(byName['remote-without-url']?.message).toMatch(/remote/);
    expect(byName['bad name!']?.message).toMatch(/not a usable server name/);
    expect(catalog.problems).toHaveLength(6);
  });

  it('passes unknown fields through, and coerces scalars where the format says text', () => {
    const catalog = parseCatalogText('registry:\n  x:\n    image: mcp/x\n    futureField: {a: 1}\n    command: [--port, 8080, true]\n', 'f.yaml');
    const entry = catalog.entries.get('x') as Record<string, unknown>;
    expect(entry.futureField).toEqual({ a: 1 });
    expect(entry.command).toEqual(['--port', '8080', 'true']);
    expect(entry.type).toBe('server');
  });

  it('reports a duplicate entry name and a duplicate key inside an entry without failing the file', () => {
    const text = ['registry:', '  a:', '    image: mcp/a', '  b:', '    image: mcp/b', '    image: mcp/b2', '  a:', '    image: mcp/a2', '  c:', '    image: mcp/c', ''].join('\n');
    const catalog = parseCatalogText(text, 'dup.yaml');
    expect([...catalog.entries.keys()]).toEqual(['a', 'c']);
    expect(catalog.entries.get('a')?.image).toBe('mcp/a');
    expect(catalog.problems).toEqual([
      expect.objectContaining({ entry: 'b', line: 6, message: expect.stringMatching(/key appears twice/) }),
      expect.objectContaining({ entry: 'a', line: 7, message: expect.stringMatching(/defined twice \(first at line 2\)/) }),
    ]);
  });

  it('refuses text that is not YAML, naming the file, line and column', () => {
    const text = 'registry:\n  ok:\n    image: mcp/ok\n  broken: [unclosed\n  next: 1\n';
    let error: unknown;
    try {
      parseCatalogText(text, '/tmp/broken.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CatalogFileError);
    const fileError = error as CatalogFileError;
    expect(fileError.source).toBe('/tmp/broken.yaml');
    expect(fileError.line).toBeGreaterThanOrEqual(4);
    expect(fileError.message).toMatch(new RegExp(`^/tmp/broken\\.yaml:${fileError.line}:\\d+: not a usable catalog: invalid YAML: `));

    expect(() => parseCatalogText('registry:\n\tbad: tab\n', 'tabs.yaml')).toThrow(/tabs\.yaml:2:\d+: .*invalid YAML/);
  });

  it('refuses YAML that is not a catalog', () => {
    expect(() => parseCatalogText('- a\n- b\n', 'list.yaml')).toThrow(/list\.yaml: not a usable catalog: the top level is not a mapping/);
    expect(() => parseCatalogText('servers: {}\n', 'other.yaml')).toThrow(/no `registry:` mapping/);
    expect(() => parseCatalogText('name: x\nregistry: [a, b]\n', 'bad.yaml')).toThrow(/bad\.yaml:2: .*`registry:` is not a mapping/);
    expect(() => parseCatalogText('', 'empty.yaml')).toThrow(/empty\.yaml/);
  });

  it('names the missing file', () => {
    expect(() => loadCatalogFile('/nonexistent/catalog.yaml')).toThrow(/\/nonexistent\/catalog\.yaml: not a usable catalog: file not found/);
  });
});

describe('catalog sources together', () => {
  it('layers bundled, file and user entries; later sources win; a broken source is reported, not fatal', async () => {
    const home = tempHome();
    const extra = path.join(home, 'extra.yaml');
    writeFileSync(extra, 'registry:\n  filesystem:\n    image: example/fs\n    title: My filesystem\n  mine:\n    image: example/mine\n');
    const catalog = await loadCatalogs(
      [
        { kind: 'bundled' },
        { kind: 'file', path: extra },
        { kind: 'file', path: path.join(home, 'missing.yaml') },
        { kind: 'user', entries: { private: { image: 'example/private' }, broken: { type: 'server' } } },
      ],
      { home },
    );
    expect(catalog.entries.size).toBe(328 + 2);
    expect(catalog.entries.get('filesystem')).toMatchObject({ source: extra, entry: { image: 'example/fs' } });
    expect(catalog.entries.get('private')?.source).toBe('user entries');
    expect(catalog.overrides).toEqual([{ name: 'filesystem', source: extra, replaced: 'bundled catalog' }]);
    expect(catalog.sources.map((source) => [source.kind, source.entries, source.error ?? ''])).toEqual([
      ['bundled', 328, ''],
      ['file', 2, ''],
      ['file', 0, expect.stringMatching(/missing\.yaml: not a usable catalog: file not found/)],
      ['user', 1, ''],
    ]);
    expect(catalog.problems).toEqual([expect.objectContaining({ source: 'user entries', entry: 'broken' })]);
  });

  it('validates user entries like any catalog', () => {
    const catalog = userEntriesCatalog({ ok: { image: 'me/ok', secrets: [{ name: 'token', env: 'TOKEN' }] }, bad: { image: '-rm' } });
    expect([...catalog.entries.keys()]).toEqual(['ok']);
    expect(catalog.problems[0]).toMatchObject({ entry: 'bad', message: expect.stringContaining('image') });
  });

  it('finds an entry case-insensitively when that is unambiguous', () => {
    const entries = new Map([
      ['SQLite', 1],
      ['a', 2],
      ['A', 3],
    ]);
    expect(findEntry(entries, 'sqlite')).toEqual(['SQLite', 1]);
    expect(findEntry(entries, 'A')).toEqual(['A', 3]);
    expect(findEntry(entries, 'nope')).toBeUndefined();
  });
});

describe('catalog secret keys', () => {
  it('keys every secret per server as <server>.<name>', () => {
    expect(catalogSecretKey('airtable-mcp-server', 'airtable-mcp-server.api_key')).toBe('airtable-mcp-server.api_key');
    expect(catalogSecretKey('github-official', 'github.personal_access_token')).toBe('github-official.personal_access_token');
    expect(catalogSecretKey('husqvarna-automower', 'husqvarna.client.secret')).toBe('husqvarna-automower.client.secret');
    expect(catalogSecretKey('nasdaq-data-link', 'nasdaq_data_link_api_key')).toBe('nasdaq-data-link.nasdaq_data_link_api_key');
  });

  it('gives every bundled entry a valid server name and secret keys the secret store accepts', () => {
    let keys = 0;
    for (const [name, entry] of loadBundledCatalog().entries) {
      const server = serverNameForEntry(name);
      expect(checkServerName(server), name).toBeUndefined();
      for (const requirement of secretRequirements(server, entry)) {
        expect(requirement.key.startsWith(`${server}.`)).toBe(true);
        expect(checkSecretKey(requirement.key), requirement.key).toBeUndefined();
        keys++;
      }
    }
    expect(keys).toBeGreaterThan(200);
  });
});
