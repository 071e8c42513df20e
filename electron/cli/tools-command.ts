import type { Command } from 'commander';
import { SwitchyardError } from '../../shared/errors.js';
import { resolveHome } from '../app/paths.js';
import { describeChange, ToolPins } from '../gateway/tool-pins.js';

/**
 * `switchyard tools pending|approve`: tool definitions that changed since they were pinned are held back from
 * clients; review the diff and approve it here (a running gateway shows the tool again at once).
 */
export function registerToolsCommands(program: Command): void {
  const tools = program.command('tools').description('Review and approve changed tool definitions (pinning)');

  tools
    .command('pending')
    .description('Show tools held back because their definition changed, with the diff')
    .option('--json', 'machine-readable output')
    .action((options: { json?: boolean }) => {
      const changes = new ToolPins(resolveHome()).pendingChanges();
      if (options.json) return void process.stdout.write(JSON.stringify(changes, null, 2) + '\n');
      if (changes.length === 0) return void process.stdout.write('No changed tools are waiting for approval.\n');
      process.stdout.write(changes.map(describeChange).join('\n\n') + '\n');
    });

  tools
    .command('approve <server> [tool]')
    .description('Trust the new definition of one tool (or all pending tools of the server)')
    .action((server: string, tool: string | undefined) => {
      const approved = new ToolPins(resolveHome()).approve(server, tool);
      if (approved.length === 0) {
        throw new SwitchyardError('INVALID_INPUT', `Nothing of ${server}${tool ? ` ${tool}` : ''} is waiting for approval.`, 'See `switchyard tools pending`.');
      }
      process.stderr.write(`Approved: ${approved.map((name) => `${server} ${name}`).join(', ')}.\n`);
    });
}
