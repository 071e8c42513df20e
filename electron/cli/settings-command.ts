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
  'gateway.imagePullPolicy',
  'policy.deny',
  'policy.leakGuard',
  'hooks',
  'telemetry.otlpEndpoint',
  'telemetry.serviceName',
  'history.enabled',
  'history.retentionDays',
  'history.maxRecords',
] as const;

/** A server's own limits: `servers.NAME.callTimeoutSeconds`, `servers.NAME.maxMessageMb`, `servers.NAME.toolCallTimeoutSeconds.TOOL`. */
const serverKey = /^servers\.([^.]+)\.(callTimeoutSeconds|maxMessageMb|toolCallTimeoutSeconds\.(.+))$/;
const serverKeyForms = ['servers.NAME.callTimeoutSeconds', 'servers.NAME.maxMessageMb', 'servers.NAME.toolCallTimeoutSeconds.TOOL'];

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
    .description(`Print one value (${[...settableKeys, ...serverKeyForms].join(', ')})`)
    .action((key: string) => {
      const value = valueAt(view(services()), checkedKey(key));
      process.stdout.write((typeof value === 'string' ? value : JSON.stringify(value ?? null)) + '\n');
    });

  settings
    .command('set <key> <value>')
    .description(
      'Change one value (JSON is parsed: numbers, true/false, arrays; anything else is text; "none" turns telemetry.otlpEndpoint off and a server\'s or tool\'s own limit back to the default)',
    )
    .action((key: string, raw: string) => {
      const setting = checkedKey(key);
      const update = updateFor(setting, raw);
      const engine = services();
      engine.settings.update((current) => applySettingsUpdate(current, update));
      process.stderr.write(
        `Set ${key}${raw === 'none' && setting.kind === 'server' ? ' back to the default' : ''}. A running gateway applies it now${key === 'gateway.port' || key === 'gateway.alwaysPrefix' ? ' (this one when it next starts)' : ''}.\n`,
      );
    });
}

function view(engine: EngineServices): EngineSettings {
  const { home, settings } = engine;
  const places = { home, settingsFile: settings.file, historyFile: path.join(home, 'history.db'), pinsFile: path.join(home, 'tool-pins.json') };
  return engineSettingsView(settings.load().settings, places, packageVersion());
}

type SettingKey = { kind: 'section'; key: (typeof settableKeys)[number] } | { kind: 'server'; key: string; server: string; field: string; tool?: string };

function checkedKey(key: string): SettingKey {
  const known = settableKeys.find((settable) => settable === key);
  if (known) return { kind: 'section', key: known };
  const server = serverKey.exec(key);
  if (server)
    return {
      kind: 'server',
      key,
      server: server[1]!,
      field: server[3] === undefined ? server[2]! : 'toolCallTimeoutSeconds',
      ...(server[3] ? { tool: server[3] } : {}),
    };
  throw new SwitchyardError(
    'INVALID_INPUT',
    `"${key}" is not a setting this command knows.`,
    `Use one of: ${[...settableKeys, ...serverKeyForms].join(', ')}.`,
    {
      key,
    },
  );
}

/** A server's own limit reads null when it has none (the gateway's, or the server's for a tool, applies). */
function valueAt(settings: EngineSettings, key: SettingKey): unknown {
  if (key.kind === 'server') {
    const server = settings.servers.find((entry) => entry.name === key.server);
    if (!server)
      throw new SwitchyardError(
        'SERVER_NOT_FOUND',
        `No server named "${key.server}" is configured.`,
        'See the configured servers with `switchyard server ls`.',
        {
          name: key.server,
        },
      );
    return key.tool !== undefined ? server.toolCallTimeoutSeconds?.[key.tool] : server[key.field as 'callTimeoutSeconds' | 'maxMessageMb'];
  }
  return key.key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], settings);
}

/** The settings.update a `set` stands for, checked by the API's schema (errors name the key). */
function updateFor(key: SettingKey, raw: string): SettingsUpdate {
  const none = raw === 'none' || raw === '';
  let update: Record<string, unknown>;
  let prefix: number;
  if (key.kind === 'server') {
    const value = none ? null : parseJsonOrText(raw);
    const limits = key.tool !== undefined ? { toolCallTimeoutSeconds: { [key.tool]: value } } : { [key.field]: value };
    update = { servers: { [key.server]: limits } };
    prefix = key.tool !== undefined ? 4 : 3;
  } else {
    const [section, field] = key.key.split('.') as [string, string | undefined];
    const value = key.key === 'telemetry.otlpEndpoint' && none ? null : key.key === 'gateway.npmBaseImage' ? raw : parseJsonOrText(raw);
    update = field === undefined ? { [section]: value } : { [section]: { [field]: value } };
    prefix = field === undefined ? 1 : 2;
  }
  const checked = SettingsUpdateSchema.safeParse(update);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new SwitchyardError(
      'INVALID_INPUT',
      `${[key.key, ...(issue?.path.slice(prefix) ?? [])].join('.')}: ${issue?.message ?? 'not a valid value'}.`,
      undefined,
      {
        issues: checked.error.issues.map((found) => ({ path: [key.key, ...found.path.slice(prefix).map(String)], message: found.message })),
      },
    );
  }
  return checked.data;
}
