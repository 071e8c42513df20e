import type { Command } from 'commander';
import type { SettingsStore } from '../settings/settings-store.js';

/** `switchyard server`: the command the server subcommands hang on. */
export function addServerCommand(program: Command): Command {
  return program.command('server').description('Manage the MCP servers behind the gateway');
}

/**
 * `switchyard server ls`: the configured servers, read from the settings file alone. A module of its own, so a
 * process that only lists servers loads the settings store and nothing of the catalog, the secrets or the SDK.
 */
export function registerServerListCommand(server: Command, settings: () => Pick<SettingsStore, 'load'>): void {
  server
    .command('ls')
    .description('List configured servers')
    .option('--json', 'machine-readable output')
    .action((options: { json?: boolean }) => {
      const { settings: current } = settings().load();
      const rows = Object.entries(current.servers).map(([name, entry]) => ({
        name,
        source: entry.catalog ? `catalog:${entry.catalog}` : entry.npm ? `npm:${entry.npm}` : entry.remote ? `remote:${entry.remote.url}` : entry.image,
        enabled: entry.enabled,
      }));
      if (options.json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      if (rows.length === 0)
        return void process.stdout.write(
          'No servers configured. Enable one from the catalog (switchyard catalog search ...; switchyard server enable NAME) or add an image: switchyard server add NAME --image REF\n',
        );
      for (const row of rows) process.stdout.write(`${row.enabled ? 'enabled ' : 'disabled'}  ${row.name.padEnd(24)} ${row.source}\n`);
    });
}
