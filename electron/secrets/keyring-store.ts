import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseSecretJson, readSecretFile, writeSecretFile } from './secret-files.js';
import { assertSecretKey, assertSecretValue, checkSecretKey, secretStoreError, type SecretStore } from './secret-store.js';

/**
 * The OS keyring through @napi-rs/keyring (keyring-rs): macOS Keychain, Windows Credential Manager, and on
 * Linux the Secret Service (GNOME Keyring, KWallet, KeePassXC) over D-Bus. The package ships its compiled
 * binding inside per-platform npm packages (no install script, no download, no native build), and its Linux
 * binding carries its own libdbus. On Linux the entries are pinned to the Secret Service: the package would
 * otherwise fall back to the kernel keyring, which forgets everything at reboot.
 *
 * One keyring "service" per Switchyard home (`switchyard:<home>`), the account being the secret key, so a test
 * or a second home never sees or clobbers the user's real secrets, and the app and the CLI (same home) agree.
 */
export interface KeyringBackend {
  readonly service: string;
  get(account: string): Promise<string | undefined>;
  set(account: string, value: string): Promise<void>;
  /** True when an entry was deleted. */
  delete(account: string): Promise<boolean>;
  accounts(): Promise<string[]>;
}

export type KeyringProbe = { available: true; keyring: KeyringBackend } | { available: false; reason: string };

/** Written to the home on the first secret stored in the keyring, so later runs know where the secrets are. */
export const keyringMarkerFileName = 'secrets.keyring.json';

const markerFormat = 'switchyard-keyring-marker';

export function keyringServiceName(home: string): string {
  return `switchyard:${path.resolve(home)}`;
}

/** How long one keyring call may take: long enough for a person to answer an unlock prompt. */
const operationTimeoutMs = 60_000;

export class KeyringStore implements SecretStore {
  readonly backend = 'keyring' as const;
  readonly location: string;
  readonly markerFile: string;
  /** An OS keyring needs no caveat. */
  readonly warning: string | undefined = undefined;
  reason?: string;

  constructor(
    home: string,
    private readonly keyring: KeyringBackend,
  ) {
    this.location = `OS keyring, service "${keyring.service}"`;
    this.markerFile = path.join(home, keyringMarkerFileName);
  }

  async get(key: string): Promise<string | undefined> {
    assertSecretKey(key);
    return this.call(`read secret "${key}" from`, () => this.keyring.get(key));
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async list(): Promise<string[]> {
    const accounts = await this.call('list the secrets in', () => this.keyring.accounts());
    return [...new Set(accounts.filter((account) => checkSecretKey(account) === undefined))].sort();
  }

  async set(key: string, value: string): Promise<void> {
    assertSecretKey(key);
    assertSecretValue(key, value);
    await this.call(`store secret "${key}" in`, () => this.keyring.set(key, value));
    await writeKeyringMarker(this.markerFile, this.keyring.service);
  }

  async delete(key: string): Promise<boolean> {
    assertSecretKey(key);
    const deleted = await this.call(`delete secret "${key}" from`, () => this.keyring.delete(key));
    if (deleted) await writeKeyringMarker(this.markerFile, this.keyring.service);
    return deleted;
  }

  private async call<T>(what: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      throw secretStoreError(
        `Could not ${what} the OS keyring (${this.location}): ${keyringErrorText(error)}`,
        'Unlock your keyring (or log in to the desktop session that runs it), then try again.',
      );
    }
  }
}

/** The service name recorded by the marker, or undefined when there is no marker. */
export function readKeyringMarker(home: string): string | undefined {
  const file = path.join(home, keyringMarkerFileName);
  const raw = readSecretFile(file);
  if (raw === undefined) return undefined;
  const doc = parseSecretJson(file, raw, `It only records that secrets are in the OS keyring; restore it, or delete it if those secrets are gone.`) as {
    format?: unknown;
    service?: unknown;
  } | null;
  if (!doc || doc.format !== markerFormat || typeof doc.service !== 'string' || doc.service.length === 0) {
    throw secretStoreError(
      `${file} is damaged; it was left as it is.`,
      'It only records that secrets are in the OS keyring under a service name; restore it, or delete it if those secrets are gone.',
    );
  }
  return doc.service;
}

/**
 * Written at every change (with its time), not only the first: the keyring itself cannot be watched, so a
 * gateway in another process watches this file to learn that a secret was set or deleted.
 */
async function writeKeyringMarker(file: string, service: string): Promise<void> {
  await writeSecretFile(
    file,
    JSON.stringify(
      {
        format: markerFormat,
        version: 1,
        service,
        changedAt: new Date().toISOString(),
        note: 'Secrets of this Switchyard home are in the OS keyring under this service. No values here.',
      },
      null,
      2,
    ) + '\n',
  );
}

export interface ProbeOptions {
  /** Also store, read back and delete a throwaway entry: proves the keyring is unlocked and writable. */
  write?: boolean;
  timeoutMs?: number;
}

/**
 * Whether the OS keyring can be used right now, detected at run time: the module loads, the platform store
 * answers, and (with `write`) a throwaway entry round-trips. Never throws: an unusable keyring is a reason.
 */
export async function probeKeyring(service: string, options: ProbeOptions = {}): Promise<KeyringProbe> {
  let keyring: NapiKeyring;
  try {
    keyring = await NapiKeyring.load(service, options.timeoutMs ?? operationTimeoutMs);
  } catch (error) {
    return { available: false, reason: `the keyring module could not be loaded (${keyringErrorText(error)})` };
  }
  try {
    keyring.check();
    await keyring.accounts();
    if (options.write) {
      // Not a valid secret key, so list() never shows it even if deleting it failed.
      const account = `__switchyard_probe_${randomBytes(6).toString('hex')}`;
      const value = randomBytes(12).toString('hex');
      await keyring.set(account, value);
      const readBack = await keyring.get(account);
      await keyring.delete(account);
      if (readBack !== value) return { available: false, reason: 'the OS keyring did not return what was stored in it' };
    }
    return { available: true, keyring };
  } catch (error) {
    const text = keyringErrorText(error);
    if (process.platform === 'linux' && /d-?bus|zbus/i.test(text))
      return { available: false, reason: `no Secret Service (GNOME Keyring, KWallet, ...) reachable on the D-Bus session bus (${text})` };
    return { available: false, reason: `no usable OS keyring (${text})` };
  }
}

type NapiModule = typeof import('@napi-rs/keyring');

/** The real keyring, loaded lazily so that merely importing this file never loads a native module. */
class NapiKeyring implements KeyringBackend {
  private constructor(
    readonly service: string,
    private readonly napi: NapiModule,
    private readonly timeoutMs: number,
  ) {}

  static async load(service: string, timeoutMs: number): Promise<NapiKeyring> {
    const loaded = (await import('@napi-rs/keyring')) as NapiModule & { default?: NapiModule };
    const napi = typeof loaded.AsyncEntry === 'function' ? loaded : (loaded.default as NapiModule);
    return new NapiKeyring(service, napi, timeoutMs);
  }

  /** Throws when the platform store cannot be used at all (on Linux: no Secret Service on the session bus). */
  check(): void {
    this.entry('__switchyard_probe');
  }

  async get(account: string): Promise<string | undefined> {
    return (await this.entry(account).getPassword(this.signal())) ?? undefined;
  }

  async set(account: string, value: string): Promise<void> {
    await this.entry(account).setPassword(value, this.signal());
  }

  async delete(account: string): Promise<boolean> {
    return this.entry(account).deletePassword(this.signal());
  }

  async accounts(): Promise<string[]> {
    const found = await this.napi.findCredentialsAsync(this.service, null, this.signal());
    return found.map((credential) => credential.account);
  }

  private entry(account: string) {
    return new this.napi.AsyncEntry(this.service, account, process.platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined);
  }

  private signal(): AbortSignal {
    return AbortSignal.timeout(this.timeoutMs);
  }
}

/** A keyring error as text, without anything but the library's own message. */
function keyringErrorText(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'it did not answer in time';
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 300) || 'unknown error';
}
