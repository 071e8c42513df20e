import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import type { ApiHandlers } from '../../../shared/api.js';
import { SwitchyardError } from '../../../shared/errors.js';
import type { Switchyard } from '../../app/create-switchyard.js';
import { packageVersion } from '../../core/version.js';
import { FirstRunStore } from '../../settings/first-run-store.js';

type Handled = 'firstRun.get' | 'firstRun.update' | 'system.docker' | 'tools.call';

/**
 * The first run: its progress (kept in the home), the Docker check with a problem code for the window to turn
 * into the fix, and a tool call through the gateway itself (an in-process MCP session, as a client would make).
 */
export function firstRunHandlers(app: Pick<Switchyard, 'home' | 'gateway' | 'runtime' | 'services'>): Pick<ApiHandlers, Handled> {
  const store = new FirstRunStore(app.home);
  const state = () => {
    const progress = store.load();
    const enabledServers = Object.values(app.services.settings.load().settings.servers ?? {}).filter(
      (server) => (server as { enabled?: boolean }).enabled !== false,
    ).length;
    return { ...progress, enabledServers, show: !progress.finished && (store.isNew || enabledServers === 0) };
  };
  return {
    'firstRun.get': async () => state(),
    'firstRun.update': async (change) => {
      store.update(change);
      return state();
    },
    'system.docker': async () => {
      const platform = process.platform;
      try {
        await app.runtime.ensureReachable();
        return { reachable: true, endpoint: endpointOf(undefined), platform };
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return { reachable: false, endpoint: endpointOf(detail), problem: problemOf(detail), detail, platform };
      }
    },
    'tools.call': async ({ name, server, arguments: args }) => {
      if (app.gateway.status().state !== 'running') {
        throw new SwitchyardError('GATEWAY_STOPPED', 'The gateway is stopped.', 'Start it (the header’s Start button), then try the call again.');
      }
      const [clientSide, gatewaySide] = InMemoryTransport.createLinkedPair();
      const client = new Client({ name: 'switchyard-window', version: packageVersion() });
      await app.gateway.connect(gatewaySide);
      await client.connect(clientSide);
      try {
        // A tool named with its server: the name clients see, prefixed when two servers clash.
        const offered = server ? (await client.listTools()).tools.map((tool) => tool.name) : [];
        const publicName = server && offered.includes(`${server}__${name}`) ? `${server}__${name}` : name;
        const started = performance.now();
        const result = await client.callTool({ name: publicName, arguments: args ?? {} });
        const content = (result.content ?? []) as Array<{ type: string; text?: string }>;
        const text = content.map((block) => (block.type === 'text' ? (block.text ?? '') : `[${block.type}]`)).join('\n');
        return { isError: result.isError === true, text, durationMs: performance.now() - started };
      } finally {
        await client.close().catch(() => undefined);
      }
    },
  };
}

/** `Docker engine not reachable at unix:///x.sock (...)`: the endpoint named in the runtime's error. */
function endpointOf(detail: string | undefined): string {
  const named = detail ? /reachable at (\S+) \(/.exec(detail)?.[1] : undefined;
  return named ?? process.env.DOCKER_HOST ?? (process.platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock');
}

function problemOf(detail: string): 'not-running' | 'no-socket' | 'permission-denied' | 'no-answer' | 'other' {
  if (/EACCES|EPERM|permission denied/i.test(detail)) return 'permission-denied';
  if (/ENOENT/.test(detail)) return 'no-socket';
  if (/ECONNREFUSED/.test(detail)) return 'not-running';
  if (/no answer within|ETIMEDOUT/.test(detail)) return 'no-answer';
  return 'other';
}
