import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { images, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { cli, freePort, httpClient, HttpGatewayProcess, writeSettings } from './support/http-gateway.js';

/** Every path under `dir` (itself included) with its permission bits, relative to `dir`. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (absolute: string, relative: string) => {
    const stats = statSync(absolute);
    out[relative || '.'] = (stats.mode & 0o777).toString(8).padStart(4, '0');
    if (stats.isDirectory() && relative !== 'npm-cache')
      for (const name of readdirSync(absolute)) visit(path.join(absolute, name), relative ? `${relative}/${name}` : name);
  };
  visit(dir, '');
  return out;
}

/**
 * The home is the user's alone: a home left open by an older version (0755, files 0644) is narrowed when the
 * gateway starts, with one log line naming what changed; what the gateway writes afterwards (history and its
 * WAL/SHM, list cache, runtime files) is 0600 in 0700 folders. Real gateway process, real container.
 */
describe('file modes of the home', () => {
  const home = tempHome();
  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    writeSettings(home.home, { gateway: { port: await freePort() }, servers: { every: { image: images.everything } } });
    // What an older version (or a copy with umask 022) left behind.
    mkdirSync(path.join(home.home, 'cache', 'server-lists'), { recursive: true });
    mkdirSync(path.join(home.home, 'logs'), { recursive: true });
    mkdirSync(path.join(home.home, 'run'), { recursive: true });
    writeFileSync(path.join(home.home, 'cache', 'server-lists', 'old.json'), '{}');
    writeFileSync(path.join(home.home, 'logs', 'npm-build-old.log'), 'old build\n');
    writeFileSync(path.join(home.home, 'history.db'), '');
    writeFileSync(path.join(home.home, 'history.db-wal'), '');
    writeFileSync(path.join(home.home, 'tool-pins.json'), '{"version":1,"servers":{}}\n');
    for (const dir of ['.', 'cache', 'cache/server-lists', 'logs', 'run']) chmodSync(path.join(home.home, dir), 0o755);
    for (const file of ['settings.json', 'cache/server-lists/old.json', 'logs/npm-build-old.log', 'history.db', 'history.db-wal', 'tool-pins.json'])
      chmodSync(path.join(home.home, file), 0o644);
  });
  afterAll(() => home.remove());

  it('narrows an open home at start with one log line, and writes only 0600 files in 0700 folders', { timeout: 120_000 }, async () => {
    const gateway = new HttpGatewayProcess(home.home);
    try {
      await gateway.ready();
      const logLines = gateway.stderr.split('\n').filter((line) => line.includes('file modes'));
      expect(logLines).toHaveLength(1);
      for (const fixed of [
        '. 0755->0700',
        'settings.json 0644->0600',
        'cache/server-lists/old.json 0644->0600',
        'history.db-wal 0644->0600',
        'logs 0755->0700',
      ])
        expect(logLines[0]).toContain(fixed);

      // Files written from now on: the call history (WAL, SHM), the list cache, the runtime file.
      const client = await httpClient(gateway.url, cli(home.home, ['gateway', 'token']).trim());
      expect((await client.callTool({ name: 'echo', arguments: { message: 'modes' } })).isError).toBeFalsy();
      await client.close();
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the history batch and the list cache are written off the call's path
      const now = modes(home.home);
      expect(Object.keys(now)).toEqual(expect.arrayContaining(['history.db-wal', 'history.db-shm', 'cache/server-lists/every.json']));
      expect(Object.keys(now).some((name) => name.startsWith('run/gateway-'))).toBe(true);
      const open = Object.entries(now).filter(([, mode]) => mode !== '0600' && mode !== '0700');
      expect(open).toEqual([]);
    } finally {
      await gateway.stop();
    }
    // A second start finds nothing to narrow: no line.
    const again = new HttpGatewayProcess(home.home);
    try {
      await again.ready();
      expect(again.stderr).not.toContain('file modes');
    } finally {
      await again.stop();
    }
  });
});
