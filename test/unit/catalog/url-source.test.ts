import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogs, loadUrlCatalog, urlCachePath } from '../../../electron/catalog/catalog-loader.js';

/** A catalog server on 127.0.0.1 whose next answers the test decides. */
let server: Server;
let baseUrl: string;
let respond: (res: ServerResponse) => void;
let requests = 0;

const catalogV1 = 'registry:\n  one:\n    image: mcp/one\n    title: One\n';
const catalogV2 = 'registry:\n  one:\n    image: mcp/one:2\n  two:\n    image: mcp/two\n';

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    respond(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const homes: string[] = [];
function tempHome(): string {
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-url-'));
  homes.push(home);
  return home;
}
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

const serve = (body: string, status = 200) => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/yaml' });
  res.end(body);
};

describe('a catalog at a URL', () => {
  it('fetches, caches the good copy under <home>/cache/catalogs/<hash>.yaml, and replaces it when the URL changes', async () => {
    const home = tempHome();
    const url = `${baseUrl}/catalog.yaml`;
    respond = serve(catalogV1);
    const first = await loadUrlCatalog(url, { home });
    expect(first.stale).toBeUndefined();
    expect(first.error).toBeUndefined();
    expect([...(first.catalog?.entries.keys() ?? [])]).toEqual(['one']);
    const cacheFile = urlCachePath(home, url);
    expect(path.dirname(cacheFile)).toBe(path.join(home, 'cache', 'catalogs'));
    expect(path.basename(cacheFile)).toMatch(/^[0-9a-f]{32}\.yaml$/);
    expect(readFileSync(cacheFile, 'utf8')).toBe(catalogV1);

    respond = serve(catalogV2);
    const second = await loadUrlCatalog(url, { home });
    expect([...(second.catalog?.entries.keys() ?? [])]).toEqual(['one', 'two']);
    expect(readFileSync(cacheFile, 'utf8')).toBe(catalogV2);
  });

  it('keeps the last good copy when the URL fails, saying it is stale, since when and why', async () => {
    const home = tempHome();
    const url = `${baseUrl}/stale.yaml`;
    respond = serve(catalogV1);
    await loadUrlCatalog(url, { home });
    const fetchedAt = new Date('2026-01-02T03:04:05Z');
    utimesSync(urlCachePath(home, url), fetchedAt, fetchedAt);

    respond = serve('oops', 500);
    const serverError = await loadUrlCatalog(url, { home });
    expect([...(serverError.catalog?.entries.keys() ?? [])]).toEqual(['one']);
    expect(serverError.stale?.since.toISOString()).toBe(fetchedAt.toISOString());
    expect(serverError.stale?.reason).toBe(`${url} is unreachable: HTTP 500 Internal Server Error`);

    respond = serve('registry: [unclosed\n');
    const notYaml = await loadUrlCatalog(url, { home });
    expect(notYaml.stale?.reason).toMatch(/did not serve a usable catalog: .*invalid YAML/);
    expect(readFileSync(urlCachePath(home, url), 'utf8')).toBe(catalogV1); // a bad answer never replaces the good copy

    respond = () => undefined; // never answers
    const slow = await loadUrlCatalog(url, { home, timeoutMs: 200 });
    expect(slow.stale?.reason).toBe(`${url} is unreachable: no answer within 200 ms`);
    expect(slow.catalog?.entries.size).toBe(1);
  });

  it('reports an unreachable host with no cached copy as an error, not a crash', async () => {
    const home = tempHome();
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/gone.yaml`;
    const result = await loadUrlCatalog(url, { home, timeoutMs: 2000 });
    expect(result.catalog).toBeUndefined();
    expect(result.error).toBe(`${url} is unreachable: ECONNREFUSED; no cached copy`);
    expect(existsSync(urlCachePath(home, url))).toBe(false);
  });

  it('answers from the cache alone in cache mode (fast start-up), without a request', async () => {
    const home = tempHome();
    const url = `${baseUrl}/cached.yaml`;
    expect(await loadUrlCatalog(url, { home, mode: 'cache' })).toEqual({ url, error: 'no cached copy yet' });
    respond = serve(catalogV1);
    await loadUrlCatalog(url, { home });
    const before = requests;
    const cached = await loadUrlCatalog(url, { home, mode: 'cache' });
    expect(requests).toBe(before);
    expect(cached.catalog?.entries.size).toBe(1);
    expect(cached.stale).toBeUndefined();
    expect(cached.fetchedAt).toBeInstanceOf(Date);
  });

  it('shows a stale URL source in the combined catalog status', async () => {
    const home = tempHome();
    const url = `${baseUrl}/combined.yaml`;
    respond = serve(catalogV2);
    await loadUrlCatalog(url, { home });
    respond = serve('', 503);
    const catalog = await loadCatalogs([{ kind: 'user', entries: { mine: { image: 'me/mine' } } }, { kind: 'url', url }], { home });
    expect([...catalog.entries.keys()].sort()).toEqual(['mine', 'one', 'two']);
    expect(catalog.sources[1]).toMatchObject({ kind: 'url', source: url, entries: 2, stale: { reason: expect.stringMatching(/HTTP 503/) } });
  });

  it('refuses a catalog larger than the limit', async () => {
    const home = tempHome();
    respond = serve(catalogV1 + '#'.repeat(2000));
    const result = await loadUrlCatalog(`${baseUrl}/big.yaml`, { home, maxBytes: 1000 });
    expect(result.error).toMatch(/larger than 1000 bytes; no cached copy/);
  });
});
