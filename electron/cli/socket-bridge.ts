import { connect, type Socket } from 'node:net';
import { bridgeHelloLine } from '../../shared/gateway-endpoint.js';
import { liveRuntimeRecords, type GatewayRuntimeRecord } from '../core/gateway-runtime-file.js';

/** A gateway's bridge socket this process is connected to, and the runtime record that named it. */
export interface BridgeSocket {
  socket: Socket;
  record: GatewayRuntimeRecord & { socket: string };
}

/**
 * Connects to the bridge socket of the home's running HTTP gateway (runtime files, newest first; a running one
 * before one the user stopped). Undefined when none has a socket that answers: a stale file, a gateway without
 * a socket (older, on Windows) or none at all; the caller then takes the HTTP path. Reads no settings and loads
 * nothing but node:net, so `switchyard connect` reaches a running gateway in about a bare Node start.
 */
export async function connectBridgeSocket(home: string): Promise<BridgeSocket | undefined> {
  const records = liveRuntimeRecords(home)
    .filter((record): record is GatewayRuntimeRecord & { socket: string } => record.transport === 'http' && record.socket !== undefined)
    .sort((a, b) => Number(a.state === 'stopped') - Number(b.state === 'stopped'));
  for (const record of records) {
    const socket = await open(record.socket);
    if (socket) return { socket, record };
  }
  return undefined;
}

/** The info line a bridge on the socket logs. */
export function socketBridgeNotice(record: BridgeSocket['record']): string {
  return `bridging stdio to the running gateway (pid ${record.pid}) on its socket ${record.socket}`;
}

function open(socketPath: string): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', () => resolve(undefined));
  });
}

/**
 * Relays stdin to the socket and the socket to stdout, byte for byte (both sides speak newline-delimited
 * JSON-RPC): the gateway's session parses, answers and records. The client closing stdin half-closes the
 * socket (the gateway ends the session, then the socket); the gateway going away ends this process. A client of
 * another profile than the default is announced by a first line, before any of its bytes.
 */
export function pipeStdio(socket: Socket, profile = 'default'): void {
  if (profile !== 'default') socket.write(bridgeHelloLine(profile));
  process.stdin.pipe(socket);
  socket.pipe(process.stdout);
  socket.on('error', () => socket.destroy());
  // Exit once what the gateway sent is written out (stdout may be asynchronous, as on macOS pipes).
  socket.on('close', () => process.stdout.write('', () => process.exit(0)));
  process.stdout.on('error', () => socket.destroy());
}
