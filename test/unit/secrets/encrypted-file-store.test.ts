import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedFileStore, encryptedFileWarning } from '../../../electron/secrets/encrypted-file-store.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { modeOf, tempHome } from './support/fixtures.js';

const posix = process.platform !== 'win32';

describe('EncryptedFileStore', () => {
  let home: string;
  let cleanup: () => void;
  beforeEach(() => ({ home, cleanup } = tempHome()));
  afterEach(() => cleanup());

  it('round-trips values, lists keys only, deletes', async () => {
    const store = new EncryptedFileStore(home);
    expect(await store.list()).toEqual([]);
    expect(await store.get('github.token')).toBeUndefined();
    await store.set('github.token', 'ghp_value-1');
    await store.set('slack.bot_token', 'multi\nline "value" with ünïcode ✓');
    expect(await store.get('github.token')).toBe('ghp_value-1');
    expect(await store.get('slack.bot_token')).toBe('multi\nline "value" with ünïcode ✓');
    expect(await store.has('github.token')).toBe(true);
    expect(await store.has('github.other')).toBe(false);
    expect(await store.list()).toEqual(['github.token', 'slack.bot_token']);
    await store.set('github.token', 'replaced');
    expect(await store.get('github.token')).toBe('replaced');
    expect(await store.delete('github.token')).toBe(true);
    expect(await store.delete('github.token')).toBe(false);
    expect(await store.list()).toEqual(['slack.bot_token']);
  });

  it('is read fresh by a second instance (the app and the CLI see the same secrets)', async () => {
    await new EncryptedFileStore(home).set('a.b', 'shared-value');
    expect(await new EncryptedFileStore(home).get('a.b')).toBe('shared-value');
  });

  it('keeps concurrent sets on one store', async () => {
    const store = new EncryptedFileStore(home);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`s.k${i}`, `value-${i}`)));
    expect((await store.list()).length).toBe(20);
  });

  it.runIf(posix)('writes the key file (32 bytes) and the data file with mode 0600, creating the home 0700', async () => {
    const nested = path.join(home, 'deeper', 'home');
    const store = new EncryptedFileStore(nested);
    await store.set('a.b', 'value-123');
    expect(modeOf(store.keyFile)).toBe(0o600);
    expect(modeOf(store.dataFile)).toBe(0o600);
    expect(modeOf(nested)).toBe(0o700);
    expect(readFileSync(store.keyFile).length).toBe(32);
    await store.set('a.c', 'value-456');
    expect(modeOf(store.dataFile)).toBe(0o600);
  });

  it.runIf(posix)('keeps 0600 under a permissive umask', async () => {
    const previous = process.umask(0o000);
    try {
      const store = new EncryptedFileStore(home);
      await store.set('a.b', 'value-123');
      expect(modeOf(store.keyFile)).toBe(0o600);
      expect(modeOf(store.dataFile)).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('does not create files for reads', async () => {
    const store = new EncryptedFileStore(home);
    await store.list();
    await store.get('a.b');
    expect(() => readFileSync(store.dataFile)).toThrow();
    expect(() => readFileSync(store.keyFile)).toThrow();
  });

  it('stores neither names nor values in clear', async () => {
    const store = new EncryptedFileStore(home);
    await store.set('github.personal_access_token', 'ghp_SuperSecretValue123');
    const text = readFileSync(store.dataFile, 'utf8');
    expect(text).not.toContain('ghp_SuperSecretValue123');
    expect(text).not.toContain('personal_access_token');
  });

  it('has a one-line warning saying what it protects and what it does not', () => {
    const { warning } = new EncryptedFileStore(home);
    expect(warning).toBe(encryptedFileWarning);
    expect(warning).not.toContain('\n');
    expect(warning).toMatch(/casual reading/);
    expect(warning).toMatch(/backups/);
    expect(warning).toMatch(/other users/);
    expect(warning).toMatch(/0600/);
    expect(warning).toMatch(/does not protect.*home folder as you/);
  });

  it('rejects bad keys and empty values without writing', async () => {
    const store = new EncryptedFileStore(home);
    await expect(store.set('nodot', 'value-1')).rejects.toThrow(/"nodot".*<server>\.<name>/);
    await expect(store.set('a.b', '')).rejects.toThrow(/empty/);
    await expect(store.get('Bad.key')).rejects.toThrow(/"Bad\.key"/);
    expect(() => readFileSync(store.dataFile)).toThrow();
  });

  describe('refuses damaged or mismatched files, never resetting them', () => {
    async function seeded(): Promise<EncryptedFileStore> {
      const store = new EncryptedFileStore(home);
      await store.set('a.b', 'value-seeded-1');
      return store;
    }

    async function expectRefusal(store: EncryptedFileStore, pattern: RegExp): Promise<void> {
      const dataBefore = readFileSync(store.dataFile);
      let keyBefore: Buffer | undefined;
      try {
        keyBefore = readFileSync(store.keyFile);
      } catch {
        keyBefore = undefined;
      }
      for (const attempt of [
        () => store.list(),
        () => store.get('a.b'),
        () => store.set('a.c', 'new-value-x'),
        () => store.delete('a.b'),
        () => store.has('a.b'),
      ]) {
        const error = await attempt().then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(SwitchyardError);
        const text = (error as SwitchyardError).describe();
        expect(text).toMatch(pattern);
        expect(text).toContain(store.dataFile);
        expect(text).not.toContain('value-seeded-1');
        expect(text).not.toContain('new-value-x');
        expect((error as SwitchyardError).hint).toBeTruthy();
      }
      expect(readFileSync(store.dataFile).equals(dataBefore)).toBe(true);
      if (keyBefore) expect(readFileSync(store.keyFile).equals(keyBefore)).toBe(true);
    }

    it('a wrong key file (another 32-byte key)', async () => {
      const store = await seeded();
      writeFileSync(store.keyFile, Buffer.alloc(32, 7));
      await expectRefusal(store, /does not belong to/);
    });

    it('a key file of the wrong length', async () => {
      const store = await seeded();
      writeFileSync(store.keyFile, 'short');
      await expectRefusal(store, /5 bytes; a key is exactly 32/);
    });

    it('a missing key file (and no new key is made over existing data)', async () => {
      const store = await seeded();
      writeFileSync(store.keyFile, ''); // replaced below by removal
      const { rmSync } = await import('node:fs');
      rmSync(store.keyFile);
      await expectRefusal(store, /key file .* is missing/);
      expect(() => readFileSync(store.keyFile)).toThrow();
    });

    it('a data file that is not JSON', async () => {
      const store = await seeded();
      writeFileSync(store.dataFile, '{"format": "switchyard-sec');
      await expectRefusal(store, /damaged \(not valid JSON/);
    });

    it('a data file that is JSON but not ours', async () => {
      const store = await seeded();
      writeFileSync(store.dataFile, JSON.stringify({ entries: { 'a.b': 'plain' } }));
      await expectRefusal(store, /not a Switchyard encrypted secrets document/);
    });

    it('a ciphertext that was changed (one flipped byte)', async () => {
      const store = await seeded();
      const doc = JSON.parse(readFileSync(store.dataFile, 'utf8')) as { data: string };
      const bytes = Buffer.from(doc.data, 'base64');
      bytes[0] = (bytes[0] as number) ^ 1;
      writeFileSync(store.dataFile, JSON.stringify({ ...doc, data: bytes.toString('base64') }));
      await expectRefusal(store, /failed its integrity check/);
    });

    it('a changed tag', async () => {
      const store = await seeded();
      const doc = JSON.parse(readFileSync(store.dataFile, 'utf8')) as { tag: string };
      writeFileSync(store.dataFile, JSON.stringify({ ...doc, tag: Buffer.alloc(16).toString('base64') }));
      await expectRefusal(store, /failed its integrity check/);
    });

    it('a file from a newer format version', async () => {
      const store = await seeded();
      const doc = JSON.parse(readFileSync(store.dataFile, 'utf8')) as object;
      writeFileSync(store.dataFile, JSON.stringify({ ...doc, version: 9 }));
      await expectRefusal(store, /newer Switchyard/);
    });
  });

  it.runIf(posix)('tightens a key file that was made readable by others', async () => {
    const store = new EncryptedFileStore(home);
    await store.set('a.b', 'value-123');
    const { chmodSync } = await import('node:fs');
    chmodSync(store.keyFile, 0o644);
    expect(await store.get('a.b')).toBe('value-123');
    expect(modeOf(store.keyFile)).toBe(0o600);
  });
});
