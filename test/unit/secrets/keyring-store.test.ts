import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KeyringStore, keyringMarkerFileName, keyringServiceName, probeKeyring, readKeyringMarker } from '../../../electron/secrets/keyring-store.js';
import { openSecretStore } from '../../../electron/secrets/open-secret-store.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { allFiles, MemoryKeyring, modeOf, tempHome } from './support/fixtures.js';
import { startPrivateKeyring, type PrivateKeyring } from './support/private-keyring.js';

describe('KeyringStore over a keyring backend', () => {
  let home: string;
  let cleanup: () => void;
  beforeEach(() => ({ home, cleanup } = tempHome()));
  afterEach(() => cleanup());

  it('round-trips, lists valid keys only, and records itself in a marker without values', async () => {
    const keyring = new MemoryKeyring();
    const store = new KeyringStore(home, keyring);
    expect(await store.list()).toEqual([]);
    expect(readKeyringMarker(home)).toBeUndefined();
    await store.set('github.token', 'ghp_keyring-value-1');
    await store.set('a.b', 'value-two');
    keyring.entries.set('__switchyard_probe_left_over', 'x'); // a probe entry that failed to be deleted
    expect(await store.get('github.token')).toBe('ghp_keyring-value-1');
    expect(await store.has('a.b')).toBe(true);
    expect(await store.list()).toEqual(['a.b', 'github.token']);
    expect(await store.delete('a.b')).toBe(true);
    expect(await store.delete('a.b')).toBe(false);
    expect(readKeyringMarker(home)).toBe(keyring.service);
    const marker = path.join(home, keyringMarkerFileName);
    if (process.platform !== 'win32') expect(modeOf(marker)).toBe(0o600);
    expect(readFileSync(marker, 'utf8')).not.toContain('ghp_keyring-value-1');
    expect(store.warning).toBeUndefined();
  });

  it('wraps keyring failures in a message naming the key and the keyring, never the value', async () => {
    const keyring = new MemoryKeyring();
    keyring.fail = "Couldn't access platform storage: unlock prompt was dismissed";
    const store = new KeyringStore(home, keyring);
    const error = await store.set('github.token', 'ghp_never-in-messages').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    const text = (error as SwitchyardError).describe();
    expect(text).toContain('"github.token"');
    expect(text).toContain('unlock prompt was dismissed');
    expect(text).toMatch(/Unlock your keyring/);
    expect(text).not.toContain('ghp_never-in-messages');
    expect(readKeyringMarker(home)).toBeUndefined();
  });

  it('names the keyring service after the home, so separate homes never share entries', () => {
    expect(keyringServiceName('/a/home')).toBe('switchyard:/a/home');
    expect(keyringServiceName('/a/home')).not.toBe(keyringServiceName('/b/home'));
  });
});

describe('OS keyring availability detection', () => {
  it.runIf(process.platform === 'linux')('reports "not available" with a reason when no Secret Service answers on D-Bus', async () => {
    const saved = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${path.join(os.tmpdir(), `switchyard-no-such-bus-${process.pid}`)}`;
    try {
      const probe = await probeKeyring('switchyard:/probe-test', { write: true, timeoutMs: 5_000 });
      expect(probe.available).toBe(false);
      if (!probe.available) {
        expect(probe.reason).toMatch(/no Secret Service .* reachable on the D-Bus session bus \(.+\)/);
      }
    } finally {
      if (saved === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = saved;
    }
  });

  it('never throws, whatever the machine has', async () => {
    const probe = await probeKeyring('switchyard:/probe-test-2', { timeoutMs: 5_000 });
    expect(typeof probe.available).toBe('boolean');
  });
});

/**
 * The real OS keyring. On Linux the tests start their own Secret Service (private D-Bus bus + gnome-keyring
 * in a temporary folder) so the user's keyring is never touched; elsewhere, or without those programs, they
 * use the session's keyring if one is usable, under a service name unique to a temporary home.
 */
const privateKeyring: PrivateKeyring | { reason: string } = await startPrivateKeyring();
const savedBus = process.env.DBUS_SESSION_BUS_ADDRESS;
let realKeyringReason: string | undefined;
if ('address' in privateKeyring) {
  realKeyringReason = undefined;
} else {
  const session = await probeKeyring('switchyard:/availability-check', { write: true, timeoutMs: 10_000 });
  realKeyringReason = session.available ? undefined : `${session.reason}; and ${privateKeyring.reason}`;
}
const skipReason = realKeyringReason ? ` [skipped: ${realKeyringReason}]` : '';
// Said out loud, so a CI log shows why these tests did not run.
if (realKeyringReason) console.warn(`the real OS keyring tests are skipped: ${realKeyringReason}`);

// CI installs gnome-keyring and dbus (.ci/run), so there a skip would hide a broken keyring path: fail instead.
it.runIf(process.env.CI === 'true')('the real OS keyring is available in CI', () => {
  expect(realKeyringReason).toBeUndefined();
});

describe(`the real OS keyring${skipReason}`, () => {
  let home: string;
  let cleanup: () => void;
  beforeAll(() => {
    if ('address' in privateKeyring) process.env.DBUS_SESSION_BUS_ADDRESS = privateKeyring.address;
  });
  afterAll(async () => {
    if (savedBus === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
    else process.env.DBUS_SESSION_BUS_ADDRESS = savedBus;
    if ('stop' in privateKeyring) await privateKeyring.stop();
  });
  beforeEach(() => ({ home, cleanup } = tempHome()));
  afterEach(async () => {
    // Leave nothing behind in a real keyring.
    const probe = await probeKeyring(keyringServiceName(home), { timeoutMs: 10_000 });
    if (probe.available) for (const account of await probe.keyring.accounts()) await probe.keyring.delete(account);
    cleanup();
  });

  it.skipIf(realKeyringReason !== undefined)('round-trips secrets, lists keys, deletes', async () => {
    const probe = await probeKeyring(keyringServiceName(home), { write: true });
    expect(probe.available).toBe(true);
    if (!probe.available) return;
    const store = new KeyringStore(home, probe.keyring);
    await store.set('github.token', 'ghp_real-keyring-value');
    await store.set('github.other', 'second real value');
    expect(await store.get('github.token')).toBe('ghp_real-keyring-value');
    expect(await store.list()).toEqual(['github.other', 'github.token']);
    await store.set('github.token', 'replaced value');
    expect(await store.get('github.token')).toBe('replaced value');
    expect(await store.delete('github.token')).toBe(true);
    expect(await store.get('github.token')).toBeUndefined();
    expect(await store.delete('github.token')).toBe(false);
  });

  it.skipIf(realKeyringReason !== undefined)('is what openSecretStore picks for a new home, and stays picked; no value in any file', async () => {
    const first = await openSecretStore({ home, env: {} });
    expect(first.backend).toBe('keyring');
    expect(first.warning).toBeUndefined();
    await first.set('a.b', 'Keyring-Only-Value-7f3a');
    const second = await openSecretStore({ home, env: {} });
    expect(second.backend).toBe('keyring');
    expect(await second.get('a.b')).toBe('Keyring-Only-Value-7f3a');
    for (const { file, bytes } of allFiles(home)) expect(bytes.includes(Buffer.from('Keyring-Only-Value-7f3a')), file).toBe(false);
  });

  it.skipIf(realKeyringReason !== undefined)('keeps separate homes apart', async () => {
    const other = tempHome();
    try {
      const a = await openSecretStore({ home, backend: 'keyring', env: {} });
      const b = await openSecretStore({ home: other.home, backend: 'keyring', env: {} });
      await a.set('a.b', 'home-a-value');
      expect(await b.get('a.b')).toBeUndefined();
      expect(await b.list()).toEqual([]);
    } finally {
      other.cleanup();
    }
  });
});
