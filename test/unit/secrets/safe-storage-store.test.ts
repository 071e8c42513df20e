import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafeStorageStore } from '../../../electron/secrets/safe-storage-store.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { FakeSafeStorage, modeOf, tempHome } from './support/fixtures.js';

describe('SafeStorageStore (with a fake SafeStorageLike)', () => {
  let home: string;
  let cleanup: () => void;
  beforeEach(() => ({ home, cleanup } = tempHome()));
  afterEach(() => cleanup());

  it('round-trips through safeStorage and keeps only ciphertexts in secrets.safe.json (0600)', async () => {
    const safe = new FakeSafeStorage();
    const store = new SafeStorageStore(home, safe);
    await store.set('github.token', 'ghp_round-trip-value');
    await store.set('a.b', 'second-value');
    expect(await store.get('github.token')).toBe('ghp_round-trip-value');
    expect(await store.list()).toEqual(['a.b', 'github.token']);
    expect(await store.has('a.b')).toBe(true);
    expect(await store.delete('a.b')).toBe(true);
    expect(await store.delete('a.b')).toBe(false);
    expect(await store.has('a.b')).toBe(false);
    const text = readFileSync(store.file, 'utf8');
    expect(text).not.toContain('ghp_round-trip-value');
    expect(text).toContain('github.token');
    if (process.platform !== 'win32') expect(modeOf(store.file)).toBe(0o600);
    expect(await new SafeStorageStore(home, safe).get('github.token')).toBe('ghp_round-trip-value');
    expect(store.warning).toBeUndefined();
  });

  it('refuses to open when encryption is not available', () => {
    expect(() => new SafeStorageStore(home, new FakeSafeStorage(false))).toThrow(/safeStorage is not available/);
  });

  it('warns when Electron falls back to its built-in key (basic_text)', () => {
    const store = new SafeStorageStore(home, new FakeSafeStorage(true, 'basic_text'));
    expect(store.warning).toMatch(/only obscured/);
  });

  it('a ciphertext from another key: a clear error naming the key and the file, file untouched', async () => {
    await new SafeStorageStore(home, new FakeSafeStorage()).set('a.b', 'other-machine-value');
    const store = new SafeStorageStore(home, new FakeSafeStorage());
    const before = readFileSync(store.file);
    const error = await store.get('a.b').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect((error as SwitchyardError).message).toContain('"a.b"');
    expect((error as SwitchyardError).message).toContain(store.file);
    expect((error as SwitchyardError).describe()).not.toContain('other-machine-value');
    expect(readFileSync(store.file).equals(before)).toBe(true);
  });

  it('a damaged file: a clear error, never reset (even by set)', async () => {
    const store = new SafeStorageStore(home, new FakeSafeStorage());
    writeFileSync(store.file, 'not json at all');
    for (const attempt of [() => store.list(), () => store.set('a.b', 'value-x1'), () => store.get('a.b')]) {
      await expect(attempt()).rejects.toThrow(/damaged/);
    }
    writeFileSync(store.file, JSON.stringify({ format: 'switchyard-safe-storage', version: 1, entries: { 'a.b': 42 } }));
    await expect(store.list()).rejects.toThrow(new RegExp(`${store.file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is damaged`));
    expect(readFileSync(store.file, 'utf8')).toContain('42');
  });
});
