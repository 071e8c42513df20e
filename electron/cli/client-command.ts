import path from 'node:path';
import type { Command } from 'commander';
import { SwitchyardError } from '../../shared/errors.js';
import type { ChangePlan, TransportReason } from '../clients/change-plan.js';
import type { ClientConnector, ChangeResult, ClientStatus, ClientSummary } from '../clients/connector.js';
import type { Scope, TransportKind } from '../clients/types.js';

interface ScopeOptions {
  global?: boolean;
  project?: string;
}

/**
 * `switchyard client ...`: wires AI clients (Claude Desktop, Cursor, VS Code...) to the gateway by editing only
 * Switchyard's own entry in their config files.
 */
export function registerClientCommands(program: Command, connector: () => Promise<ClientConnector>): void {
  const client = program.command('client').description('Connect AI clients (Claude Desktop, Cursor, VS Code, ...) to the gateway');

  client
    .command('ls')
    .description('List known clients: installed or not, and whether they are connected')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const rows = (await connector()).list();
      if (options.json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      process.stdout.write(formatTable(rows));
    });

  client
    .command('connect <id>')
    .description("Add Switchyard to a client's MCP configuration (only our entry changes)")
    .option('--global', "the client's user-wide configuration (default)")
    .option('--project <dir>', "the client's configuration for one project folder")
    .option(
      '--transport <kind>',
      'stdio (the `switchyard connect` bridge: no token in the file; the default) or http (the gateway URL with the bearer token written into the file)',
    )
    .option('--dry-run', 'print the change as a unified diff (file, backup, transport and why) and write nothing')
    .option('--profile <name>', 'attach the client to this profile (switchyard profile ls); default: every enabled server')
    .action(async (id: string, options: ScopeOptions & { transport?: string; dryRun?: boolean; profile?: string }) => {
      const change = {
        scope: scopeOf(options),
        ...(options.transport ? { transport: transportOf(options.transport) } : {}),
        ...(options.profile ? { profile: options.profile } : {}),
      };
      const clients = await connector();
      if (options.dryRun) return printPlan(clients.plan(id, { ...change, action: 'connect' }), clients.client(id).name);
      report(await clients.connect(id, change));
    });

  client
    .command('disconnect <id>')
    .description("Remove Switchyard's entry from a client's MCP configuration (nothing else changes)")
    .option('--global', "the client's user-wide configuration (default)")
    .option('--project <dir>', "the client's configuration for one project folder")
    .option('--dry-run', 'print the change as a unified diff and write nothing')
    .action(async (id: string, options: ScopeOptions & { dryRun?: boolean }) => {
      const clients = await connector();
      if (options.dryRun) return printPlan(clients.plan(id, { scope: scopeOf(options), action: 'disconnect' }), clients.client(id).name);
      report(await clients.disconnect(id, { scope: scopeOf(options) }));
    });

  client
    .command('snippet <id>')
    .description('Print the entry to paste by hand into the client config (it contains the gateway token)')
    .option('--transport <kind>', 'http or stdio')
    .option('--profile <name>', 'the profile the client attaches to')
    .action(async (id: string, options: { transport?: string; profile?: string }) => {
      const snippet = (await connector()).snippet(id, {
        ...(options.transport ? { transport: transportOf(options.transport) } : {}),
        ...(options.profile ? { profile: options.profile } : {}),
      });
      process.stderr.write(`# Add to ${snippet.file} (merge with what is there):\n`);
      process.stdout.write(snippet.text);
      if (snippet.secretsNote) process.stderr.write(`# ${snippet.secretsNote}\n`);
    });
}

function scopeOf(options: ScopeOptions): Scope {
  if (options.global && options.project)
    throw new SwitchyardError('INVALID_INPUT', 'Use either --global or --project, not both.', 'Leave both out for the global configuration.');
  return options.project ? { kind: 'project', dir: path.resolve(options.project) } : { kind: 'global' };
}

function transportOf(value: string): TransportKind {
  if (value === 'http' || value === 'stdio') return value;
  throw new SwitchyardError('INVALID_INPUT', `Unknown transport "${value}".`, 'Use http or stdio.');
}

function report(result: ChangeResult): void {
  const lines = [result.hint];
  if (result.changed) lines.push(`  file: ${result.file}${result.created ? ' (created)' : ''}${result.deleted ? ' (removed)' : ''}`);
  if (result.backup) lines.push(`  previous version kept in ${result.backup}`);
  if (result.transport) lines.push(`  transport: ${result.transport}`);
  if (result.restartRequired && result.running) lines.push('  The app is running now: restart it to pick up the change.');
  process.stderr.write(lines.join('\n') + '\n');
}

/** Why this transport, in the CLI's words. */
const transportReasons: Record<TransportReason, string> = {
  default: 'the default: the app launches the `switchyard connect` bridge, so no token goes into its file and it works with the gateway stopped',
  only: 'the only transport this app speaks',
  kept: 'the transport its entry already uses (pass --transport to switch)',
  chosen: 'as asked with --transport',
};

/** A dry run: the diff on stdout (pipe it to a file or a pager), what it means on stderr. */
function printPlan(plan: ChangePlan, name: string): void {
  const lines: string[] = [];
  if (!plan.changed) {
    lines.push(`Dry run: ${name} is ${plan.action === 'connect' ? 'already connected' : 'not connected'}; nothing would change in ${plan.file}.`);
  } else {
    const what = plan.created ? 'create' : plan.deleted ? 'remove' : 'change';
    lines.push(`Dry run: ${plan.action} would ${what} ${plan.file}. Nothing was written.`);
    if (plan.backup) lines.push(`  the previous version would be kept in ${plan.backup}`);
  }
  if (plan.transport) lines.push(`  transport: ${plan.transport} — ${plan.transportReason ? transportReasons[plan.transportReason] : ''}`);
  process.stdout.write(plan.diff);
  process.stderr.write(lines.join('\n') + '\n');
}

function formatTable(rows: ClientSummary[]): string {
  const header = ['CLIENT', 'INSTALLED', 'STATUS', 'TRANSPORTS', 'CONFIG'];
  // A project connected from this home follows its app, on a row of its own.
  const body = rows.flatMap((row) => [
    [row.id, row.installed ? 'yes' : 'no', stateText(row.global), row.transports.join(','), row.global.file],
    ...row.projects.map((project) => [`${row.id} (project)`, '', stateText(project), '', project.file]),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  return (
    [header, ...body].map((cells) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n') +
    '\n'
  );
}

function stateText(status: ClientStatus): string {
  return status.state + (status.reason ? ` (${status.reason})` : '');
}
