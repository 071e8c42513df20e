import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SafeStorageLike } from '../../../../electron/secrets/secret-store.js';
import type { KeyringBackend } from '../../../../electron/secrets/keyring-store.js';

export function tempHome(): { home: string; cleanup(): void } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-secrets-'));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

export function modeOf(file: string): number {
  return statSync(file).mode & 0o777;
}

/** Every file under a folder, with its bytes. */
export function allFiles(dir: string): Array<{ file: string; bytes: Buffer }> {
  const out: Array<{ file: string; bytes: Buffer }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...allFiles(full));
    else if (entry.isFile()) out.push({ file: full, bytes: readFileSync(full) });
  }
  return out;
}

/**
 * Electron's safeStorage in miniature: real encryption (AES-256-GCM under a per-instance key, like the
 * OS-held key safeStorage uses), throwing on a ciphertext it did not make, as Electron does.
 */
export class FakeSafeStorage implements SafeStorageLike {
  private readonly key = randomBytes(32);
  constructor(
    private readonly available = true,
    private readonly storageBackend = 'gnome_libsecret',
  ) {}

  isEncryptionAvailable(): boolean {
    return this.available;
  }

  getSelectedStorageBackend(): string {
    return this.storageBackend;
  }

  encryptString(plainText: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), data]);
  }

  decryptString(encrypted: Buffer): string {
    try {
      if (encrypted.subarray(0, 3).toString() !== 'v11') throw new Error('bad prefix');
      const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(3, 15));
      decipher.setAuthTag(encrypted.subarray(15, 31));
      return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  }
}

/** An in-memory keyring with the real one's shape; `fail` makes every call reject like a locked keyring. */
export class MemoryKeyring implements KeyringBackend {
  readonly entries = new Map<string, string>();
  fail: string | undefined;
  constructor(readonly service = 'switchyard:/test') {}

  async get(account: string): Promise<string | undefined> {
    this.check();
    return this.entries.get(account);
  }
  async set(account: string, value: string): Promise<void> {
    this.check();
    this.entries.set(account, value);
  }
  async delete(account: string): Promise<boolean> {
    this.check();
    return this.entries.delete(account);
  }
  async accounts(): Promise<string[]> {
    this.check();
    return [...this.entries.keys()];
  }
  private check(): void {
    if (this.fail) throw new Error(this.fail);
  }
}
