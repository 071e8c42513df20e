import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { SwitchyardError } from '../../shared/errors.js';
import { currentSettingsVersion, defaultSettings, SettingsSchema, type Settings } from './settings-schema.js';

/** What happened to a settings file that could not be used: facts for the CLI or the app to word. */
export interface SettingsMovedAside {
  /** The settings file that was unusable. */
  file: string;
  /** Where it is now. */
  movedTo: string;
  /** What was wrong with it. */
  problem: string;
  /**
   * The HTTP gateway's bearer token: 'kept' when it was read from the unusable file and written to the new one
   * (AI apps connected over HTTP keep working), 'not-found' when none could be read (a new one is made when
   * needed, and apps connected over HTTP must be connected again).
   */
  token: 'kept' | 'not-found';
}

export interface LoadReport {
  settings: Settings;
  /** Set when the file could not be used and was moved aside: says where, so nothing is lost. */
  movedAside?: string;
  /** The same, as data. */
  aside?: SettingsMovedAside;
}

type MovedAsideListener = (aside: SettingsMovedAside) => void;
const movedAsideListeners = new Set<MovedAsideListener>();

/**
 * Calls `listener` whenever any settings store of this process moves an unusable file aside (it happens once
 * per file: the next read finds the new one). The CLI reports it on stderr whatever the command; the desktop
 * app logs it. Returns the function that stops listening.
 */
export function onSettingsMovedAside(listener: MovedAsideListener): () => void {
  movedAsideListeners.add(listener);
  return () => movedAsideListeners.delete(listener);
}

/**
 * settings.json in the Switchyard home: read whole, validated, written atomically (temp file + rename) with
 * mode 0600 in a home folder created 0700 on the first write. A file that is not valid JSON or does not fit
 * the schema is never silently reset: it is moved aside to settings.json.corrupt-<time>, listeners are told
 * (see onSettingsMovedAside), and the gateway section's token and port are carried over to a fresh file when
 * they can still be read, so AI apps connected over HTTP keep working.
 */
export class SettingsStore {
  readonly file: string;

  constructor(readonly home: string) {
    this.file = path.join(home, 'settings.json');
  }

  load(): LoadReport {
    if (!existsSync(this.file)) return { settings: defaultSettings() };
    const text = readFileSync(this.file, 'utf8');
    const problem = checkSettingsText(text);
    if (typeof problem !== 'string') return { settings: problem };
    const movedTo = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(this.file, movedTo);
    const settings = defaultSettings();
    const gateway = recoverGateway(text);
    if (gateway.token) {
      settings.gateway.token = gateway.token;
      if (gateway.port !== undefined) settings.gateway.port = gateway.port;
      this.save(settings);
    }
    const aside: SettingsMovedAside = { file: this.file, movedTo, problem, token: gateway.token ? 'kept' : 'not-found' };
    for (const listener of movedAsideListeners) listener(aside);
    return { settings, aside, movedAside: describeMovedAside(aside) };
  }

  save(settings: Settings): void {
    const checked = SettingsSchema.safeParse(settings);
    if (!checked.success)
      throw new SwitchyardError('INVALID_INPUT', `Refusing to write invalid settings: ${checked.error.issues[0]?.message ?? 'schema mismatch'}`);
    mkdirSync(this.home, { recursive: true, mode: 0o700 });
    writeFileAtomic.sync(this.file, JSON.stringify(checked.data, null, 2) + '\n', { mode: 0o600 });
  }

  /**
   * Read, change, write: the one way code outside this module edits settings. If the file had to be moved aside
   * on this read, the change is not made (it would land on defaults the user has not seen): the error says so,
   * and running the command again applies it to the new file.
   */
  update(change: (settings: Settings) => void): Settings {
    const { settings, movedAside, aside } = this.load();
    if (aside)
      throw new SwitchyardError(
        'INVALID_INPUT',
        `Nothing was changed: ${aside.file} was unusable and was moved to ${aside.movedTo}.`,
        'Run the command again to make the change to the new settings file.',
        { ...aside, report: movedAside },
      );
    change(settings);
    this.save(settings);
    return settings;
  }
}

/** A one-line account of a moved-aside settings file, for logs (the CLI words its own from the data). */
export function describeMovedAside(aside: SettingsMovedAside): string {
  const token =
    aside.token === 'kept'
      ? 'The gateway token was read from it and kept.'
      : 'No gateway token could be read from it: AI apps connected over HTTP need `switchyard client connect <client> --transport http` again.';
  return `Settings file ${aside.file} was unusable (${aside.problem}); it was moved to ${aside.movedTo} and defaults are in use. ${token} Fix that file and move it back, or re-enter your settings.`;
}

/** The gateway's token and port as far as they can still be read from an unusable settings text. */
function recoverGateway(text: string): { token?: string; port?: number } {
  let gateway: unknown;
  try {
    gateway = (JSON.parse(text) as { gateway?: unknown } | null)?.gateway;
  } catch {
    // Not JSON (truncated, hand-edited): look for the fields themselves.
    const token = /"token"\s*:\s*"([A-Za-z0-9_-]{16,})"/.exec(text)?.[1];
    const port = /"port"\s*:\s*(\d{1,5})\b/.exec(text)?.[1];
    gateway = { token, port: port === undefined ? undefined : Number(port) };
  }
  const { token, port } = (gateway ?? {}) as { token?: unknown; port?: unknown };
  return {
    ...(typeof token === 'string' && /^[A-Za-z0-9_-]{16,}$/.test(token) ? { token } : {}),
    ...(typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? { port } : {}),
  };
}

/** The parsed settings, or a description of what is wrong with the text. */
export function checkSettingsText(text: string): Settings | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > currentSettingsVersion) {
    return `written by a newer Switchyard (settings version ${version}, this one knows ${currentSettingsVersion})`;
  }
  const parsed = SettingsSchema.safeParse(migrate(raw));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'does not match the schema'}`;
}

/** Brings an older document to the current version. Version 1 is the first; later versions add steps here. */
function migrate(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && !('version' in raw)) return { ...raw, version: currentSettingsVersion };
  return raw;
}
