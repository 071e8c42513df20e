import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { SwitchyardError } from '../../shared/errors.js';
import { currentSettingsVersion, defaultSettings, SettingsSchema, type Settings } from './settings-schema.js';

export interface LoadReport {
  settings: Settings;
  /** Set when the file could not be used and was moved aside: says where, so nothing is lost. */
  movedAside?: string;
}

/**
 * settings.json in the Switchyard home: read whole, validated, written atomically (temp file + rename) with
 * mode 0600. A file that is not valid JSON or does not fit the schema is never silently reset: it is moved
 * aside to settings.json.corrupt-<time> and the caller tells the user where it went.
 */
export class SettingsStore {
  readonly file: string;

  constructor(home: string) {
    this.file = path.join(home, 'settings.json');
  }

  load(): LoadReport {
    if (!existsSync(this.file)) return { settings: defaultSettings() };
    const text = readFileSync(this.file, 'utf8');
    const problem = checkSettingsText(text);
    if (typeof problem !== 'string') return { settings: problem };
    const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(this.file, aside);
    return {
      settings: defaultSettings(),
      movedAside: `Settings file ${this.file} was unusable (${problem}); it was moved to ${aside} and defaults are in use. Fix that file and move it back, or re-enter your settings.`,
    };
  }

  save(settings: Settings): void {
    const checked = SettingsSchema.safeParse(settings);
    if (!checked.success)
      throw new SwitchyardError('INVALID_INPUT', `Refusing to write invalid settings: ${checked.error.issues[0]?.message ?? 'schema mismatch'}`);
    writeFileAtomic.sync(this.file, JSON.stringify(checked.data, null, 2) + '\n', { mode: 0o600 });
  }

  /** Read, change, write: the one way code outside this module edits settings. */
  update(change: (settings: Settings) => void): Settings {
    const { settings, movedAside } = this.load();
    if (movedAside) throw new SwitchyardError('INVALID_INPUT', movedAside);
    change(settings);
    this.save(settings);
    return settings;
  }
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
