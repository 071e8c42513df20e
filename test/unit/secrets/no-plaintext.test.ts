import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSecretStore } from '../../../electron/secrets/open-secret-store.js';
import type { SecretStore } from '../../../electron/secrets/secret-store.js';
import { allFiles, FakeSafeStorage, MemoryKeyring, tempHome } from './support/fixtures.js';

/** A stored value must not appear in any file under the home: not raw, nor in the usual encodings. */
function forms(value: string): Buffer[] {
  const utf8 = Buffer.from(value, 'utf8');
  return [
    utf8,
    Buffer.from(JSON.stringify(value).slice(1, -1)),
    Buffer.from(value, 'utf16le'),
    Buffer.from(utf8.toString('base64').replace(/=+$/, '')),
    Buffer.from(utf8.toString('hex')),
  ];
}

describe('no secret value in plain text under the home folder', () => {
  let home: string;
  let cleanup: () => void;
  beforeEach(() => ({ home, cleanup } = tempHome()));
  afterEach(() => cleanup());

  const values: Record<string, string> = {
    'github.personal_access_token': 'ghp_PlainTextCanary0123456789abcdefghij',
    'db.password': 'pässwörd "with quotes" and \\ backslash',
    'svc.pem': '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC\n-----END PRIVATE KEY-----\n',
  };

  const backends: Array<[string, () => Promise<SecretStore>]> = [
    ['encrypted file', () => openSecretStore({ home, env: {}, probeKeyring: async () => ({ available: false, reason: 'none in this test' }) })],
    ['safeStorage', () => openSecretStore({ home, backend: 'safe-storage', safeStorage: new FakeSafeStorage() })],
    ['keyring (its marker file)', () => openSecretStore({ home, env: {}, probeKeyring: async () => ({ available: true, keyring: new MemoryKeyring() }) })],
  ];

  for (const [name, open] of backends) {
    it(name, async () => {
      const store = await open();
      for (const [key, value] of Object.entries(values)) await store.set(key, value);
      await store.set('github.personal_access_token', values['github.personal_access_token'] as string); // rewrite
      await store.delete('db.password');
      await store.set('db.password', values['db.password'] as string);
      for (const [key, value] of Object.entries(values)) expect(await store.get(key)).toBe(value);
      const files = allFiles(home);
      expect(files.length).toBeGreaterThan(0);
      for (const { file, bytes } of files) {
        for (const value of Object.values(values)) {
          for (const form of forms(value)) expect(bytes.includes(form), `${file} holds a form of a value`).toBe(false);
        }
        // No leftover temp files from atomic writes.
        expect(file).not.toMatch(/\.tmp$|\.\d+$/);
      }
    });
  }
});
