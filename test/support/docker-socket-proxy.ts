import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A unix-socket proxy between a gateway and the Docker engine (the gateway gets DOCKER_HOST=unix://<path>), for
 * the fault tests: stop() drops every connection through it and refuses new ones, as an engine or socket-proxy
 * restart does; start() lets connections through again. Containers keep running: only the gateway's view of the
 * engine goes away.
 */
export class DockerSocketProxy {
  readonly path: string;
  private readonly folder: string;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  /** Connections made through the proxy so far (the gateway's requests, wait and attach streams). */
  connections = 0;

  constructor(private readonly engineSocket = engineSocketPath()) {
    this.folder = mkdtempSync(path.join(os.tmpdir(), 'switchyard-docker-proxy-'));
    this.path = path.join(this.folder, 'docker.sock');
  }

  get dockerHost(): string {
    return `unix://${this.path}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      this.connections += 1;
      const engine = createConnection(this.engineSocket);
      for (const socket of [client, engine]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(engine);
      engine.pipe(client);
      client.on('close', () => engine.destroy());
      engine.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => resolve());
    });
    this.server = server;
  }

  /** Drops every connection through the proxy at once and stops accepting new ones (the socket file goes too). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  /** Stops for `ms`, then starts again: an engine blip. */
  async blip(ms: number): Promise<void> {
    await this.stop();
    await new Promise((resolve) => setTimeout(resolve, ms));
    await this.start();
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** The engine's own socket: DOCKER_HOST when it is a unix socket, else the default. */
function engineSocketPath(): string {
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith('unix://')) return host.slice('unix://'.length);
  return '/var/run/docker.sock';
}
