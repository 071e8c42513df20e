import { Command, CommanderError } from 'commander';
import { packageVersion } from '../core/version.js';
import { groupsFor } from './command-groups.js';
import { reportAndExit, reportUncaughtErrors } from './exit-reporting.js';

/**
 * `switchyard`: the headless face of the engine, in the spirit of `docker mcp`. Only the commands the command
 * line names are loaded (command-groups.ts), so a command pays for its own modules and no one else's.
 */
export async function buildProgram(args: readonly string[]): Promise<Command> {
  const program = new Command('switchyard')
    .description('One MCP gateway for every AI app: MCP servers in locked-down Docker containers, started on demand.')
    .version(packageVersion(), '-v, --version')
    .showHelpAfterError('(run with --help for usage)');
  for (const group of groupsFor(args)) await group.register(program);
  return program;
}

const evalFlags = new Set(['-e', '--eval', '-p', '--print']);

async function main(argv: string[]): Promise<void> {
  // Under `-e CODE` (the AppImage's bridge imports bin/switchyard.js from code) argv holds no script path.
  const evaluated = process.execArgv.some((flag) => evalFlags.has(flag));
  const args = argv.slice(evaluated ? 1 : 2);
  try {
    const program = (await buildProgram(args)).exitOverride();
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    reportAndExit(error);
  }
}

reportUncaughtErrors();

void main(process.argv);
