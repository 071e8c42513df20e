import { Command, CommanderError } from 'commander';
import { SwitchyardError } from '../../shared/errors.js';
import { packageVersion } from '../core/version.js';
import { resolveHome } from '../core/paths.js';
import { catalogSources } from '../catalog/settings-catalog.js';
import { describeMovedAside, onSettingsMovedAside } from '../settings/settings-store.js';
import { openEngineServices, type EngineServices } from '../app/engine-services.js';
import { registerCatalogCommands } from './catalog-command.js';
import { registerClientCommands } from './client-command.js';
import { registerConfigCommands } from './config-command.js';
import { registerConnectCommand } from './connect-command.js';
import { registerGatewayCommands } from './gateway-command.js';
import { registerLogsCommand } from './logs-command.js';
import { registerSecretCommands, secretCommandIo } from './secret-command.js';
import { registerServerCommands } from './server-command.js';
import { registerToolsCommands } from './tools-command.js';

/** `switchyard`: the headless face of the engine, in the spirit of `docker mcp`. */
export function buildProgram(): Command {
  const program = new Command('switchyard')
    .description('One MCP gateway for every AI app: MCP servers in locked-down Docker containers, started on demand.')
    .version(packageVersion(), '-v, --version')
    .showHelpAfterError('(run with --help for usage)');
  // The stores every command shares, built once (on first use: `--help` opens nothing).
  let built: EngineServices | undefined;
  const services = () => (built ??= openEngineServices({ home: resolveHome() }));
  registerGatewayCommands(program, services);
  registerServerCommands(program, services);
  registerConfigCommands(program, services);
  registerCatalogCommands(program, { sources: () => catalogSources(services().settings.load().settings), services });
  registerSecretCommands(program, secretCommandIo(services));
  registerConnectCommand(program, services);
  registerClientCommands(program, () => services().clients());
  registerLogsCommand(program, { stdout: process.stdout, stderr: process.stderr, home: resolveHome, settings: () => services().settings });
  registerToolsCommands(program, services);
  return program;
}

const evalFlags = new Set(['-e', '--eval', '-p', '--print']);

async function main(argv: string[]): Promise<void> {
  // Whichever command first reads an unusable settings.json, the user hears what was moved where.
  onSettingsMovedAside((aside) => process.stderr.write(`switchyard: ${describeMovedAside(aside)}\n`));
  const program = buildProgram().exitOverride();
  try {
    // Under `-e CODE` (the AppImage's bridge imports bin/switchyard.js from code) argv holds no script path.
    const evaluated = process.execArgv.some((flag) => evalFlags.has(flag));
    await program.parseAsync(argv.slice(evaluated ? 1 : 2), { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) process.exit(error.exitCode);
    reportAndExit(error);
  }
}

function reportAndExit(error: unknown): never {
  const text = error instanceof SwitchyardError ? error.describe() : error instanceof Error ? error.message : String(error);
  process.stderr.write(`switchyard: ${text}\n`);
  process.exit(1);
}

void main(process.argv);
