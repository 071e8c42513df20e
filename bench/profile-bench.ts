import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { loadBundledCatalog } from '../electron/catalog/catalog-loader.js';
import { projectRoot } from '../electron/core/version.js';
import { freePort, startSwitchyardHttpWithSettings } from './http-bench.js';
import { summarize } from './stats.js';

/** Issue #20's targets (medians, over HTTP with the SDK client). */
const profileListTargetMs = 5;
const findServersTargetMs = 20;
const benchToken = 'bench-token-0123456789abcdef';
const queries = [
  'github issues',
  'database',
  'slack',
  'browser automation',
  'files',
  'kubernetes',
  'search the web',
  'notion pages',
  'create_entities',
  'time',
];

/**
 * Profiles (issue #20): tools/list for a profile of 5 servers out of 50 enabled, none running, answered from the
 * list cache; and find_servers of a dynamic profile over the bundled catalog. The cached lists are real: one
 * container of `image` runs once (`tools ls --refresh`) and its lists are what the 50 servers have in cache.
 */
export async function benchProfiles(home: string, image: string): Promise<{ lines: string[]; missed: string[] }> {
  const profileHome = path.join(home, 'profiles');
  mkdirSync(profileHome, { recursive: true });
  const cli = path.join(projectRoot(), 'bin', 'switchyard.js');
  const env = { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: profileHome };
  writeFileSync(path.join(profileHome, 'settings.json'), JSON.stringify({ version: 1, servers: { seed: { image } } }));
  execFileSync(process.execPath, [cli, 'tools', 'ls', 'seed', '--refresh'], { env, stdio: 'ignore' });
  const cacheDir = path.join(profileHome, 'cache', 'server-lists');
  const seed = JSON.parse(readFileSync(path.join(cacheDir, 'seed.json'), 'utf8')) as { lists: unknown };

  const servers: Record<string, { image: string }> = {};
  for (let i = 1; i <= 50; i++) {
    const name = `s${String(i).padStart(2, '0')}`;
    servers[name] = { image };
    writeFileSync(path.join(cacheDir, `${name}.json`), JSON.stringify({ image, fetchedAt: new Date().toISOString(), lists: seed.lists }));
  }
  const five = Object.fromEntries(
    Object.keys(servers)
      .slice(0, 5)
      .map((name) => [name, {}]),
  );
  const port = await freePort();
  writeFileSync(
    path.join(profileHome, 'settings.json'),
    JSON.stringify({
      version: 1,
      servers,
      gateway: { port, token: benchToken },
      profiles: { five: { servers: five }, finder: { servers: {}, dynamic: true } },
    }),
  );
  const target = await startSwitchyardHttpWithSettings(profileHome, port, '/mcp/profiles/five');
  const finder = new Client({ name: 'bench-finder', version: '1' });
  await finder.connect(
    new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp/profiles/finder`), { authProvider: { token: async () => benchToken } }),
  );
  try {
    let tools = 0;
    for (let i = 0; i < 30; i++) tools = (await target.client.listTools()).tools.length;
    const listSamples: number[] = [];
    const listStarted = performance.now();
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await target.client.listTools();
      listSamples.push(performance.now() - t0);
    }
    const list = summarize(listSamples, performance.now() - listStarted);

    // The first find_servers loads the catalog; the figures are for the searches after it.
    for (const query of queries) await finder.callTool({ name: 'find_servers', arguments: { query } });
    const findSamples: number[] = [];
    let hits = 0;
    const findStarted = performance.now();
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      const result = await finder.callTool({ name: 'find_servers', arguments: { query: queries[i % queries.length]! } });
      findSamples.push(performance.now() - t0);
      hits += ((result.structuredContent as { servers?: unknown[] } | undefined)?.servers ?? []).length;
    }
    const find = summarize(findSamples, performance.now() - findStarted);
    const catalogSize = loadBundledCatalog().entries.size;

    const missed: string[] = [];
    if (list.p50 >= profileListTargetMs) missed.push(`profile tools/list p50 ${list.p50.toFixed(2)} ms >= ${profileListTargetMs} ms`);
    if (find.p50 >= findServersTargetMs) missed.push(`find_servers p50 ${find.p50.toFixed(2)} ms >= ${findServersTargetMs} ms`);
    return {
      lines: [
        `tools/list, profile of 5 servers out of 50 enabled, none running (${tools} tools): p50 ${list.p50.toFixed(2)} ms, p99 ${list.p99.toFixed(2)} ms (target p50 < ${profileListTargetMs} ms)`,
        `find_servers over the ${catalogSize}-entry bundled catalog and 50 configured servers (${queries.length} queries, ${(hits / findSamples.length).toFixed(1)} hits each): p50 ${find.p50.toFixed(2)} ms, p99 ${find.p99.toFixed(2)} ms (target p50 < ${findServersTargetMs} ms)`,
      ],
      missed,
    };
  } finally {
    await finder.close().catch(() => undefined);
    await target.close();
  }
}
