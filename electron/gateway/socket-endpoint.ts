import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import path from 'node:path';
import type { Logger } from '../core/logger.js';
import type { Gateway } from './gateway.js';
import { readBridgeHello } from './bridge-hello.js';
import { rpcErrorCodes } from './json-rpc.js';
import { NdjsonTransport } from './ndjson-transport.js';
import { defaultProfile } from './profile-view.js';
import { unknownProfileRpcError } from './unknown-profile.js';

export interface SocketEndpoint {
  path: string;
  /** Connections open now. */
  openConnections(): number;
  close(): Promise<void>;
}

/**
 * The gateway on a local unix socket, for the `switchyard connect` bridge: each connection is one client
 * session speaking MCP's stdio framing (newline-delimited JSON-RPC), exactly as if the client had launched the
 * gateway itself, so the bridge is a byte pipe with no SDK or HTTP stack on its start path. The socket is the
 * user's alone: it lives in the home's run folder (0700) and is itself 0600, so no token is needed. A bridge of
 * another profile than the default says which in a first line (see bridge-hello.ts).
 */
export async function startSocketEndpoint(options: {
  gateway: Pick<Gateway, 'connect' | 'hasProfile'>;
  path: string;
  logger: Logger;
}): Promise<SocketEndpoint> {
  mkdirSync(path.dirname(options.path), { recursive: true, mode: 0o700 });
  chmodSync(path.dirname(options.path), 0o700);
  rmSync(options.path, { force: true }); // a socket file left by a crashed process with this pid
  const connections = new Set<Socket>();
  const server = createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    void serve(socket);
  });
  async function serve(socket: Socket): Promise<void> {
    const hello = await readBridgeHello(socket);
    if (hello.kind === 'ended') return void socket.end();
    const transport = new NdjsonTransport(socket, socket);
    socket.on('close', () => void transport.close());
    if (hello.kind === 'invalid') {
      return refuse(socket, transport, {
        code: rpcErrorCodes.invalidRequest,
        message: 'The bridge sent a first line the gateway does not understand: use a `switchyard connect` of the same version as the gateway.',
        data: { line: hello.line },
      });
    }
    const profile = hello.profile ?? defaultProfile;
    if (!options.gateway.hasProfile(profile)) return refuse(socket, transport, unknownProfileRpcError(profile));
    options.gateway.connect(transport, profile).then(
      () => {
        // When the session ends (the client closed its side, or the gateway ended it), end the socket: the bridge exits.
        const sessionClose = transport.onclose;
        transport.onclose = () => {
          sessionClose?.();
          socket.end();
        };
        socket.resume(); // the hello reader left it paused, holding the client's first bytes
      },
      (error: unknown) => {
        options.logger.warn(`socket session could not start: ${error instanceof Error ? error.message : String(error)}`);
        socket.destroy();
      },
    );
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(options.path, 0o600);
  server.on('error', (error) => options.logger.warn(`gateway socket ${options.path}: ${error.message}`));
  return {
    path: options.path,
    openConnections: () => connections.size,
    async close() {
      for (const socket of connections) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(options.path, { force: true });
    },
  };
}

/** Answers each request of a connection the gateway will not serve with `error`, and ends it after the first. */
function refuse(socket: Socket, transport: NdjsonTransport, error: { code: number; message: string; data?: unknown }): void {
  transport.onmessage = (message) => {
    if (!('id' in message) || !('method' in message)) return;
    void transport
      .send({ jsonrpc: '2.0', id: message.id, error } as JSONRPCMessage)
      .then(() => transport.close()) // flushes the answer
      .then(() => socket.end());
  };
  void transport.start().then(() => socket.resume());
}
