import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A unix-socket proxy between a gateway and the Docker engine (the gateway gets DOCKER_HOST=unix://<path>), for
 * the fault tests: stop() drops every connection through it and refuses new ones, as an engine or socket-proxy
 * restart does; start() lets connections through again. Containers keep running: only the gateway's view of the
 * engine goes away. silence() keeps every connection open and accepts new ones but forwards nothing either way, as a
 * hung engine does (it answers no request, and streams go quiet); forward() ends that.
 */
export class DockerSocketProxy {
  readonly path: string;
  private readonly folder: string;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  /** Connections made through the proxy so far (the gateway's requests, wait and attach streams). */
  connections = 0;
  /** While silent: each connection's pair, so that forward() can drop them. */
  private readonly pairs = new Set<Pair>();
  private silent = false;

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
      const pair: Pair = { client, engine, muted: false };
      this.pairs.add(pair);
      client.on('close', () => this.pairs.delete(pair));
      if (this.silent) mute(pair);
      else {
        client.pipe(engine);
        engine.pipe(client);
      }
      // A hung engine closes nothing either: while muted, an end on one side is not passed on.
      client.on('close', () => pair.muted || engine.destroy());
      engine.on('close', () => pair.muted || client.destroy());
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
    this.silent = false;
    this.pairs.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  /**
   * A hung engine: connections stay open (new ones are accepted) but nothing is forwarded either way; what is
   * sent meanwhile is dropped.
   */
  silence(): void {
    this.silent = true;
    for (const pair of this.pairs) mute(pair);
  }

  /**
   * Ends the silence: the connections that were muted are dropped (their requests went unanswered; a hung
   * engine that recovers has lost them too) and new ones are forwarded again.
   */
  forward(): void {
    if (!this.silent) return;
    this.silent = false;
    for (const { client, engine } of this.pairs) {
      client.destroy();
      engine.destroy();
    }
    this.pairs.clear();
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

interface Pair {
  client: Socket;
  engine: Socket;
  muted: boolean;
}

/** Stops forwarding a connection's bytes (and its end) either way; whatever arrives is read and dropped. */
function mute(pair: Pair): void {
  const { client, engine } = pair;
  pair.muted = true;
  client.unpipe(engine);
  engine.unpipe(client);
  client.removeAllListeners('data');
  engine.removeAllListeners('data');
  client.on('data', () => undefined);
  engine.on('data', () => undefined);
}

/** The engine's own socket: DOCKER_HOST when it is a unix socket, else the default. */
function engineSocketPath(): string {
  const host = process.env.DOCKER_HOST;
  if (host?.startsWith('unix://')) return host.slice('unix://'.length);
  return '/var/run/docker.sock';
}
