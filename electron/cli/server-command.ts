import type { Command } from 'commander';
import { SwitchyardError } from '../../shared/errors.js';
import { resolveHome } from '../app/paths.js';
import { checkServerName } from '../runtime/server-definition.js';
import { SettingsStore } from '../settings/settings-store.js';
import type { ServerSettings } from '../settings/settings-schema.js';
import { parseEnvAssignments } from './option-parsers.js';

interface AddOptions {
  image: string;
  env: string[];
  network?: boolean;
  writable?: boolean;
  perSession?: boolean;
  disabled?: boolean;
}

/** `switchyard server ...`: the servers the gateway fronts, kept in the settings file (a running gateway follows changes). */
export function registerServerCommands(program: Command): void {
  const server = program.command('server').description('Manage the MCP servers behind the gateway');

  server
    .command('ls')
    .description('List configured servers')
    .option('--json', 'machine-readable output')
    .action((options: { json?: boolean }) => {
      const { settings } = store().load();
      const rows = Object.entries(settings.servers).map(([name, entry]) => ({ name, image: entry.image, enabled: entry.enabled }));
      if (options.json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      if (rows.length === 0) return void process.stdout.write('No servers configured. Add one: switchyard server add NAME --image REF\n');
      for (const row of rows) process.stdout.write(`${row.enabled ? 'enabled ' : 'disabled'}  ${row.name.padEnd(24)} ${row.image}\n`);
    });

  server
    .command('add <name>')
    .description('Add a server from a Docker image (enabled unless --disabled)')
    .requiredOption('--image <ref>', 'Docker image of the MCP server')
    .option('--env <KEY=VALUE>', 'environment variable (repeatable)', (value: string, previous: string[]) => [...previous, value], [])
    .option('--network', 'give the container network access')
    .option('--writable', 'do not mount the root file system read-only')
    .option('--per-session', 'one container per client session (for servers that keep per-client state)')
    .option('--disabled', 'add without enabling')
    .argument('[command...]', 'command for the container, after --')
    .action((name: string, command: string[], options: AddOptions) => {
      const problem = checkServerName(name);
      if (problem) throw new SwitchyardError('INVALID_INPUT', problem);
      const entry: ServerSettings = {
        image: options.image,
        enabled: !options.disabled,
        ...(command.length > 0 ? { command } : {}),
        ...(options.env.length > 0 ? { env: parseEnvAssignments(options.env) } : {}),
        ...(options.network ? { network: true } : {}),
        ...(options.writable ? { readOnlyRootfs: false } : {}),
        ...(options.perSession ? { perSession: true } : {}),
      };
      store().update((settings) => {
        settings.servers[name] = entry;
      });
      process.stderr.write(`Server "${name}" added${entry.enabled ? ' and enabled' : ''}.\n`);
    });

  server
    .command('rm <name>')
    .description('Remove a server')
    .action((name: string) => {
      store().update((settings) => {
        requireServer(settings.servers, name);
        delete settings.servers[name];
      });
      process.stderr.write(`Server "${name}" removed.\n`);
    });

  for (const [verb, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    server
      .command(`${verb} <name>`)
      .description(`${enabled ? 'Enable' : 'Disable'} a server`)
      .action((name: string) => {
        store().update((settings) => {
          requireServer(settings.servers, name).enabled = enabled;
        });
        process.stderr.write(`Server "${name}" ${verb}d.\n`);
      });
  }
}

function store(): SettingsStore {
  return new SettingsStore(resolveHome());
}

function requireServer(servers: Record<string, ServerSettings>, name: string): ServerSettings {
  const entry = servers[name];
  if (!entry) {
    throw new SwitchyardError('SERVER_NOT_FOUND', `No server named "${name}".`, `Configured: ${Object.keys(servers).join(', ') || 'none'}. Add one with: switchyard server add ${name} --image REF`);
  }
  return entry;
}
