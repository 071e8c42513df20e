import { existsSync } from 'node:fs';
import path from 'node:path';
import { SwitchyardError } from '../../shared/errors.js';
import { EncryptedFileStore, encryptedFileNames } from './encrypted-file-store.js';
import { KeyringStore, keyringMarkerFileName, keyringServiceName, probeKeyring, readKeyringMarker, type KeyringProbe } from './keyring-store.js';
import { SafeStorageStore, safeStorageFileName } from './safe-storage-store.js';
import { secretStoreError, type SafeStorageLike, type SecretBackendName, type SecretStore } from './secret-store.js';

export type SecretBackendChoice = 'auto' | SecretBackendName;

export interface OpenSecretStoreOptions {
  home: string;
  /** Electron's safeStorage, passed by electron/main; used only when chosen explicitly or already in use (below). */
  safeStorage?: SafeStorageLike;
  /** For a home without secrets yet: try the OS keyring before the encrypted file. Default true. */
  preferKeyring?: boolean;
  /** An explicit backend; default: SWITCHYARD_SECRET_BACKEND from `env`, else 'auto'. */
  backend?: SecretBackendChoice;
  env?: NodeJS.ProcessEnv;
  /** Tests replace the keyring detection. */
  probeKeyring?: (service: string, options: { write?: boolean }) => Promise<KeyringProbe>;
}

export const secretBackendEnv = 'SWITCHYARD_SECRET_BACKEND';

/**
 * Opens the secret store of a Switchyard home. The desktop app, the CLI and the stdio bridge's in-process
 * gateway (which runs from plain Node when the app is closed) must all see the same secrets, so the choice
 * is made from the home folder, identically in every process:
 *
 *  1. The OS keyring when the home's marker (secrets.keyring.json) says the secrets are there. If the keyring
 *     cannot be reached now (an SSH session without D-Bus, a locked keychain), that is an error naming the
 *     reason, never a silent switch to an empty store.
 *  2. The encrypted file when secrets.enc.json (or its key) exists.
 *  3. safeStorage only when secrets.safe.json already exists (written because someone chose it explicitly).
 *  4. A home without secrets yet: the OS keyring when one is usable now (a store/read/delete probe passes),
 *     else the encrypted file, with the keyring's reason in `reason`.
 *
 * Electron's safeStorage is deliberately NOT chosen automatically, in the app or anywhere. Its key lives in
 * the OS keychain under the app's own identity and can only be used through Electron's API in the app's main
 * process: the CLI and the bridge (plain Node) could never read what the app stored that way, so the app and
 * the CLI would hold two different sets of secrets. Wrapping the encrypted file's key with safeStorage has
 * the same flaw (the CLI could not unwrap it). What safeStorage would add, the OS keyring gives both sides
 * already: it is the same keychain (macOS), Credential Manager (Windows) or Secret Service (Linux, where
 * safeStorage without a keyring falls back to a hard-coded key, "basic_text", no better than our file).
 * So the app passes safeStorage, and it is used only when SWITCHYARD_SECRET_BACKEND=safe-storage (or
 * `backend: 'safe-storage'`) asks for an app-only store, or such a store already exists.
 */
export async function openSecretStore(options: OpenSecretStoreOptions): Promise<SecretStore> {
  const home = path.resolve(options.home);
  const probe = options.probeKeyring ?? probeKeyring;
  const service = keyringServiceName(home);
  const choice = options.backend ?? parseBackendChoice(options.env ?? process.env);

  switch (choice) {
    case 'keyring': {
      const found = await probe(service, {});
      if (!found.available) throw keyringUnavailable(service, found.reason, `${secretBackendEnv}=keyring asks for it`);
      return withReason(new KeyringStore(home, found.keyring), `chosen explicitly (${secretBackendEnv} or option)`);
    }
    case 'encrypted-file':
      return withReason(new EncryptedFileStore(home), 'chosen explicitly');
    case 'safe-storage':
      return withReason(openSafeStorage(home, options.safeStorage), 'chosen explicitly');
    case 'auto':
      break;
  }

  const inFile = existsSync(path.join(home, encryptedFileNames.data)) || existsSync(path.join(home, encryptedFileNames.key));
  const markerService = readKeyringMarker(home);
  if (markerService !== undefined) {
    const found = await probe(markerService, {});
    if (!found.available)
      throw keyringUnavailable(markerService, found.reason, `${path.join(home, keyringMarkerFileName)} records that this home's secrets are there`);
    const also = inFile ? ` (${encryptedFileNames.data} also exists in this home and is not in use)` : '';
    return withReason(new KeyringStore(home, found.keyring), `this home's secrets are in the OS keyring${also}`);
  }
  if (inFile) return withReason(new EncryptedFileStore(home), `this home's secrets are in ${encryptedFileNames.data}`);
  if (existsSync(path.join(home, safeStorageFileName))) {
    return withReason(openSafeStorage(home, options.safeStorage), `this home's secrets are in ${safeStorageFileName}`);
  }

  if (options.preferKeyring === false) return withReason(new EncryptedFileStore(home), 'the OS keyring was not wanted (preferKeyring: false)');
  const found = await probe(service, { write: true });
  if (found.available) return withReason(new KeyringStore(home, found.keyring), 'the OS keyring is available');
  return withReason(new EncryptedFileStore(home), `no OS keyring: ${found.reason}`);
}

/**
 * Whether this home may hold secrets: a store of its own exists (the keyring marker, the encrypted file or its
 * key, the safeStorage file), or a backend is chosen explicitly. False for a home where no secret was ever set:
 * its store is empty, whichever it would be, so reading its secrets needs no keyring probe (which loads the
 * keyring's native module and writes, reads and deletes a probe entry over D-Bus: ~20 ms on a gateway's start).
 */
export function homeMayHoldSecrets(home: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env[secretBackendEnv]?.trim() && env[secretBackendEnv]?.trim().toLowerCase() !== 'auto') return true;
  const files = [keyringMarkerFileName, encryptedFileNames.data, encryptedFileNames.key, safeStorageFileName];
  return files.some((name) => existsSync(path.join(home, name)));
}

export function parseBackendChoice(env: NodeJS.ProcessEnv): SecretBackendChoice {
  const raw = env[secretBackendEnv]?.trim().toLowerCase();
  switch (raw) {
    case undefined:
    case '':
    case 'auto':
      return 'auto';
    case 'keyring':
      return 'keyring';
    case 'file':
    case 'encrypted-file':
      return 'encrypted-file';
    case 'safe-storage':
    case 'safestorage':
      return 'safe-storage';
    default:
      throw new SwitchyardError(
        'INVALID_INPUT',
        `${secretBackendEnv}=${JSON.stringify(env[secretBackendEnv])} is not a secret backend.`,
        'Use auto, keyring, encrypted-file (or file), or safe-storage (desktop app only).',
      );
  }
}

function openSafeStorage(home: string, safeStorage: SafeStorageLike | undefined): SafeStorageStore {
  if (!safeStorage) {
    throw secretStoreError(
      `The secrets of this Switchyard home are in ${path.join(home, safeStorageFileName)}, encrypted with the desktop app's safeStorage, which only the desktop app can read.`,
      'Manage these secrets from the Switchyard app. To share secrets with the CLI, move that file aside and set the secrets again (they then go to the OS keyring or the encrypted file).',
    );
  }
  return new SafeStorageStore(home, safeStorage);
}

function keyringUnavailable(service: string, reason: string, why: string): SwitchyardError {
  return secretStoreError(
    `The secrets are in the OS keyring (service "${service}"; ${why}), but it cannot be used now: ${reason}.`,
    `Run Switchyard where your keyring is reachable and unlocked (your desktop session), or use a separate encrypted file instead with ${secretBackendEnv}=encrypted-file (it does not have the keyring's secrets).`,
  );
}

function withReason<T extends { reason?: string }>(store: T, reason: string): T {
  store.reason = reason;
  return store;
}
