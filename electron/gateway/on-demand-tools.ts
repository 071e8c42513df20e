import type { ServerReadiness } from '../../shared/catalog-types.js';
import type { RequestOrigin } from './backend-connection.js';
import type { RpcOutcome } from './json-rpc.js';
import type { ClientSession } from './client-session.js';
import type { ServerDirectory } from './server-directory.js';
import type { Item } from './server-lists.js';
import { searchServers } from './server-search.js';
import type { HandleRefusal } from './added-server-handles.js';
import type { ServerDefinition } from '../runtime/server-definition.js';

/** The server name the gateway's own tools are recorded under in the history. */
export const gatewayToolServer = 'switchyard';

/** The gateway's own tools, offered to the clients of a profile with `dynamic: true`. */
export const onDemandToolDefinitions: Item[] = [
  {
    name: 'find_servers',
    title: 'Find MCP servers',
    description:
      'Search the MCP servers Switchyard can offer (the catalog and the servers configured here) by name, description and tool names. Returns the best matches, whether each is already available in this session and what it needs (secrets, configuration).',
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'Words to look for, e.g. "github issues" or "sqlite"' },
        limit: { type: 'integer', minimum: 1, maximum: 50, description: 'How many servers at most (default 10)' },
      },
      required: ['query'],
    },
  },
  {
    name: 'describe_server',
    title: 'Describe an MCP server',
    description:
      'What one server offers: its tools with their input schemas, whether it is enabled, in this session, and which secrets or configuration values it still needs.',
    inputSchema: { type: 'object', properties: { server: { type: 'string', description: 'The server name, as find_servers gives it' } }, required: ['server'] },
  },
  {
    name: 'add_server',
    title: 'Add an MCP server to this session',
    description:
      'Adds a server (an enabled one outside this profile, or one from the catalog) to this session only, after asking the user. Its tools then appear in tools/list. A client of the stateless protocol (2026-07-28) over HTTP has no session: it gets a handle instead, and reaches the tools with call_tool and that handle. A server that needs secrets is not added: the answer says what the user must set.',
    inputSchema: {
      type: 'object',
      properties: {
        server: { type: 'string', description: 'The server name, as find_servers gives it' },
        handle: { type: 'string', description: 'A handle an earlier add_server answered with, to add this server under it too (stateless clients over HTTP)' },
      },
      required: ['server'],
    },
  },
  {
    name: 'call_tool',
    title: 'Call a tool of a server in this session',
    description:
      "Calls a tool of a server in this session whose tools are not listed (or any other tool of the session's servers). The arguments are checked against the tool's input schema first; describe_server shows the schemas.",
    inputSchema: {
      type: 'object',
      properties: {
        server: { type: 'string', description: 'The server name' },
        tool: { type: 'string', description: 'The tool name as the server knows it' },
        arguments: { type: 'object', description: "The tool's arguments", additionalProperties: true },
        handle: { type: 'string', description: 'The handle add_server answered with, for a server added under it' },
      },
      required: ['server', 'tool'],
    },
  },
];

const onDemandNames = new Set(onDemandToolDefinitions.map((tool) => String(tool.name)));

export function isOnDemandTool(name: string): boolean {
  return onDemandNames.has(name);
}

/** What the on-demand tools need of the gateway: the session's servers, their tools, and the two ways to act. */
export interface OnDemandHost {
  /** Servers the session sees now (its profile's members and its own additions). */
  sessionServers(session: ClientSession): string[];
  /** Whether an enabled server of the settings has this name. */
  isEnabled(server: string): boolean;
  /** A server's tools as the session may call them (allow-list, switched-off and held tools left out); learns them if unknown. */
  toolsFor(session: ClientSession, server: string): Promise<Item[] | undefined>;
  /** Tool names a server reported at its last run (searched by find_servers). */
  reportedTools(server: string): readonly string[] | undefined;
  /** Adds a server to this session only (a definition: a catalog server to run for it) and tells it its lists changed. */
  addToSession(session: ClientSession, server: string, definition?: ServerDefinition): Promise<void>;
  /** For a session shared by stateless clients: adds a server under a handle (the one given, if it is this profile's, or a new one); returns it. */
  addUnderHandle(session: ClientSession, server: string, definition: ServerDefinition | undefined, handle: string | undefined): Promise<string>;
  /** The servers a handle reaches for this session's profile, or why none. */
  handleServers(session: ClientSession, handle: string): { servers: ReadonlySet<string> } | { refused: HandleRefusal };
}

/** Relays a tool call to a server of the session, through the policy and the history like any other call. */
export type ToolRelay = (server: string, tool: string, args: Record<string, unknown>) => Promise<RpcOutcome>;

type Args = Record<string, unknown>;

/**
 * find_servers, describe_server, add_server and call_tool (issue #20's on-demand tools): an agent finds a server
 * mid-conversation instead of carrying every tool definition. Additions last for the session only; every call of
 * these tools is recorded in the history under the server "switchyard" (see Gateway.forward).
 */
export class OnDemandTools {
  constructor(
    private readonly host: OnDemandHost,
    private readonly directory: ServerDirectory | undefined,
  ) {}

  async call(name: string, args: Args, session: ClientSession, origin: RequestOrigin, relay: ToolRelay): Promise<RpcOutcome> {
    switch (name) {
      case 'find_servers':
        return this.find(args, session);
      case 'describe_server':
        return this.describe(args, session);
      case 'add_server':
        return this.add(args, session, origin);
      default:
        return this.callTool(args, session, relay);
    }
  }

  private async find(args: Args, session: ClientSession): Promise<RpcOutcome> {
    if (typeof args.query !== 'string') return refused('Give "query": the words to look for.', { field: 'query' });
    const limit = typeof args.limit === 'number' && args.limit >= 1 ? Math.min(50, Math.floor(args.limit)) : 10;
    const inSession = new Set(this.host.sessionServers(session));
    const entries = (await this.directory?.entries()) ?? sessionEntries([...inSession], (server) => this.host.isEnabled(server));
    const hits = searchServers(entries, args.query, limit, (server) => this.host.reportedTools(server));
    const servers = hits.map(({ entry, matched, matchedValue }) => ({
      name: entry.name,
      ...(entry.title ? { title: entry.title } : {}),
      ...(entry.description ? { description: entry.description.slice(0, 300) } : {}),
      inSession: inSession.has(entry.name),
      enabled: entry.enabled,
      configured: entry.configured,
      matched,
      ...(matchedValue ? { matchedValue } : {}),
    }));
    const text =
      servers.length === 0
        ? `No server matches "${args.query}".`
        : `${servers.length} server(s) match "${args.query}". describe_server shows one's tools; add_server adds one to this session.\n${JSON.stringify(servers, null, 2)}`;
    return answer(text, { servers });
  }

  private async describe(args: Args, session: ClientSession): Promise<RpcOutcome> {
    if (typeof args.server !== 'string') return refused('Give "server": a name from find_servers.', { field: 'server' });
    const server = args.server;
    const inSession = this.host.sessionServers(session).includes(server);
    const report = await this.directory?.report(server);
    if (!report && !inSession) return refused(`No server named "${server}". Search with find_servers.`, { server, reason: 'unknown' });
    const tools = (inSession || this.host.isEnabled(server) ? await this.host.toolsFor(session, server) : undefined) ?? report?.catalogTools ?? [];
    const needs = report ? missingOf(report.readiness) : { secrets: [], config: [] };
    const description = {
      name: server,
      ...(report?.readiness.source.kind === 'catalog' && report.readiness.source.description ? { description: report.readiness.source.description } : {}),
      enabled: this.host.isEnabled(server),
      configured: report?.configured ?? true,
      inSession,
      needs,
      tools: tools.map((tool) => ({ name: tool.name, ...(tool.description ? { description: tool.description } : {}), inputSchema: tool.inputSchema })),
    };
    return answer(JSON.stringify(description, null, 2), description);
  }

  private async add(args: Args, session: ClientSession, origin: RequestOrigin): Promise<RpcOutcome> {
    if (typeof args.server !== 'string') return refused('Give "server": a name from find_servers.', { field: 'server' });
    const server = args.server;
    if (this.host.sessionServers(session).includes(server)) {
      return answer(`Server "${server}" is already in this session; its tools are in tools/list.`, { server, added: false, reason: 'already-in-session' });
    }
    const handle = typeof args.handle === 'string' ? args.handle : undefined;
    if (handle !== undefined && session.sharedByClients) {
      const held = this.host.handleServers(session, handle);
      if ('refused' in held) return handleRefused(handle, held.refused);
      if (held.servers.has(server)) {
        return answer(`Server "${server}" is already added under this handle; call its tools with call_tool and "handle": "${handle}".`, {
          server,
          added: false,
          reason: 'already-in-session',
          handle,
        });
      }
    }
    const report = await this.directory?.report(server);
    if (!report) return refused(`No server named "${server}". Search with find_servers.`, { server, reason: 'unknown' });
    const enabled = this.host.isEnabled(server);
    if (report.configured && !enabled) {
      return refused(
        `Server "${server}" is configured but switched off. The user can switch it on with \`switchyard server enable ${server}\` (or on its page in the Switchyard window).`,
        {
          server,
          reason: 'disabled',
          command: `switchyard server enable ${server}`,
        },
      );
    }
    const needs = missingOf(report.readiness);
    // Never a server that would start without its secrets: the user is told exactly what to set, and where.
    if (needs.secrets.length > 0 || needs.config.length > 0 || (!enabled && !report.sessionDefinition)) {
      const commands = [
        ...needs.secrets.map((secret) => `switchyard secret set ${secret.key}`),
        ...needs.config.map((config) => `switchyard config set ${server} ${config.key} VALUE`),
      ];
      const why = report.readiness.problems.map((problem) => ('reason' in problem ? problem.reason : '')).filter(Boolean);
      return refused(
        commands.length > 0
          ? `Server "${server}" needs ${[...needs.secrets.map((secret) => `the secret ${secret.key}`), ...needs.config.map((config) => `the value ${config.key}`)].join(', ')} before it can run. Nothing was added. Ask the user to run:\n${commands.map((command) => `  ${command}`).join('\n')}\n(or set them on the server's page in the Switchyard window: Servers › ${server}), then call add_server again.`
          : `Server "${server}" cannot run as it is${why.length > 0 ? `: ${why.join('; ')}` : ''}. Nothing was added.`,
        { server, reason: commands.length > 0 ? 'needs-setup' : 'cannot-run', needs, commands },
      );
    }
    const asked = await this.askUser(server, enabled, session, origin);
    if (asked !== 'accept') {
      const declined = asked === 'unsupported';
      return answer(
        declined
          ? `Server "${server}" is not enabled, and this client cannot ask the user (no elicitation), so it was not added. The user can enable it: \`switchyard server enable ${server}\`, then \`switchyard profile server add ${session.profile} ${server}\`.`
          : `The user ${asked === 'decline' ? 'declined' : 'did not confirm'}: server "${server}" was not added.`,
        { server, added: false, reason: declined ? 'cannot-ask' : asked },
        declined,
      );
    }
    if (session.sharedByClients) return this.addUnderHandle(session, server, enabled ? undefined : report.sessionDefinition, handle, report.catalogTools);
    await this.host.addToSession(session, server, enabled ? undefined : report.sessionDefinition);
    const tools = (await this.host.toolsFor(session, server)) ?? report.catalogTools;
    return answer(
      `Added server "${server}" to this session (until it ends). Its tools are in tools/list now: ${tools.map((tool) => String(tool.name)).join(', ') || 'none reported yet'}.`,
      { server, added: true, tools: tools.map((tool) => String(tool.name)) },
    );
  }

  /**
   * The stateless protocol (2026-07-28) over HTTP has no session, and its tools/list must not depend on earlier
   * tool calls: the server is added under a handle the agent passes to call_tool (see added-server-handles.ts).
   */
  private async addUnderHandle(
    session: ClientSession,
    server: string,
    definition: ServerDefinition | undefined,
    given: string | undefined,
    catalogTools: Item[],
  ): Promise<RpcOutcome> {
    const handle = await this.host.addUnderHandle(session, server, definition, given);
    const tools = (await this.host.toolsFor(session, server)) ?? catalogTools;
    const names = tools.map((tool) => String(tool.name));
    return answer(
      `Added server "${server}" under the handle "${handle}". This client speaks the stateless protocol (2026-07-28), whose tool list is the same for every client, so its tools are not in tools/list: call them with call_tool, passing "handle": "${handle}" (describe_server shows their input schemas). Its tools: ${names.join(', ') || 'none reported yet'}. Pass the same handle to add_server to add more servers under it; a handle unused for an hour is forgotten.`,
      { server, added: true, handle, tools: names },
    );
  }

  /** Asks the user through elicitation; a client that cannot be asked may still add an enabled server (the user chose to run it). */
  private async askUser(
    server: string,
    enabled: boolean,
    session: ClientSession,
    origin: RequestOrigin,
  ): Promise<'accept' | 'decline' | 'cancel' | 'unsupported'> {
    if (origin.clientCapabilities?.elicitation === undefined) return enabled ? 'accept' : 'unsupported';
    const outcome = await origin.relayServerRequest('elicitation/create', {
      message: `The assistant wants to add the MCP server "${server}"${enabled ? '' : ' from the catalog (it runs in a locked-down container)'} to this conversation (profile "${session.profile}", this session only). Allow it?`,
      requestedSchema: { type: 'object', properties: {} },
    });
    if ('error' in outcome) return 'cancel';
    const action = outcome.result.action;
    return action === 'accept' || action === 'decline' ? action : 'cancel';
  }

  private async callTool(args: Args, session: ClientSession, relay: ToolRelay): Promise<RpcOutcome> {
    if (typeof args.server !== 'string') return refused('Give "server": a server of this session.', { field: 'server' });
    if (typeof args.tool !== 'string') return refused('Give "tool": the tool name as the server knows it.', { field: 'tool' });
    const { server, tool } = args;
    const toolArgs = args.arguments ?? {};
    if (typeof toolArgs !== 'object' || toolArgs === null || Array.isArray(toolArgs)) return refused('"arguments" must be an object.', { field: 'arguments' });
    const reachable = new Set(this.host.sessionServers(session));
    if (typeof args.handle === 'string') {
      const held = this.host.handleServers(session, args.handle);
      if ('refused' in held) return handleRefused(args.handle, held.refused);
      for (const added of held.servers) reachable.add(added);
    }
    if (!reachable.has(server)) {
      return refused(
        `Server "${server}" is not in this session${typeof args.handle === 'string' ? ' nor under this handle' : ''}. Add it with add_server first (find_servers shows what there is).`,
        { server, reason: 'not-in-session' },
      );
    }
    const tools = await this.host.toolsFor(session, server);
    const definition = tools?.find((candidate) => candidate.name === tool);
    if (!definition) {
      return refused(
        `Server "${server}" offers no tool "${tool}" here. Its tools: ${(tools ?? []).map((candidate) => String(candidate.name)).join(', ') || 'none known'}.`,
        {
          server,
          tool,
          reason: 'unknown-tool',
        },
      );
    }
    // The checker (ajv) loads with the first call_tool: a gateway without on-demand tools never reads it.
    const { argumentProblems } = await import('./tool-arguments.js');
    const problems = argumentProblems(definition.inputSchema, toolArgs);
    if (problems.length > 0) {
      return refused(
        `The arguments do not fit the input schema of tool "${tool}" of server "${server}"; nothing was called:\n${problems.map((problem) => `  ${problem.path}: ${problem.message}`).join('\n')}`,
        { server, tool, reason: 'invalid-arguments', problems },
      );
    }
    return relay(server, tool, toolArgs as Args);
  }
}

/** Without a directory (a gateway with fixed servers), the only servers to find are the session's own. */
function sessionEntries(servers: string[], enabled: (server: string) => boolean) {
  return servers.map((name) => ({ name, tools: [], configured: true, enabled: enabled(name) }));
}

function missingOf(readiness: ServerReadiness): { secrets: Array<{ key: string; env: string }>; config: Array<{ key: string }> } {
  return {
    secrets: readiness.problems.flatMap((problem) => (problem.kind === 'secret' ? [{ key: problem.key, env: problem.env }] : [])),
    config: readiness.problems.flatMap((problem) => (problem.kind === 'config' ? [{ key: problem.key }] : [])),
  };
}

function answer(text: string, structured: Record<string, unknown>, isError = false): RpcOutcome {
  return { result: { content: [{ type: 'text', text }], structuredContent: structured, ...(isError ? { isError: true } : {}) } };
}

function refused(text: string, structured: Record<string, unknown>): RpcOutcome {
  return answer(text, structured, true);
}

function handleRefused(handle: string, why: HandleRefusal): RpcOutcome {
  return refused(
    why === 'other-profile'
      ? `The handle "${handle}" belongs to another profile; it reaches nothing here. Add the server again with add_server.`
      : `The handle "${handle}" is unknown or was forgotten (an hour without use, or the gateway restarted). Add the server again with add_server.`,
    { handle, reason: why, field: 'handle' },
  );
}
