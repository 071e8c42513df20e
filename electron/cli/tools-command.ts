import type { Command } from 'commander';
import { SwitchyardError } from '../../shared/errors.js';
import type { ToolRow } from '../../shared/catalog-types.js';
import { createLogger, parseLogLevel } from '../core/logger.js';
import { resolveHome } from '../core/paths.js';
import { openSettingsEngine } from '../app/settings-engine.js';
import { resolveServerName, serverNameOrGiven } from '../servers/server-names.js';
import { setToolEnabled, toolRows } from '../servers/tool-settings.js';
import { describeChange, ToolPins } from '../gateway/tool-pins.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { EngineServices } from '../app/engine-services.js';
import { withGatewayClient } from './gateway-client.js';
import { refreshTools } from './tools-refresh.js';
import { parseToolArguments } from './option-parsers.js';

/**
 * `switchyard tools ...`: what the enabled servers offer (`ls`), calling one (`call`, through the running
 * gateway or an in-process one, so policies, hooks and history apply as for any client), switching single
 * tools off and on, and approving changed tool definitions (pinning).
 */
export function registerToolsCommands(program: Command, services: () => EngineServices): void {
  const tools = program.command('tools').description('List, call, switch off/on and approve the tools of your servers');

  tools
    .command('ls [server]')
    .description('List the tools of the enabled servers (as last seen), marking the ones switched off')
    .option('--refresh', 'start servers that never ran, once, to learn their tools')
    .option('--json', 'machine-readable output')
    .action(async (given: string | undefined, options: { refresh?: boolean; json?: boolean }) => {
      const server = given === undefined ? undefined : resolveServerName(given, services().settings.load().settings);
      const rows = await listTools(services().settings, server, options.refresh ?? false);
      if (options.json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      if (rows.length === 0)
        return void process.stdout.write(
          server
            ? `No tools known for "${server}" yet. Run: switchyard tools ls ${server} --refresh\n`
            : 'No tools known yet. Enable a server (switchyard server enable NAME), then: switchyard tools ls --refresh\n',
        );
      const width = Math.min(40, Math.max(...rows.map((row) => row.server.length + row.name.length + 1)));
      for (const row of rows) {
        process.stdout.write(`${row.enabled ? '  ' : 'x '}${`${row.server} ${row.name}`.padEnd(width)}  ${oneLine(row.description ?? '').slice(0, 100)}\n`);
      }
      if (rows.some((row) => !row.enabled))
        process.stdout.write('(x = switched off: hidden from clients; switch on with `switchyard tools enable SERVER TOOL`)\n');
    });

  tools
    .command('call <tool> [args...]')
    .description('Call a tool by the name clients see, with key=value arguments (JSON values allowed; key:=text forces text)')
    .option('--args <json>', 'all arguments as one JSON object')
    .option('--json', 'print the whole MCP result as JSON')
    .option('--log-level <level>', 'debug, info, warn, error or silent', process.env.SWITCHYARD_LOG_LEVEL ?? 'warn')
    .action(async (tool: string, pairs: string[], options: { args?: string; json?: boolean; logLevel: string }) => {
      const args = parseToolArguments(pairs, options.args);
      const result = await withGatewayClient(resolveHome(), services().settings, createLogger(parseLogLevel(options.logLevel)), async (client) => {
        const { tools: offered } = await client.listTools();
        if (!offered.some((entry) => entry.name === tool)) {
          // Let the gateway explain a hidden or held-back tool; otherwise suggest names.
          const close = offered
            .map((entry) => entry.name)
            .filter((name) => name.includes(tool) || tool.includes(name))
            .slice(0, 5);
          const answer = await client.callTool({ name: tool, arguments: args }).catch((error: Error) => error);
          if (!(answer instanceof Error)) return answer;
          throw new SwitchyardError(
            'INVALID_INPUT',
            answer.message.replace(/^MCP error -?\d+: /, ''),
            close.length > 0 ? `Did you mean: ${close.join(', ')}?` : 'See the tools with: switchyard tools ls',
          );
        }
        return client.callTool({ name: tool, arguments: args });
      });
      if (options.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      else process.stdout.write(renderContent(result.content as ContentBlock[] | undefined, result.structuredContent));
      if (result.isError) process.exitCode = 1;
    });

  tools
    .command('disable <server> <tool>')
    .description('Switch a tool off: hidden from every client and refused (its server keeps running)')
    .action(async (server: string, tool: string) => toggle(services().settings, server, tool, false));

  tools
    .command('enable <server> <tool>')
    .description('Switch a tool back on')
    .action(async (server: string, tool: string) => toggle(services().settings, server, tool, true));

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
    .action((given: string, tool: string | undefined) => {
      const server = serverNameOrGiven(given, services().settings.load().settings);
      const approved = new ToolPins(resolveHome()).approve(server, tool);
      if (approved.length === 0) {
        throw new SwitchyardError('INVALID_INPUT', `Nothing of ${server}${tool ? ` ${tool}` : ''} is waiting for approval.`, 'See `switchyard tools pending`.');
      }
      process.stderr.write(`Approved: ${approved.map((name) => `${server} ${name}`).join(', ')}.\n`);
    });
}

/** The tools the engine knows (cached from each server's last run, or from its catalog entry); `refresh` starts the unknown ones once. */
async function listTools(settings: SettingsStore, server: string | undefined, refresh: boolean): Promise<ToolRow[]> {
  const home = resolveHome();
  const logger = createLogger('warn');
  if (server !== undefined && !settings.load().settings.servers[server]) {
    throw new SwitchyardError('SERVER_NOT_FOUND', `No server named "${server}" is configured.`, 'See your servers with `switchyard server ls`.');
  }
  // Only what was asked, one server at a time with its progress, and no request timeout (see tools-refresh.ts).
  if (refresh) await refreshTools(home, logger, server);
  const engine = await openSettingsEngine({ home, logger, history: false });
  try {
    return toolRows(engine.app.gateway.knownTools(), server);
  } finally {
    await engine.close();
  }
}

async function toggle(settings: SettingsStore, given: string, tool: string, enabled: boolean): Promise<void> {
  const { server } = setToolEnabled(settings, given, tool, enabled);
  const known = await listTools(settings, server, false).catch(() => []);
  const note = known.length > 0 && !known.some((row) => row.name === tool) ? ` (note: "${server}" has not offered a tool named "${tool}" so far)` : '';
  process.stderr.write(`Tool ${server} ${tool} switched ${enabled ? 'on' : 'off'}${note}. A running gateway applies it at once.\n`);
}

type ContentBlock = { type: string; text?: string; mimeType?: string; uri?: string; resource?: { uri?: string; text?: string } };

/** Text as text; anything else as a one-line placeholder (binary never goes to a terminal). */
function renderContent(content: ContentBlock[] | undefined, structured: unknown): string {
  const parts = (content ?? []).map((block) => {
    if (block.type === 'text') return block.text ?? '';
    if (block.type === 'resource') return block.resource?.text ?? `[resource ${block.resource?.uri ?? ''}]`;
    if (block.type === 'resource_link') return `[resource link ${block.uri ?? ''}]`;
    return `[${block.type}${block.mimeType ? ` ${block.mimeType}` : ''}; use --json to see it]`;
  });
  if (parts.length === 0 && structured !== undefined) return JSON.stringify(structured, null, 2) + '\n';
  return parts.join('\n') + '\n';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
