import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/core/logger.js';
import { Gateway } from '../../../electron/gateway/gateway.js';
import { resolveSecretKey, resolveServerName, serverNameOrGiven } from '../../../electron/servers/server-names.js';
import { ServerSettingsService } from '../../../electron/servers/server-settings-service.js';
import { setToolEnabled } from '../../../electron/servers/tool-settings.js';
import { SettingsStore } from '../../../electron/settings/settings-store.js';
import { FakeRuntime } from '../engine/support/fake-runtime.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function storeWithSqlite(): SettingsStore {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-names-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = new SettingsStore(dir);
  store.update((settings) => void (settings.servers.sqlite = { catalog: 'SQLite', enabled: true }));
  return store;
}

describe('one rule for the server names users give', () => {
  it('finds the server a catalog name became (SQLite -> sqlite), and refuses a name that is neither', () => {
    const { settings } = storeWithSqlite().load();
    expect(resolveServerName('sqlite', settings)).toBe('sqlite');
    expect(resolveServerName('SQLite', settings)).toBe('sqlite');
    expect(() => resolveServerName('ghost', settings)).toThrow(/No server named "ghost"/);
    expect(serverNameOrGiven('ghost', settings)).toBe('ghost');
    expect(resolveSecretKey('SQLite.token', settings)).toBe('sqlite.token');
    expect(resolveSecretKey('github.token', settings)).toBe('github.token');
  });

  it('every settings change that takes a server name accepts it: config, tools, disable, remove', async () => {
    const store = storeWithSqlite();
    const service = new ServerSettingsService(
      store,
      async () => ({ entries: new Map(), sources: [] }) as never,
      async () => ({ get: async () => undefined, has: async () => false }) as never,
    );
    expect(service.resolve('SQLite')).toBe('sqlite');
    expect(service.config('SQLite')).toEqual({});
    expect(setToolEnabled(store, 'SQLite', 'read_query', false)).toEqual({ server: 'sqlite', name: 'read_query', enabled: false });
    expect(store.load().settings.servers.sqlite?.disabledTools).toEqual(['read_query']);
    expect(service.disable('SQLite')).toBe('sqlite');
    expect(store.load().settings.servers.sqlite?.enabled).toBe(false);
    expect(store.load().settings.servers).not.toHaveProperty('SQLite');
    expect(service.remove('SQLite')).toBe('sqlite');
    expect(store.load().settings.servers).toEqual({});
  });

  it('the gateway starts and stops a server by the same rule (server.start / server.stop)', async () => {
    const gateway = new Gateway({ runtime: new FakeRuntime(), servers: [{ name: 'sqlite', image: 'test/fake-mcp:1.0' }], version: '0', logger: silentLogger });
    cleanups.push(() => gateway.close());
    await gateway.start();
    expect(await gateway.startServer('SQLite')).toMatchObject({ name: 'sqlite', state: 'running' });
    expect(await gateway.stopServer('SQLite')).toMatchObject({ name: 'sqlite', state: 'stopped' });
  });
});
