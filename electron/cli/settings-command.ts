import path from 'node:path';
import type { Command } from 'commander';
import { SwitchyardError } from '../../shared/errors.js';
import { SettingsUpdateSchema, type EngineSettings, type SettingsUpdate } from '../../shared/settings-types.js';
import type { EngineServices } from '../app/engine-services.js';
import { packageVersion } from '../core/version.js';
import { applySettingsUpdate } from '../settings/settings-update.js';
import { engineSettingsView } from '../settings/settings-view.js';
import { parseJsonOrText } from './option-parsers.js';

/** The keys `settings set` changes: a section's field, or a whole list (policy.deny, hooks) as JSON. */
const settableKeys = [
  'gateway.port',
  'gateway.idleTimeoutSeconds',
  'gateway.callTimeoutSeconds',
  'gateway.maxMessageMb',
  'gateway.alwaysPrefix',
  'gateway.npmBaseImage',
  'policy.deny',
  'policy.leakGuard',
  'hooks',
  'telemetry.otlpEndpoint',
  'telemetry.serviceName',
] as const;

/**
 * `switchyard settings show|get|set`: the engine settings the desktop window's Settings and Policies pages edit,
 * in the same file with the same checks; a running gateway (and an open window) follows a change at once.
 */
export function registerSettingsCommands(program: Command, services: () => EngineServices): void {
  const settings = program.command('settings').description('Show and change the gateway settings (settings.json, shared with the desktop app)');

  settings
    .command('show')
    .description('Print the gateway options, policy, hooks, telemetry and where things are, as JSON (never the token)')
    .action(() => {
      process.stdout.write(JSON.stringify(view(services()), null, 2) + '\n');
    });

  settings
    .command('get <key>')
    .description(`Print one value (${settableKeys.join(', ')})`)
    .action((key: string) => {
      const value = valueAt(view(services()), checkedKey(key));
      process.stdout.write((typeof value === 'string' ? value : JSON.stringify(value ?? null)) + '\n');
    });

  settings
    .command('set <key> <value>')
    .description('Change one value (JSON is parsed: numbers, true/false, arrays; anything else is text; "none" turns telemetry.otlpEndpoint off)')
    .action((key: string, raw: string) => {
      const update = updateFor(checkedKey(key), raw);
      const engine = services();
      engine.settings.update((current) => applySettingsUpdate(current, update));
      process.stderr.write(
        `Set ${key}. A running gateway applies it now${key === 'gateway.port' || key === 'gateway.alwaysPrefix' ? ' (this one when it next starts)' : ''}.\n`,
      );
    });
}

function view(engine: EngineServices): EngineSettings {
  const { home, settings } = engine;
  const places = { home, settingsFile: settings.file, historyFile: path.join(home, 'history.db'), pinsFile: path.join(home, 'tool-pins.json') };
  return engineSettingsView(settings.load().settings, places, packageVersion());
}

function checkedKey(key: string): (typeof settableKeys)[number] {
  const known = settableKeys.find((settable) => settable === key);
  if (!known) throw new SwitchyardError('INVALID_INPUT', `"${key}" is not a setting this command knows.`, `Use one of: ${settableKeys.join(', ')}.`, { key });
  return known;
}

function valueAt(settings: EngineSettings, key: string): unknown {
  return key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], settings);
}

/** The settings.update a `set` stands for, checked by the API's schema (errors name the key). */
function updateFor(key: (typeof settableKeys)[number], raw: string): SettingsUpdate {
  const [section, field] = key.split('.') as [string, string | undefined];
  const value = key === 'telemetry.otlpEndpoint' && (raw === 'none' || raw === '') ? null : key === 'gateway.npmBaseImage' ? raw : parseJsonOrText(raw);
  const update = field === undefined ? { [section]: value } : { [section]: { [field]: value } };
  const checked = SettingsUpdateSchema.safeParse(update);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new SwitchyardError(
      'INVALID_INPUT',
      `${[key, ...(issue?.path.slice(field === undefined ? 1 : 2) ?? [])].join('.')}: ${issue?.message ?? 'not a valid value'}.`,
    );
  }
  return checked.data;
}
