import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiOutcome } from '../../../shared/api.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { openSettingsEngine } from '../../../electron/app/settings-engine.js';
import { createControlService } from '../../../electron/control/create-control.js';
import { openSecretStore } from '../../../electron/secrets/open-secret-store.js';
import { fake } from './fake-electron.js';

/**
 * A home whose secrets live in Electron's safeStorage (secrets.safe.json), opened as the desktop main process
 * opens it: the engine gets safeStorage once, and every control method that reads or writes secrets uses it
 * (before, server.inspect, server.enable and config.set re-opened the store from the home path without it
 * and failed with "only the desktop app can read").
 */
describe('a safeStorage home through the control API (fake electron)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('inspects, enables, configures and sets secrets with the safeStorage backend', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'switchyard-safe-home-'));
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    // The user chose safeStorage in the app: the home now holds secrets.safe.json.
    await (await openSecretStore({ home, backend: 'safe-storage', safeStorage: fake.safeStorage })).set('notes.token', 'first');

    const engine = await openSettingsEngine({ home, logger: silentLogger, safeStorage: fake.safeStorage, history: false });
    const control = createControlService(engine.app, { checkResults: true });
    cleanups.push(
      () => engine.close(),
      () => control.close(),
    );
    const call = async (method: string, params: unknown): Promise<unknown> => {
      const outcome: ApiOutcome = await control.dispatch(method, params);
      if (!outcome.ok) throw new Error(`${method}: ${outcome.error.code} ${outcome.error.message}`);
      return outcome.result;
    };

    expect(await call('secret.status', {})).toEqual({ backend: 'safe-storage', keys: ['notes.token'] });
    await call('server.add', { name: 'notes', image: 'example/notes:1', secretEnv: { TOKEN: 'notes.token', OTHER: 'notes.other' }, enabled: false });
    expect(await call('server.inspect', { name: 'notes' })).toMatchObject({
      ready: false,
      secrets: [
        { key: 'notes.token', set: true },
        { key: 'notes.other', set: false },
      ],
      problems: [{ kind: 'secret', key: 'notes.other', env: 'OTHER' }],
    });
    await call('secret.set', { key: 'notes.other', value: 'second' });
    expect(await call('server.enable', { name: 'notes' })).toMatchObject({ enabled: true, ready: true, problems: [] });
    expect(await call('config.set', { name: 'notes', key: 'mode', value: 'fast' })).toMatchObject({ ready: true, config: { mode: 'fast' } });
    expect(await call('config.unset', { name: 'notes', key: 'mode' })).toMatchObject({ ready: true, config: {} });
    expect(await call('secret.delete', { key: 'notes.other' })).toEqual({ key: 'notes.other', deleted: true });
    expect(await call('server.inspect', { name: 'notes' })).toMatchObject({ ready: false, problems: [{ kind: 'secret', key: 'notes.other' }] });
    // The values went to safeStorage, and only there.
    expect(await (await openSecretStore({ home, backend: 'safe-storage', safeStorage: fake.safeStorage })).list()).toEqual(['notes.token']);
  });
});
