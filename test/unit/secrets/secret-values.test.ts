import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KeyringProbe } from '../../../electron/secrets/keyring-store.js';
import { homeMayHoldSecrets, openSecretStore } from '../../../electron/secrets/open-secret-store.js';
import type { SecretStore } from '../../../electron/secrets/secret-store.js';
import { SecretValues } from '../../../electron/secrets/secret-values.js';
import { FakeSafeStorage, MemoryKeyring, tempHome } from './support/fixtures.js';

describe('a home that never held a secret is read without opening a secret store', () => {
  let home: string;
  let cleanup: () => void;
  beforeEach(() => ({ home, cleanup } = tempHome()));
  afterEach(() => cleanup());

  const withKeyring = (keyring = new MemoryKeyring()) => vi.fn(async (): Promise<KeyringProbe> => ({ available: true, keyring }));

  it('a new home may hold none; after the first secret is set, in the keyring or the file, it may', async () => {
    expect(homeMayHoldSecrets(home, {})).toBe(false);
    const inKeyring = await openSecretStore({ home, env: {}, probeKeyring: withKeyring() });
    await inKeyring.set('github.token', 'ghp_value');
    expect(homeMayHoldSecrets(home, {})).toBe(true);

    const other = tempHome();
    try {
      const inFile = await openSecretStore({ home: other.home, env: {}, backend: 'encrypted-file' });
      await inFile.set('github.token', 'ghp_value');
      expect(homeMayHoldSecrets(other.home, {})).toBe(true);
    } finally {
      other.cleanup();
    }
  });

  it('an explicit backend may always hold some (the store is opened to find out); auto does not change the answer', async () => {
    expect(homeMayHoldSecrets(home, { SWITCHYARD_SECRET_BACKEND: 'keyring' })).toBe(true);
    expect(homeMayHoldSecrets(home, { SWITCHYARD_SECRET_BACKEND: 'safe-storage' })).toBe(true);
    expect(homeMayHoldSecrets(home, { SWITCHYARD_SECRET_BACKEND: 'auto' })).toBe(false);
    const safe = await openSecretStore({ home, env: {}, backend: 'safe-storage', safeStorage: new FakeSafeStorage() });
    await safe.set('a.b', 'value');
    expect(homeMayHoldSecrets(home, {})).toBe(true);
  });

  it('SecretValues opens no store while the home holds none, and reads the store once it may', async () => {
    const keyring = new MemoryKeyring();
    const probe = withKeyring(keyring);
    const open = vi.fn((): Promise<SecretStore> => openSecretStore({ home, env: {}, probeKeyring: probe }));
    const values = new SecretValues(open, () => homeMayHoldSecrets(home, {}));
    await values.refresh();
    expect(open).not.toHaveBeenCalled();
    expect(probe).not.toHaveBeenCalled();
    expect(values.empty).toBe(true);

    const changed: string[][] = [];
    values.onChange((keys) => changed.push(keys));
    await (await openSecretStore({ home, env: {}, probeKeyring: withKeyring(keyring) })).set('api.key', 'sk-secret-value-123');
    await values.refresh();
    expect(open).toHaveBeenCalled();
    expect(values.found('the reply carried sk-secret-value-123')).toEqual(['api.key']);
    expect(changed).toEqual([['api.key']]);
  });
});
