import type { Command } from 'commander';

/**
 * The CLI's top-level commands, each registered from its own module when the command line names it: a process
 * that runs `server ls` never loads the gateway, the SDK, dockerode or OpenTelemetry, and `--version` loads no
 * command at all. Help, and a command line that names none of these, registers them all (commander then lists
 * them, or suggests the nearest name).
 */
export interface CommandGroup {
  name: string;
  /** A group that registers only this subcommand of `name`, for a command line that names it (a lighter path). */
  subcommand?: string;
  register(program: Command): Promise<void>;
}

const context = () => import('./engine-context.js');

export const commandGroups: CommandGroup[] = [
  {
    name: 'gateway',
    async register(program) {
      // The engine's stores load with the gateway itself (gateway-run.ts): `gateway run --image` starts its
      // container before them.
      const { registerGatewayCommands } = await import('./gateway-command.js');
      registerGatewayCommands(program);
    },
  },
  {
    // Listing servers reads the settings file alone: no catalog, secrets, OAuth client or SDK to load.
    name: 'server',
    subcommand: 'ls',
    async register(program) {
      const [{ addServerCommand, registerServerListCommand }, { settingsStore }] = await Promise.all([
        import('./server-list-command.js'),
        import('./settings-context.js'),
      ]);
      registerServerListCommand(addServerCommand(program), settingsStore);
    },
  },
  {
    name: 'server',
    async register(program) {
      const [{ registerServerCommands }, { services }] = await Promise.all([import('./server-command.js'), context()]);
      registerServerCommands(program, services);
    },
  },
  {
    name: 'config',
    async register(program) {
      const [{ registerConfigCommands }, { services }] = await Promise.all([import('./config-command.js'), context()]);
      registerConfigCommands(program, services);
    },
  },
  {
    name: 'catalog',
    async register(program) {
      const [{ registerCatalogCommands }, { catalogSources }, { services }] = await Promise.all([
        import('./catalog-command.js'),
        import('../catalog/settings-catalog.js'),
        context(),
      ]);
      registerCatalogCommands(program, { sources: () => catalogSources(services().settings.load().settings), services });
    },
  },
  {
    name: 'secret',
    async register(program) {
      const [{ registerSecretCommands, secretCommandIo }, { services }] = await Promise.all([import('./secret-command.js'), context()]);
      registerSecretCommands(program, secretCommandIo(services));
    },
  },
  {
    name: 'connect',
    async register(program) {
      // The bridge reaches a running gateway without the engine's stores: they load only on the slower paths.
      const { registerConnectCommand } = await import('./connect-command.js');
      registerConnectCommand(program, async () => (await context()).services());
    },
  },
  {
    name: 'client',
    async register(program) {
      const [{ registerClientCommands }, { services }] = await Promise.all([import('./client-command.js'), context()]);
      registerClientCommands(program, () => services().clients());
    },
  },
  {
    name: 'logs',
    async register(program) {
      const [{ registerLogsCommand }, { resolveHome }, { services }] = await Promise.all([import('./logs-command.js'), import('../core/paths.js'), context()]);
      registerLogsCommand(program, { stdout: process.stdout, stderr: process.stderr, home: resolveHome, settings: () => services().settings });
    },
  },
  {
    name: 'tools',
    async register(program) {
      const [{ registerToolsCommands }, { services }] = await Promise.all([import('./tools-command.js'), context()]);
      registerToolsCommands(program, services);
    },
  },
  {
    name: 'profile',
    async register(program) {
      const [{ registerProfileCommands }, { services }] = await Promise.all([import('./profile-command.js'), context()]);
      registerProfileCommands(program, services);
    },
  },
  {
    name: 'settings',
    async register(program) {
      const [{ registerSettingsCommands }, { services }] = await Promise.all([import('./settings-command.js'), context()]);
      registerSettingsCommands(program, services);
    },
  },
];

/**
 * The groups a command line needs: the one its first word names (the lighter one of its second word when there
 * is one), or every whole group (help, typos, no command).
 */
export function groupsFor(args: readonly string[]): CommandGroup[] {
  const [first, second] = args.filter((arg) => !arg.startsWith('-'));
  if (first === undefined && args.some((arg) => arg === '-v' || arg === '--version')) return [];
  const named =
    commandGroups.find((group) => group.name === first && group.subcommand !== undefined && group.subcommand === second) ??
    commandGroups.find((group) => group.name === first && group.subcommand === undefined);
  return named ? [named] : commandGroups.filter((group) => group.subcommand === undefined);
}
