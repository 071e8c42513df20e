import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { earlyRunLine, earlyServer, runOptions } from '../../../electron/cli/early-start-entry.js';
import { registerGatewayCommands } from '../../../electron/cli/gateway-command.js';
import { serverFromOptions, type RunOptions } from '../../../electron/cli/gateway-run-options.js';
import type { ServerDefinition } from '../../../electron/runtime/server-definition.js';

/** `gateway run` as commander reads it (the command's own definition), its action replaced by a capture. */
function runCommand(): Command {
  const program = new Command('switchyard').exitOverride();
  registerGatewayCommands(program);
  const run = program.commands.find((command) => command.name() === 'gateway')!.commands.find((command) => command.name() === 'run')!;
  run.exitOverride();
  return run;
}

/** The line as commander reads it for the command: its command words and options (what runGatewayCommand gets). */
async function commanderLine(args: string[]): Promise<{ command: string[]; options: RunOptions }> {
  const program = new Command('switchyard').exitOverride();
  registerGatewayCommands(program);
  const run = program.commands.find((command) => command.name() === 'gateway')!.commands.find((command) => command.name() === 'run')!;
  let line: { command: string[]; options: RunOptions } | undefined;
  run.exitOverride().action((command: string[], options: RunOptions) => {
    line = { command, options: { ...options } };
  });
  await program.parseAsync(args, { from: 'user' });
  return line!;
}

/** The --image server commander's reading of the line gives (what the command starts). */
async function commanderServer(args: string[]): Promise<ServerDefinition> {
  const { command, options } = await commanderLine(args);
  return serverFromOptions(options.image!, command, options);
}

describe('early-start-entry: gateway run --image read before the CLI loads', () => {
  it('knows every option of `gateway run`, with the same kind (a value or a flag)', () => {
    const commander = runCommand().options.map((option) => ({ name: option.long!.slice(2), takesValue: option.required || option.optional }));
    const early = Object.entries(runOptions).map(([name, option]) => ({ name, takesValue: option.type === 'string' }));
    expect(early.sort((a, b) => a.name.localeCompare(b.name))).toEqual(commander.sort((a, b) => a.name.localeCompare(b.name)));
  });

  const lines = [
    ['gateway', 'run', '--image', 'mcp/everything', '--no-auth', '--port', '0', '--ui', '--ui-port', '0', '--max-sessions', '3', '--session-idle-timeout', '9'],
    ['gateway', 'run', '--image', 'mcp/everything'],
    ['gateway', 'run', '--log-level', 'warn', '--image', 'switchyard-fixture/everything:latest', '--name', 'startup', '--no-history'],
    ['gateway', 'run', '--image=mcp/time', '--env', 'TZ=UTC', '--env', 'LANG=C', '--network', '--writable'],
    ['gateway', 'run', '--image', 'mcp/everything', '--profile', 'work', '--idle-timeout', '30', '--', 'stdio', '--verbose'],
    ['gateway', 'run', '--transport', 'stdio', '--image', 'registry.local:5000/team/server@sha256:abc', '--always-prefix'],
  ];
  for (const line of lines) {
    it(`reads \`${line.join(' ')}\` as commander does`, async () => {
      const early = earlyRunLine(line);
      expect(early).toBeDefined();
      expect(early).toStrictEqual(await commanderLine(line));
      expect(earlyServer(line)).toEqual(await commanderServer(line));
    });
  }

  it('begins nothing for other lines: HTTP, no --image, another command, an option it does not know, a malformed --env', () => {
    expect(earlyServer(['gateway', 'run', '--transport', 'http', '--image', 'mcp/everything'])).toBeUndefined();
    expect(earlyServer(['gateway', 'run'])).toBeUndefined();
    expect(earlyServer(['server', 'run', '--image', 'mcp/everything'])).toBeUndefined();
    expect(earlyServer(['gateway', 'run', '--image', 'mcp/everything', '--help'])).toBeUndefined();
    expect(earlyServer(['gateway', 'run', '--image', 'mcp/everything', '--env', 'not-an-assignment'])).toBeUndefined();
  });
});
