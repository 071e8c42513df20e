import path from 'node:path';
import { parseSecretJson, readSecretFile, writeSecretFile } from './secret-files.js';
import { assertSecretKey, assertSecretValue, secretStoreError, type SafeStorageLike, type SecretStore } from './secret-store.js';
import { Serial } from './serial.js';

export const safeStorageFileName = 'secrets.safe.json';

const formatName = 'switchyard-safe-storage';
const formatVersion = 1;

interface SafeStorageDocument {
  format: typeof formatName;
  version: number;
  /** key -> base64 of safeStorage.encryptString(value). Names are not secret; values are. */
  entries: Record<string, string>;
}

/**
 * Secrets encrypted with Electron's safeStorage (the OS keychain / DPAPI / libsecret key of the desktop app),
 * kept as ciphertexts in `<home>/secrets.safe.json` (0600, written atomically). Only a process with the app's
 * safeStorage can read them, which is why openSecretStore does not choose this backend on its own (see there).
 */
export class SafeStorageStore implements SecretStore {
  readonly backend = 'safe-storage' as const;
  readonly location: string;
  readonly warning?: string;
  reason?: string;
  readonly file: string;
  private readonly serial = new Serial();

  constructor(
    home: string,
    private readonly safeStorage: SafeStorageLike,
  ) {
    this.file = path.join(home, safeStorageFileName);
    this.location = this.file;
    if (!safeStorage.isEncryptionAvailable()) {
      throw secretStoreError(
        'Electron safeStorage is not available (encryption is not available on this system).',
        'Use the OS keyring or the encrypted-file backend instead.',
      );
    }
    if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      this.warning =
        'Electron safeStorage found no OS keyring and uses a built-in key, so secrets.safe.json is only obscured, not protected: anyone who can read it can decrypt it.';
    }
  }

  async get(key: string): Promise<string | undefined> {
    assertSecretKey(key);
    const cipherText = (await this.load()).entries[key];
    return cipherText === undefined ? undefined : this.decrypt(key, cipherText);
  }

  async has(key: string): Promise<boolean> {
    assertSecretKey(key);
    return Object.hasOwn((await this.load()).entries, key);
  }

  async list(): Promise<string[]> {
    return Object.keys((await this.load()).entries).sort();
  }

  async set(key: string, value: string): Promise<void> {
    assertSecretKey(key);
    assertSecretValue(key, value);
    return this.serial.run(async () => {
      const doc = await this.load();
      let cipherText: Buffer;
      try {
        cipherText = this.safeStorage.encryptString(value);
      } catch (error) {
        throw secretStoreError(
          `Electron safeStorage could not encrypt secret "${key}": ${(error as Error).message}`,
          'Check that the OS keychain is unlocked, then try again.',
        );
      }
      doc.entries[key] = cipherText.toString('base64');
      await this.save(doc);
    });
  }

  async delete(key: string): Promise<boolean> {
    assertSecretKey(key);
    return this.serial.run(async () => {
      const doc = await this.load();
      if (!Object.hasOwn(doc.entries, key)) return false;
      delete doc.entries[key];
      await this.save(doc);
      return true;
    });
  }

  private decrypt(key: string, cipherText: string): string {
    try {
      return this.safeStorage.decryptString(Buffer.from(cipherText, 'base64'));
    } catch {
      throw secretStoreError(
        `Secret "${key}" in ${this.file} cannot be decrypted with this app's safeStorage key (the file was changed, or it comes from another user, machine or keychain). The file was left as it is.`,
        `Restore ${this.file} from a backup made on this machine, or set the secret again: switchyard secret set ${key}`,
      );
    }
  }

  private async load(): Promise<SafeStorageDocument> {
    const raw = readSecretFile(this.file);
    if (raw === undefined) return { format: formatName, version: formatVersion, entries: {} };
    const whatToDo = `Restore ${this.file} from a backup. To start over without those secrets, move it aside and set the secrets again.`;
    const doc = parseSecretJson(this.file, raw, whatToDo) as Partial<SafeStorageDocument> | null;
    const entries = doc?.entries;
    const valid =
      doc &&
      typeof doc === 'object' &&
      doc.format === formatName &&
      doc.version === formatVersion &&
      entries &&
      typeof entries === 'object' &&
      !Array.isArray(entries) &&
      Object.values(entries).every((value) => typeof value === 'string');
    if (!valid) {
      const newer = typeof doc?.version === 'number' && doc.version > formatVersion;
      throw secretStoreError(
        newer
          ? `Secrets file ${this.file} was written by a newer Switchyard (format version ${doc?.version}); it was left as it is.`
          : `Secrets file ${this.file} is damaged (not a Switchyard safeStorage secrets document); it was left as it is.`,
        newer ? 'Use that newer Switchyard, or update this one.' : whatToDo,
      );
    }
    return { format: formatName, version: formatVersion, entries: { ...entries } };
  }

  private async save(doc: SafeStorageDocument): Promise<void> {
    const sorted = Object.fromEntries(Object.entries(doc.entries).sort(([a], [b]) => (a < b ? -1 : 1)));
    await writeSecretFile(this.file, JSON.stringify({ ...doc, entries: sorted }, null, 2) + '\n');
  }
}
