import type { Command } from 'commander';
import type { EngineServices } from '../app/engine-services.js';
import { describeProblems } from './readiness-text.js';

/**
 * `switchyard config get|set|unset SERVER [KEY] [VALUE]`: a server's configuration values (dotted keys for
 * nested fields). Values are checked against the catalog entry's schema at once, with errors naming the field;
 * a running gateway restarts the server with the new values.
 */
export function registerConfigCommands(program: Command, services: () => EngineServices): void {
  const config = program.command('config').description("Read and change a server's configuration");

  config
    .command('get <server> [key]')
    .description('Print the configuration (or one value) as JSON')
    .action((server: string, key: string | undefined) => {
      const values = services().servers.config(server);
      const value = key === undefined ? values : values[key];
      process.stdout.write(JSON.stringify(value ?? null, null, 2) + '\n');
    });

  config
    .command('set <server> <key> <value>')
    .description('Set one value (JSON is parsed: numbers, true/false, arrays; anything else is a string)')
    .action(async (server: string, key: string, raw: string) => {
      const report = await services().servers.setConfig(server, key, parseValue(raw));
      process.stderr.write(`Set ${report.name} ${key}.${report.ready ? '' : `\n${describeProblems(report.name, report.problems)}`}\n`);
    });

  config
    .command('unset <server> <key>')
    .description('Remove one value')
    .action(async (server: string, key: string) => {
      const report = await services().servers.unsetConfig(server, key);
      process.stderr.write(`Unset ${report.name} ${key}.\n`);
    });
}

function parseValue(raw: string): unknown {
  try {
    const value: unknown = JSON.parse(raw);
    return value;
  } catch {
    return raw;
  }
}
