import { SwitchyardError } from '../../shared/errors.js';

/**
 * Where a server's secrets live. Keys are `<server>.<name>` (e.g. `github.personal_access_token`); values are
 * opaque strings that never appear in a log line, an error message or a file in plain text. Every backend
 * (OS keyring, encrypted file, Electron safeStorage) implements this one shape, so callers never know which
 * one they got except through `backend`, `location` and `warning`.
 */
export interface SecretStore {
  /** 'keyring' | 'encrypted-file' | 'safe-storage' (stable: shown by `secret ls` and usable in scripts). */
  readonly backend: SecretBackendName;
  /** Where the secrets are, for people: a file path or the keyring service name. Never a value. */
  readonly location: string;
  /** One line for the user when the backend protects less than an OS keyring would. */
  readonly warning?: string;
  /** Why this backend was chosen (set by openSecretStore), e.g. why there is no keyring. Never a value. */
  readonly reason?: string;
  set(key: string, value: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
  /** True when the key existed. */
  delete(key: string): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /** Keys only, sorted. */
  list(): Promise<string[]>;
}

export type SecretBackendName = 'keyring' | 'encrypted-file' | 'safe-storage';

/** Electron's `safeStorage` as far as the secret store uses it; electron/main passes the real one. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron: 'basic_text' means a hard-coded key, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
}

/** The same rule as checkServerName in electron/runtime/server-definition.ts. */
const serverPartPattern = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const namePartPattern = /^[A-Za-z0-9_.-]{1,128}$/;

export const secretKeyForm = '<server>.<name>: server 1-63 of a-z 0-9 _ . - (starting with a letter or digit), name 1-128 of A-Z a-z 0-9 _ . -';

/**
 * Splits a key into server and name at the first dot. Server names may themselves contain dots, so a key is
 * accepted when ANY split gives a valid server and a valid name; the first-dot split is what `parseSecretKey`
 * returns (catalog keys such as `atlassian.confluence.api_token` belong to server `atlassian`). Code that wants
 * a server's secrets should match by the prefix `<server>.`, which works for every split.
 */
export function checkSecretKey(key: string): string | undefined {
  if (typeof key === 'string' && key.length <= 63 + 1 + 128) {
    for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
      if (serverPartPattern.test(key.slice(0, dot)) && namePartPattern.test(key.slice(dot + 1))) return undefined;
    }
  }
  return `secret key ${describeKey(key)} is not of the form ${secretKeyForm}`;
}

/** Throws a SwitchyardError naming the bad key and the expected form. */
export function assertSecretKey(key: string): void {
  const problem = checkSecretKey(key);
  if (problem) throw new SwitchyardError('INVALID_INPUT', problem, 'Example: github.personal_access_token');
}

export function parseSecretKey(key: string): { server: string; name: string } {
  assertSecretKey(key);
  const dot = key.indexOf('.');
  return { server: key.slice(0, dot), name: key.slice(dot + 1) };
}

/** Builds `<server>.<name>`, validating both parts. */
export function secretKey(server: string, name: string): string {
  const key = `${server}.${name}`;
  if (!serverPartPattern.test(server) || !namePartPattern.test(name)) {
    throw new SwitchyardError('INVALID_INPUT', `secret key ${describeKey(key)} is not of the form ${secretKeyForm}`);
  }
  return key;
}

/** The keys of one server, by prefix. */
export function keysOfServer(keys: readonly string[], server: string): string[] {
  return keys.filter((key) => key.startsWith(`${server}.`));
}

/** Secret values must be non-empty strings without NUL (NUL does not survive every keyring). */
export function assertSecretValue(key: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new SwitchyardError('INVALID_INPUT', `The value for secret "${key}" is empty.`, 'Give a non-empty value.');
  }
  if (value.includes('\0')) throw new SwitchyardError('INVALID_INPUT', `The value for secret "${key}" contains a NUL character, which cannot be stored.`);
}

/** A key as it may appear in a message: quoted, printable, bounded (it came from the user). */
function describeKey(key: unknown): string {
  if (typeof key !== 'string') return `(${typeof key})`;
  const shown = JSON.stringify(key.length > 80 ? `${key.slice(0, 80)}…` : key);
  return shown;
}

/**
 * A problem with stored secrets that the user must resolve by hand (a corrupt or undecryptable file, a keyring
 * that holds our secrets but cannot be reached). Never carries a value.
 */
export function secretStoreError(message: string, hint: string): SwitchyardError {
  return new SwitchyardError('INTERNAL', message, hint);
}
