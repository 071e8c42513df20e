import { createLogger, parseLogLevel } from '../core/logger.js';
import { resolveHome } from '../core/paths.js';
import { connectBridgeSocket, pipeStdio, socketBridgeNotice } from './socket-bridge.js';

/**
 * `switchyard connect` as AI apps launch it (no options, or only `--profile NAME`), on its shortest path: bin/switchyard.js loads this
 * entry (dist/cli/bridge.js) instead of the CLI, so a bridge to a running gateway reads no command parser and no
 * command, only node:net and the runtime files. False when there is no running gateway with a socket: the
 * caller then runs the full `connect` command (HTTP bridge, the stopped-gateway rule, or an in-process gateway).
 */
export async function bridgeToRunningGateway(profile = 'default'): Promise<boolean> {
  const direct = await connectBridgeSocket(resolveHome());
  if (!direct) return false;
  if (direct.record.state === 'stopped') {
    direct.socket.destroy(); // the full command relays to it too, and says how to start it
    return false;
  }
  createLogger(parseLogLevel(process.env.SWITCHYARD_LOG_LEVEL ?? 'warn')).info(socketBridgeNotice(direct.record));
  pipeStdio(direct.socket, profile);
  return true;
}
