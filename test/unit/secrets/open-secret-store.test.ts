import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EncryptedFileStore } from '../../../electron/secrets/encrypted-file-store.js';
import { KeyringStore, keyringServiceName, type KeyringProbe } from '../../../electron/secrets/keyring-store.js';
import { openSecretStore, parseBackendChoice } from '../../../electron/secrets/open-secret-store.js';
import { SafeStorageStore } from '../../../electron/secrets/safe-storage-store.js';
import { FakeSafeStorage, MemoryKeyring, tempHome } from './support/fixtures.js';

const noKeyring = async (): Promise<KeyringProbe> => ({ available: false, reason: 'no Secret Service on the session bus' });

describe('openSecretStore: one choice for the app, the CLI and the bridge', () => {
  let home: string;
  let cleanup: () => void;
  beforeEach(() => ({ home, cleanup } = tempHome()));
  afterEach(() => cleanup());

  function keyringProbe(keyring = new MemoryKeyring()) {
    return vi.fn(async (service: string): Promise<KeyringProbe> => {
      expect(service).toBe(keyringServiceName(home));
      return { available: true, keyring };
    });
  }

  it('a new home with a usable keyring: the keyring, after a write probe', async () => {
    const probe = keyringProbe();
    const store = await openSecretStore({ home, env: {}, probeKeyring: probe });
    expect(store).toBeInstanceOf(KeyringStore);
    expect(store.backend).toBe('keyring');
    expect(store.reason).toMatch(/available/);
    expect(probe).toHaveBeenCalledWith(keyringServiceName(home), { write: true });
  });

  it('a new home without a keyring: the encrypted file, with the reason and the warning', async () => {
    const store = await openSecretStore({ home, env: {}, probeKeyring: noKeyring });
    expect(store).toBeInstanceOf(EncryptedFileStore);
    expect(store.reason).toContain('no Secret Service on the session bus');
    expect(store.warning).toMatch(/does not protect/);
  });

  it('preferKeyring: false goes straight to the file for a new home', async () => {
    const probe = keyringProbe();
    const store = await openSecretStore({ home, env: {}, preferKeyring: false, probeKeyring: probe });
    expect(store.backend).toBe('encrypted-file');
    expect(probe).not.toHaveBeenCalled();
  });

  it('a home whose secrets are in the file stays on the file even when a keyring appears', async () => {
    await new EncryptedFileStore(home).set('a.b', 'in-the-file');
    const store = await openSecretStore({ home, env: {}, probeKeyring: keyringProbe() });
    expect(store.backend).toBe('encrypted-file');
    expect(await store.get('a.b')).toBe('in-the-file');
  });

  it('a home whose secrets are in the keyring stays on it; an unreachable keyring is an error, not an empty file store', async () => {
    const keyring = new MemoryKeyring(keyringServiceName(home));
    const first = await openSecretStore({ home, env: {}, probeKeyring: keyringProbe(keyring) });
    await first.set('a.b', 'in-the-keyring');
    const again = await openSecretStore({ home, env: {}, probeKeyring: keyringProbe(keyring) });
    expect(again.backend).toBe('keyring');
    expect(await again.get('a.b')).toBe('in-the-keyring');

    const error = await openSecretStore({ home, env: {}, probeKeyring: noKeyring }).catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toMatch(/secrets are in the OS keyring.*cannot be used now: no Secret Service/);
    expect((error as { hint?: string }).hint).toMatch(/SWITCHYARD_SECRET_BACKEND=encrypted-file/);
    expect(existsSync(path.join(home, 'secrets.enc.json'))).toBe(false);
  });

  it('never picks safeStorage on its own, even in the app where it is available', async () => {
    const store = await openSecretStore({ home, env: {}, safeStorage: new FakeSafeStorage(), probeKeyring: noKeyring });
    expect(store.backend).toBe('encrypted-file');
  });

  it('uses safeStorage when asked explicitly, and then keeps using it in the app', async () => {
    const safeStorage = new FakeSafeStorage();
    const chosen = await openSecretStore({ home, backend: 'safe-storage', safeStorage, probeKeyring: noKeyring });
    expect(chosen).toBeInstanceOf(SafeStorageStore);
    await chosen.set('a.b', 'app-only-value');
    const later = await openSecretStore({ home, env: {}, safeStorage, probeKeyring: noKeyring });
    expect(later.backend).toBe('safe-storage');
    expect(await later.get('a.b')).toBe('app-only-value');
  });

  it('in the CLI, a safeStorage store is an error that says only the app can read it', async () => {
    await new SafeStorageStore(home, new FakeSafeStorage()).set('a.b', 'app-only-value');
    await expect(openSecretStore({ home, env: {}, probeKeyring: noKeyring })).rejects.toThrow(/only the desktop app can read/);
  });

  it('SWITCHYARD_SECRET_BACKEND forces a backend', async () => {
    expect((await openSecretStore({ home, env: { SWITCHYARD_SECRET_BACKEND: 'file' }, probeKeyring: keyringProbe() })).backend).toBe('encrypted-file');
    expect((await openSecretStore({ home, env: { SWITCHYARD_SECRET_BACKEND: 'keyring' }, probeKeyring: keyringProbe() })).backend).toBe('keyring');
    await expect(openSecretStore({ home, env: { SWITCHYARD_SECRET_BACKEND: 'keyring' }, probeKeyring: noKeyring })).rejects.toThrow(/cannot be used now/);
    await expect(openSecretStore({ home, env: { SWITCHYARD_SECRET_BACKEND: 'vault' } })).rejects.toThrow(/"vault" is not a secret backend/);
  });

  it('parses the backend variable', () => {
    expect(parseBackendChoice({})).toBe('auto');
    expect(parseBackendChoice({ SWITCHYARD_SECRET_BACKEND: ' Encrypted-File ' })).toBe('encrypted-file');
    expect(parseBackendChoice({ SWITCHYARD_SECRET_BACKEND: 'safe-storage' })).toBe('safe-storage');
  });

  it('a damaged keyring marker is reported, not ignored', async () => {
    writeFileSync(path.join(home, 'secrets.keyring.json'), 'garbage');
    await expect(openSecretStore({ home, env: {}, probeKeyring: noKeyring })).rejects.toThrow(/secrets\.keyring\.json is damaged/);
  });
});
