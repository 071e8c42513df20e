import type { EngineStatus } from '../../shared/domain.js';
import { SwitchyardError } from '../../shared/errors.js';
import type { GatewayRuntimeRecord } from '../core/gateway-runtime-file.js';
import type { RunningGateway } from './running-gateway.js';

/** The words the CLI says about the gateway it found (or did not): the engine only returns what it found. */

/** The refusal when the user stopped the gateway: what is stopped, and how to start it again. */
export function gatewayStoppedError(found: Extract<RunningGateway, { kind: 'stopped' }>): SwitchyardError {
  const which = found.pid === undefined ? `at ${found.base}` : `(pid ${found.pid}, ${found.base})`;
  const howToStart =
    found.owner === 'cli'
      ? 'Start it again with "Start gateway" in the status UI that `switchyard gateway run --ui` opened, or end that process and run `switchyard gateway run --transport http`.'
      : 'Start it again with "Start gateway" in the Switchyard tray menu or window; or quit the app and run `switchyard gateway run --transport http`.';
  return new SwitchyardError(
    'GATEWAY_STOPPED',
    `The Switchyard gateway ${which} is stopped, so this command does not serve either.`,
    `${howToStart} Commands run an in-process gateway only when no gateway runs at all.`,
  );
}

/** The one stderr line a command prints before it runs the gateway in-process. */
export function inProcessNotice(found: Extract<RunningGateway, { kind: 'none' }>, what: string): string {
  const why =
    found.stdioGateways > 0
      ? `no gateway is reachable over HTTP (${found.stdioGateways === 1 ? 'a stdio gateway runs, but it serves' : `${found.stdioGateways} stdio gateways run, but they serve`} only the client that launched ${found.stdioGateways === 1 ? 'it' : 'them'})`
      : 'no gateway is running';
  return `switchyard: ${why}${otherHomeClause(found)}; ${what} in-process (start one with \`switchyard gateway run --transport http\` or the desktop app to share its containers).\n`;
}

/** Why the gateway that answers on this home's port is not used: it serves another Switchyard home. */
function otherHomeClause(found: Extract<RunningGateway, { kind: 'none' }>): string {
  return found.otherHome
    ? ` (the gateway at ${found.otherHome} serves another Switchyard home, so it is not used; give this home its own port with \`switchyard settings set gateway.port N\`)`
    : '';
}

/** The line `logs -f` starts with: whose calls it follows, or why none will come yet. */
export function followedGatewayNotice(found: RunningGateway): string {
  switch (found.kind) {
    case 'running':
      return `Following the calls of the gateway at ${found.base}${found.pid === undefined ? '' : ` (pid ${found.pid})`}.\n`;
    case 'stopped':
      return `The gateway at ${found.base} is stopped: no calls are recorded until it is started again ("Start gateway" in the tray menu or window).\n`;
    case 'none':
      return `No gateway is running${otherHomeClause(found)}: calls appear here once one serves (\`switchyard gateway run\`, the desktop app, or a client through \`switchyard connect\`).\n`;
  }
}

/** The port `gateway run` wanted is held by another Switchyard gateway: which one, and what to do instead. */
export function portHeldByGatewayError(port: number, holder: GatewayRuntimeRecord): SwitchyardError {
  const who = holder.owner === 'desktop' ? 'the desktop app' : '`switchyard gateway run`';
  return new SwitchyardError(
    'INVALID_INPUT',
    `Port ${port} on 127.0.0.1 is already in use by a Switchyard gateway (pid ${holder.pid}, ${who}, running since ${holder.startedAt}).`,
    'Use that gateway (tools call, connect and logs find it by themselves), stop it first, or choose another port with --port.',
  );
}

/** The gateway's log line when the Docker engine stops answering or answers again (its status carries the facts). */
export function engineChangeLine(engine: EngineStatus): { level: 'warn' | 'info'; text: string } {
  if (engine.reachable) return { level: 'info', text: `the Docker engine at ${engine.dockerHost} answers again` };
  const why = engine.reason === 'timeout' ? `got no answer within ${engine.timeoutMs / 1000} s` : `failed (${engine.reason ?? 'no answer'})`;
  return {
    level: 'warn',
    text: `the Docker engine at ${engine.dockerHost} is not answering: ${engine.engineCall ?? 'a request'} ${why}; calls that need it fail until it answers (SWITCHYARD_ENGINE_TIMEOUT_SECONDS sets the limit)`,
  };
}
