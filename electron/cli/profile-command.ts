import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Profile, ProfileImportResult } from '../../shared/profile-types.js';
import type { EngineServices } from '../app/engine-services.js';

/**
 * `switchyard profile ...`: named sets of servers clients attach to (`connect --profile NAME`, or the HTTP
 * endpoint /mcp/profiles/NAME). Written to the settings file; a running gateway follows, and only the clients
 * of a changed profile are told their tools changed.
 */
export function registerProfileCommands(program: Command, services: () => EngineServices): void {
  const profile = program.command('profile').description('Named sets of servers (and tool allow-lists) that clients attach to');
  const profiles = () => services().profiles;

  profile
    .command('ls')
    .description('List the profiles (default: every enabled server)')
    .option('--json', 'machine-readable output')
    .action((options: { json?: boolean }) => {
      const rows = profiles().list();
      if (options.json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      for (const row of rows) {
        const servers = row.servers.map((server) => server.name).join(', ') || 'no servers';
        process.stdout.write(`${row.name.padEnd(20)} ${row.dynamic ? 'on-demand  ' : '           '}${servers}\n`);
      }
    });

  profile
    .command('show <name>')
    .description("A profile's servers, allow-lists, deny rules and endpoint")
    .option('--json', 'machine-readable output')
    .action((name: string, options: { json?: boolean }) => {
      const shown = profiles().get(name);
      if (options.json) return void process.stdout.write(JSON.stringify(shown, null, 2) + '\n');
      process.stdout.write(describeProfile(shown));
    });

  profile
    .command('create <name>')
    .description('Create a profile, optionally with servers')
    .option('--server <name>', 'a configured server to include (repeatable)', collect, [])
    .option('--description <text>', 'what the profile is for')
    .option('--dynamic', 'on-demand tools: its clients also get find_servers, describe_server, add_server and call_tool')
    .action((name: string, options: { server: string[]; description?: string; dynamic?: boolean }) => {
      const created = profiles().create(name, {
        servers: options.server,
        ...(options.description ? { description: options.description } : {}),
        ...(options.dynamic ? { dynamic: true } : {}),
      });
      process.stdout.write(`Created profile ${created.name}${created.dynamic ? ' with on-demand tools' : ''}.\n${attachHint(created)}`);
    });

  profile
    .command('update <name>')
    .description("Change a profile's description or switch its on-demand tools on or off")
    .option('--description <text>', 'what the profile is for')
    .option('--dynamic', 'on-demand tools on: find_servers, describe_server, add_server, call_tool')
    .option('--no-dynamic', 'on-demand tools off (unlisted servers show their tools again)')
    .action((name: string, options: { description?: string; dynamic?: boolean }) => {
      if (options.description === undefined && options.dynamic === undefined) throw new Error('Give --dynamic, --no-dynamic or --description TEXT.');
      const changed = profiles().update(name, {
        ...(options.description !== undefined ? { description: options.description } : {}),
        ...(options.dynamic !== undefined ? { dynamic: options.dynamic } : {}),
      });
      process.stdout.write(`Profile ${name}: on-demand tools ${changed.dynamic ? 'on' : 'off'}.\n`);
    });

  profile
    .command('rm <name>')
    .description('Remove a profile (its servers stay configured)')
    .action((name: string) => {
      profiles().remove(name);
      process.stdout.write(`Removed profile ${name}. Clients attached to it now see no servers until they use another profile.\n`);
    });

  const server = profile.command('server').description("Add or remove a profile's servers");
  server
    .command('add <profile> <server>')
    .description('Add a configured server to a profile')
    .action((name: string, serverName: string) => {
      const changed = profiles().addServer(name, serverName);
      const member = changed.servers.find((entry) => entry.name === serverName);
      process.stdout.write(
        `Profile ${name} now includes ${serverName}.${member?.enabled ? '' : ` It is disabled: enable it with \`switchyard server enable ${serverName}\`.`}\n`,
      );
    });
  server
    .command('rm <profile> <server>')
    .description('Remove a server from a profile')
    .action((name: string, serverName: string) => {
      profiles().removeServer(name, serverName);
      process.stdout.write(`Profile ${name} no longer includes ${serverName}.\n`);
    });

  profile
    .command('tools <profile> <server>')
    .description("Narrow a member server's tools to an allow-list (or lift it with --all); keep them out of tools/list with --unlisted")
    .option('--allow <tools>', 'comma-separated tool names, e.g. --allow read_file,list_directory')
    .option('--all', 'lift the allow-list: every tool of the server')
    .option('--unlisted', 'on-demand profiles: keep its tools out of tools/list; clients reach them with call_tool')
    .option('--listed', 'list its tools again')
    .action((name: string, serverName: string, options: { allow?: string; all?: boolean; unlisted?: boolean; listed?: boolean }) => {
      if (options.listed && options.unlisted) throw new Error('Give either --listed or --unlisted, not both.');
      const listed = options.unlisted ? false : options.listed ? true : undefined;
      if (listed !== undefined && options.allow === undefined && options.all === undefined) {
        profiles().setListed(name, serverName, listed);
        return void process.stdout.write(
          listed
            ? `Profile ${name}: the tools of ${serverName} are listed.\n`
            : `Profile ${name}: the tools of ${serverName} are not listed; its clients reach them with call_tool.\n`,
        );
      }
      if ((options.allow === undefined) === (options.all === undefined))
        throw new Error('Give either --allow a,b or --all (and optionally --listed or --unlisted).');
      const allow =
        options.allow === undefined
          ? null
          : options.allow
              .split(',')
              .map((tool) => tool.trim())
              .filter((tool) => tool.length > 0);
      if (allow !== null && allow.length === 0) throw new Error('--allow needs at least one tool name (or use --all).');
      // Listing first: it is the one that may refuse (a profile without on-demand tools), and then nothing changed.
      if (listed !== undefined) profiles().setListed(name, serverName, listed);
      profiles().setTools(name, serverName, allow);
      const reach = listed === false ? ' (not listed: reached with call_tool)' : '';
      process.stdout.write(
        allow === null ? `Profile ${name}: every tool of ${serverName}${reach}.\n` : `Profile ${name}: only ${allow.join(', ')} of ${serverName}${reach}.\n`,
      );
    });

  profile
    .command('export <name>')
    .description('Write a profile as YAML (server references and config values, never secret values)')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action(async (name: string, options: { output?: string }) => {
      const exported = await services().profileTransfer.export(name);
      if (options.output) {
        writeFileSync(options.output, exported.text, { mode: 0o600 });
        process.stderr.write(`Wrote profile ${name} to ${options.output}.\n`);
      } else process.stdout.write(exported.text);
      if (exported.withheld > 0) {
        process.stderr.write(
          `Note: ${exported.withheld} stored secret value(s) appeared in the settings (an env value or a header) and were left out of the export.\n`,
        );
      }
    });

  profile
    .command('import <file>')
    .description('Import a profile file (- for stdin): configures the servers it names, then tells you which secrets to set')
    .option('--name <name>', 'import under another name')
    .option('--replace', 'replace a profile of the same name')
    .action(async (file: string, options: { name?: string; replace?: boolean }) => {
      const text = readFileSync(file === '-' ? 0 : file, 'utf8');
      const result = await services().profileTransfer.import(text, {
        ...(options.name ? { name: options.name } : {}),
        ...(options.replace ? { replace: true } : {}),
      });
      process.stdout.write(describeImport(result));
    });
}

function describeProfile(profile: Profile): string {
  const lines = [`${profile.name}${profile.builtIn ? ' (built in)' : ''}${profile.description ? ` - ${profile.description}` : ''}`];
  lines.push(`  endpoint: ${profile.path}${profile.dynamic ? '   on-demand tools: find_servers, describe_server, add_server, call_tool' : ''}`);
  if (profile.servers.length === 0) lines.push('  no servers yet: switchyard profile server add ' + profile.name + ' SERVER');
  for (const server of profile.servers) {
    const tools = server.allow ? `only ${server.allow.join(', ')}` : 'every tool';
    lines.push(`  ${server.name.padEnd(24)} ${tools}${server.listed === false ? ' (not listed: call_tool)' : ''}${server.enabled ? '' : '  [disabled]'}`);
  }
  for (const rule of profile.deny) lines.push(`  denied: ${rule.server}${rule.tool ? ` ${rule.tool}` : ' (whole server)'}`);
  return lines.join('\n') + '\n';
}

function attachHint(profile: Profile): string {
  return `Attach a client: switchyard client connect APP --profile ${profile.name} (or HTTP ${profile.path}, or \`switchyard connect --profile ${profile.name}\`).\n`;
}

function describeImport(result: ProfileImportResult): string {
  const lines = [`Imported profile ${result.profile.name} (${result.profile.servers.length} server(s)).`];
  if (result.serversAdded.length > 0) lines.push(`Configured new server(s): ${result.serversAdded.join(', ')}.`);
  const required = result.secretsToSet.filter((secret) => secret.required);
  const optional = result.secretsToSet.filter((secret) => !secret.required);
  if (required.length > 0) {
    lines.push('Set these secrets before using them:');
    for (const secret of required) lines.push(`  switchyard secret set ${secret.key}`);
  }
  if (optional.length > 0) lines.push(`Optional secrets: ${optional.map((secret) => secret.key).join(', ')}.`);
  lines.push(attachHint(result.profile).trimEnd());
  return lines.join('\n') + '\n';
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
