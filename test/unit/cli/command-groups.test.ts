import { describe, expect, it } from 'vitest';
import { commandGroups, groupsFor } from '../../../electron/cli/command-groups.js';

describe('the command groups a command line loads', () => {
  const names = (args: string[]) => groupsFor(args).map((group) => group.name);

  it('loads only the group its first word names, whatever follows', () => {
    expect(names(['server', 'ls', '--json'])).toEqual(['server']);
    expect(names(['connect', '--log-level', 'debug'])).toEqual(['connect']);
    expect(names(['gateway', 'run', '--transport', 'http'])).toEqual(['gateway']);
  });

  it('loads the lighter group of a subcommand that has one (server ls reads the settings alone), else the whole group', () => {
    expect(groupsFor(['server', 'ls', '--json']).map((group) => group.subcommand)).toEqual(['ls']);
    expect(groupsFor(['server', 'add', 'x', '--image', 'y']).map((group) => group.subcommand)).toEqual([undefined]);
    expect(groupsFor(['server', '--help']).map((group) => group.subcommand)).toEqual([undefined]);
  });

  it('loads none for --version, and every group for help, no command, or a word that names none', () => {
    expect(names(['--version'])).toEqual([]);
    expect(names(['-v'])).toEqual([]);
    const all = commandGroups.filter((group) => group.subcommand === undefined).map((group) => group.name);
    expect(names(['--help'])).toEqual(all);
    expect(names([])).toEqual(all);
    expect(names(['help', 'server'])).toEqual(all);
    expect(names(['sever', 'ls'])).toEqual(all);
  });
});
