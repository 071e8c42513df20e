import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseSecretJson, readSecretFile, secretFileMode, writeSecretFile } from './secret-files.js';
import { assertSecretKey, assertSecretValue, secretStoreError, type SecretStore } from './secret-store.js';
import { Serial } from './serial.js';

export const encryptedFileNames = { data: 'secrets.enc.json', key: 'secrets.key' } as const;

/** What the fallback protects and what it does not, in one line (printed once by the CLI, shown by the app). */
export const encryptedFileWarning =
  'No OS keyring is in use, so secrets are in an AES-256-GCM encrypted file: it protects them from casual reading, from backups or copies that leave out secrets.key, and from other users (both files are 0600); it does not protect them from anyone who can read your home folder as you, who can read both files.';

const keyLength = 32;
const ivLength = 12;
const tagLength = 16;
const formatName = 'switchyard-secrets';
const formatVersion = 1;
const cipherName = 'aes-256-gcm';
/** Binds the ciphertext to this format, so a blob from some other use of the key does not decrypt here. */
const additionalData = Buffer.from(`${formatName} v${formatVersion}`);

interface EncryptedDocument {
  format: typeof formatName;
  version: number;
  cipher: typeof cipherName;
  /** A fingerprint of the key (not the key), to tell "wrong key file" from "file changed or damaged". */
  keyId: string;
  iv: string;
  tag: string;
  data: string;
}

/**
 * The fallback where no OS keyring is reachable: every secret in one AES-256-GCM encrypted document,
 * `<home>/secrets.enc.json`, under a random 32-byte key in `<home>/secrets.key`, both 0600. The whole document
 * is encrypted (names included) and rewritten atomically with a fresh IV on each change; GCM's tag makes any
 * change to the file, or the wrong key file, fail loudly. A file that does not decrypt or parse is reported
 * with its path and what to do, and left exactly as it is: never reset, never overwritten.
 */
export class EncryptedFileStore implements SecretStore {
  readonly backend = 'encrypted-file' as const;
  readonly location: string;
  readonly warning = encryptedFileWarning;
  reason?: string;
  readonly dataFile: string;
  readonly keyFile: string;
  private readonly serial = new Serial();

  constructor(readonly home: string) {
    this.dataFile = path.join(home, encryptedFileNames.data);
    this.keyFile = path.join(home, encryptedFileNames.key);
    this.location = this.dataFile;
  }

  async get(key: string): Promise<string | undefined> {
    assertSecretKey(key);
    return (await this.load()).get(key);
  }

  async has(key: string): Promise<boolean> {
    assertSecretKey(key);
    return (await this.load()).has(key);
  }

  async list(): Promise<string[]> {
    return [...(await this.load()).keys()].sort();
  }

  async set(key: string, value: string): Promise<void> {
    assertSecretKey(key);
    assertSecretValue(key, value);
    return this.serial.run(async () => {
      const entries = await this.load();
      entries.set(key, value);
      await this.save(entries, this.keyForWriting());
    });
  }

  async delete(key: string): Promise<boolean> {
    assertSecretKey(key);
    return this.serial.run(async () => {
      const entries = await this.load();
      if (!entries.delete(key)) return false;
      await this.save(entries, this.keyForWriting());
      return true;
    });
  }

  /** Reads and decrypts the whole document; an absent file is an empty store. */
  private async load(): Promise<Map<string, string>> {
    const raw = readSecretFile(this.dataFile);
    if (raw === undefined) return new Map();
    const doc = this.parseDocument(raw);
    const key = this.readKey();
    if (key === undefined) {
      throw secretStoreError(
        `Secrets file ${this.dataFile} exists but its key file ${this.keyFile} is missing, so the secrets cannot be decrypted.`,
        `Restore ${this.keyFile} from where you keep it backed up. To start over without those secrets instead, move ${this.dataFile} aside (its secrets are then lost) and set them again.`,
      );
    }
    if (doc.keyId !== keyFingerprint(key)) {
      throw secretStoreError(
        `Key file ${this.keyFile} does not belong to secrets file ${this.dataFile} (it is another key), so the secrets cannot be decrypted; both files were left as they are.`,
        `Restore the secrets.key that was saved together with ${this.dataFile}. To start over without those secrets, move both files aside and set the secrets again.`,
      );
    }
    let plain: Buffer;
    try {
      const decipher = createDecipheriv(cipherName, key, Buffer.from(doc.iv, 'base64'), { authTagLength: tagLength });
      decipher.setAAD(additionalData);
      decipher.setAuthTag(Buffer.from(doc.tag, 'base64'));
      plain = Buffer.concat([decipher.update(Buffer.from(doc.data, 'base64')), decipher.final()]);
    } catch {
      throw secretStoreError(
        `Secrets file ${this.dataFile} failed its integrity check: it was changed or damaged after Switchyard wrote it. It was left as it is.`,
        `Restore ${this.dataFile} from a backup. To start over without those secrets, move it aside and set the secrets again.`,
      );
    }
    return this.parseEntries(plain);
  }

  private parseDocument(raw: Buffer): EncryptedDocument {
    const whatToDo = `Restore ${this.dataFile} from a backup. To start over without those secrets, move it aside and set the secrets again.`;
    const doc = parseSecretJson(this.dataFile, raw, whatToDo) as Partial<EncryptedDocument> | null;
    if (doc && typeof doc === 'object' && doc.format === formatName && typeof doc.version === 'number' && doc.version > formatVersion) {
      throw secretStoreError(
        `Secrets file ${this.dataFile} was written by a newer Switchyard (format version ${doc.version}; this one reads ${formatVersion}). It was left as it is.`,
        'Use that newer Switchyard, or update this one.',
      );
    }
    const base64 = /^[A-Za-z0-9+/]*={0,2}$/;
    const valid =
      doc &&
      typeof doc === 'object' &&
      doc.format === formatName &&
      doc.version === formatVersion &&
      doc.cipher === cipherName &&
      typeof doc.keyId === 'string' &&
      [doc.iv, doc.tag, doc.data].every((field) => typeof field === 'string' && base64.test(field)) &&
      Buffer.from(doc.iv as string, 'base64').length === ivLength &&
      Buffer.from(doc.tag as string, 'base64').length === tagLength;
    if (!valid)
      throw secretStoreError(`Secrets file ${this.dataFile} is damaged (not a Switchyard encrypted secrets document); it was left as it is.`, whatToDo);
    return doc as EncryptedDocument;
  }

  private parseEntries(plain: Buffer): Map<string, string> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(plain.toString('utf8'));
    } catch {
      parsed = undefined;
    }
    const entries = (parsed as { entries?: unknown } | undefined)?.entries;
    if (!entries || typeof entries !== 'object' || Object.values(entries).some((value) => typeof value !== 'string')) {
      // Authenticated, so this is our own bug or a foreign writer with the key: still never reset.
      throw secretStoreError(
        `Secrets file ${this.dataFile} decrypts but does not hold a list of secrets; it was left as it is.`,
        `Restore ${this.dataFile} from a backup, or move it aside and set the secrets again.`,
      );
    }
    return new Map(Object.entries(entries as Record<string, string>));
  }

  private async save(entries: Map<string, string>, key: Buffer): Promise<void> {
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv(cipherName, key, iv, { authTagLength: tagLength });
    cipher.setAAD(additionalData);
    const plain = Buffer.from(JSON.stringify({ entries: Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : 1))) }), 'utf8');
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    plain.fill(0);
    const doc: EncryptedDocument = {
      format: formatName,
      version: formatVersion,
      cipher: cipherName,
      keyId: keyFingerprint(key),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    await writeSecretFile(this.dataFile, JSON.stringify(doc, null, 2) + '\n');
  }

  private readKey(): Buffer | undefined {
    const key = readSecretFile(this.keyFile);
    if (key !== undefined && key.length !== keyLength) {
      throw secretStoreError(
        `Key file ${this.keyFile} is damaged (${key.length} bytes; a key is exactly ${keyLength}), so the secrets cannot be decrypted; it was left as it is.`,
        `Restore ${this.keyFile} from where you keep it backed up. To start over without those secrets, move ${this.keyFile} and ${this.dataFile} aside and set the secrets again.`,
      );
    }
    return key;
  }

  /**
   * The key to encrypt with: the existing one, or (only when there is neither key nor data yet) a new random
   * one, created exclusively so two processes starting at once agree on one key. load() has already refused
   * a data file without its key, so a new key never orphans existing secrets.
   */
  private keyForWriting(): Buffer {
    const existing = this.readKey();
    if (existing) return existing;
    mkdirSync(this.home, { recursive: true, mode: 0o700 });
    const temp = `${this.keyFile}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const key = randomBytes(keyLength);
    try {
      writeFileSync(temp, key, { mode: secretFileMode, flag: 'wx' });
      chmodSync(temp, secretFileMode);
      try {
        linkSync(temp, this.keyFile); // fails if another process created it first: then theirs wins
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') {
          // A file system without hard links: an exclusive create is the next best thing.
          try {
            writeFileSync(this.keyFile, key, { mode: secretFileMode, flag: 'wx' });
          } catch (fallbackError) {
            if ((fallbackError as NodeJS.ErrnoException).code !== 'EEXIST') throw fallbackError;
          }
        }
      }
    } finally {
      rmSync(temp, { force: true });
      key.fill(0);
    }
    const written = this.readKey();
    if (!written) throw secretStoreError(`Could not create key file ${this.keyFile}.`, 'Check that the Switchyard folder is writable.');
    return written;
  }
}

function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('switchyard secrets key id\0').update(key).digest('hex').slice(0, 16);
}
