import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import path from 'node:path';
import type { Logger } from '../core/logger.js';
import type { Gateway } from './gateway.js';
import { NdjsonTransport } from './ndjson-transport.js';

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
 * user's alone: it lives in the home's run folder (0700) and is itself 0600, so no token is needed.
 */
export async function startSocketEndpoint(options: { gateway: Pick<Gateway, 'connect'>; path: string; logger: Logger }): Promise<SocketEndpoint> {
  mkdirSync(path.dirname(options.path), { recursive: true, mode: 0o700 });
  chmodSync(path.dirname(options.path), 0o700);
  rmSync(options.path, { force: true }); // a socket file left by a crashed process with this pid
  const connections = new Set<Socket>();
  const server = createServer((socket) => {
    connections.add(socket);
    const transport = new NdjsonTransport(socket, socket);
    socket.on('close', () => {
      connections.delete(socket);
      void transport.close();
    });
    options.gateway.connect(transport).then(
      () => {
        // When the session ends (the client closed its side, or the gateway ended it), end the socket: the bridge exits.
        const sessionClose = transport.onclose;
        transport.onclose = () => {
          sessionClose?.();
          socket.end();
        };
      },
      (error: unknown) => {
        options.logger.warn(`socket session could not start: ${error instanceof Error ? error.message : String(error)}`);
        socket.destroy();
      },
    );
  });
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
