import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { assertDockerReachable, connectDocker, dockerUnreachable, isConnectionError, type DockerEngineOptions } from './docker-engine.js';
import { describeEndpoint } from './engine-endpoint.js';
import type { Transport } from '@modelcontextprotocol/client';
import { ContainerTransport, type ContainerExit } from './container-transport.js';
import { buildContainerSpec, containerUser, defaultContainerUser } from './container-spec.js';
import { processAlive } from '../core/process-alive.js';
import { isOrphan, labelKeys, ownerIdentity, type OwnerIdentity } from './labels.js';
import type { ServerDefinition } from './server-definition.js';
import { ensureImageConfig, type ImageConfig, type PullProgress } from './image-pull.js';
import { NpmImageBuilder } from './npm-image-builder.js';
import type { StderrBuffer, StderrSink } from './stderr-buffer.js';
import { StartedAhead } from './started-ahead.js';
import type { EarlyStart } from './early-launch.js';
import { EngineEvents } from './engine-events.js';
import { EngineHealth } from './engine-health.js';
import { engineTimeoutFromEnv, limitEngineRequests } from './engine-requests.js';
import type { EngineStatus } from '../../shared/domain.js';
import type { RemoteOAuth } from './oauth/remote-oauth.js';
import {
  containerStdioFromEnv,
  serverCommand,
  StdioSocketListener,
  stdioSocketSupport,
  sweepStdioSocketFolders,
  withStdioSocket,
  type ContainerStdio,
  type StdioSocketSupport,
} from './stdio-socket.js';

/** Where servers run. Local Docker today; a remote engine or Kubernetes implement the same interface. */
export interface ServerRuntime {
  /** Throws a SwitchyardError (DOCKER_UNREACHABLE) within 2 s when the engine is not there. */
  ensureReachable(): Promise<void>;
  /** Removes containers left behind by a previous run of this home. Returns how many were removed. */
  sweepOrphans(): Promise<number>;
  /**
   * Creates and starts the server's container (pulling its image first when the engine lacks it); the
   * transport is started and ready for MCP messages.
   */
  open(server: ServerDefinition, stderr: StderrBuffer, onPull?: (progress: PullProgress) => void): Promise<ServerTransport>;
  /** How messages reach containers' stdio here (the stdio socket, or the attach stream and why), when it applies. */
  stdioSupport?(): Promise<StdioSocketSupport>;
  /** Our containers for this home (running or not), for status and leak checks. */
  listOwned(): Promise<Array<{ id: string; server: string; state: string }>>;
  /** Closes a container started ahead of its first call (startAhead) that no open() took. */
  discardStartedAhead?(): Promise<void>;
  /** Whether the engine answers, as its requests last found it (see engine-health.ts). */
  engineStatus?(): EngineStatus;
  /** Calls back when the engine becomes unreachable or reachable again, until the returned function is called. */
  onEngineChange?(listener: (status: EngineStatus) => void): () => void;
}

/** An MCP transport to a running server, with what the runtime knows about the process behind it. */
export type ServerTransport = Transport & {
  readonly containerId: string | undefined;
  /** Set once the server has exited; `unexpected` when it ended without being asked to. */
  readonly exit: ContainerExit | undefined;
};

export interface DockerRuntimeOptions extends DockerEngineOptions {
  /** The state folder; containers are labelled with its hash. */
  home: string;
  docker?: Docker;
  /** How messages reach a container's stdio (stdio-socket.ts). Default: SWITCHYARD_CONTAINER_STDIO, else auto. */
  containerStdio?: ContainerStdio;
  /** The stdio-socket program to mount (default: the one `npm run build:node` built). */
  stdioSocketProgram?: string;
  /** Signs the gateway in to remote servers that ask for OAuth; without it a 401 is reported as it is. */
  oauth?: RemoteOAuth;
  /** How long an engine request may go unanswered (default SWITCHYARD_ENGINE_TIMEOUT_SECONDS, else 30 s; see engine-requests.ts). */
  engineTimeoutMs?: number;
}

export class DockerRuntime implements ServerRuntime {
  readonly docker: Docker;
  private readonly owner: OwnerIdentity;
  private readonly npmImages: NpmImageBuilder;
  private readonly containerStdio: ContainerStdio;
  private readonly stdioSocketProgram: string | undefined;
  private readonly oauth: RemoteOAuth | undefined;
  private socketSupport: Promise<StdioSocketSupport> | undefined;
  /** The engine's container events, shared by every running server's transport. */
  private readonly events: EngineEvents;
  /** A container started before its first call (startAhead), until open() takes it. */
  private ahead: StartedAhead<ServerTransport> | undefined;
  private readonly health: EngineHealth;

  constructor(options: DockerRuntimeOptions) {
    this.docker = options.docker ?? connectDocker(options);
    const endpoint = describeEndpoint(this.docker);
    const requests = limitEngineRequests(this.docker, options.engineTimeoutMs ?? engineTimeoutFromEnv(), endpoint);
    this.health = new EngineHealth(this.docker, requests, endpoint);
    this.containerStdio = options.containerStdio ?? containerStdioFromEnv();
    this.stdioSocketProgram = options.stdioSocketProgram;
    this.oauth = options.oauth;
    this.owner = ownerIdentity(options.home);
    this.npmImages = new NpmImageBuilder({ docker: this.docker, home: options.home });
    // While servers run, a ping at least every 10 s (sooner with a shorter engine timeout) tells a silent engine.
    this.events = new EngineEvents({ docker: this.docker, homeHash: this.owner.homeHash, pingEveryMs: Math.min(10_000, requests.timeoutMs) });
  }

  engineStatus(): EngineStatus {
    return this.health.status();
  }

  onEngineChange(listener: (status: EngineStatus) => void): () => void {
    this.health.on('change', listener);
    return () => this.health.off('change', listener);
  }

  async ensureReachable(): Promise<void> {
    await assertDockerReachable(this.docker);
    void this.stdioSupport(); // asked now, so that no server's first start waits for it
  }

  async sweepOrphans(): Promise<number> {
    const containers = await this.listLabelled();
    const orphans = containers.filter((info) => isOrphan(info.Labels ?? {}, this.owner, processAlive));
    await Promise.all(
      orphans.map((info) =>
        this.docker
          .getContainer(info.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    await sweepStdioSocketFolders(processAlive); // and the socket folders those gateways left
    return orphans.length;
  }

  /**
   * Starts a container server's container now, before any call asks for it (`gateway run --image`: the one
   * server its client is about to call); the first open() of the same launch takes it (see started-ahead.ts).
   * Settles when the container runs (or its start failed).
   */
  startAhead(server: ServerDefinition, early?: Promise<EarlyStart | undefined>): Promise<void> {
    void this.discardStartedAhead();
    this.ahead = new StartedAhead(server, async (stderr, onPull) => {
      const started = await early;
      return started ? this.adopt(started, server, stderr) : this.launch(server, stderr, onPull);
    });
    return this.ahead.settled;
  }

  /**
   * The transport to a container that early-launch.ts started on the stdio socket. Should the socket fail
   * after all, the server starts again on the attach stream, as any start on the socket would.
   */
  private async adopt(early: EarlyStart, server: ServerDefinition, stderr: StderrSink): Promise<ServerTransport> {
    this.socketSupport ??= Promise.resolve({ usable: true, program: early.program });
    if (early.userNote) stderr.writeLine(early.userNote);
    const transport = new ContainerTransport({
      docker: this.docker,
      spec: early.spec,
      stderr,
      stdioSocket: early.listener,
      events: this.events,
      adopted: { containerId: early.containerId, stream: early.stream },
      ...(server.maxMessageBytes ? { maxMessageBytes: server.maxMessageBytes } : {}),
    });
    try {
      await transport.start();
      return transport;
    } catch (error) {
      if (!transport.socketFailure) throw error;
      this.useAttachFromNowOn(stderr, 'the stdio socket did not work on this engine', error);
      return this.launch(server, stderr);
    }
  }

  async open(server: ServerDefinition, stderr: StderrBuffer, onPull?: (progress: PullProgress) => void): Promise<ServerTransport> {
    const ahead = this.ahead;
    if (ahead?.server.name === server.name) {
      this.ahead = undefined;
      if (ahead.matches(server)) return ahead.claim(stderr, onPull);
      void ahead.discard(); // started with a launch that has changed since
    }
    return this.launch(server, stderr, onPull);
  }

  async discardStartedAhead(): Promise<void> {
    const ahead = this.ahead;
    this.ahead = undefined;
    await ahead?.discard();
  }

  private async launch(server: ServerDefinition, stderr: StderrSink, onPull?: (progress: PullProgress) => void): Promise<ServerTransport> {
    // A remote server runs nowhere here: connecting to it never touches the Docker engine (nor loads the SDK's HTTP client).
    if (server.remote) {
      const { openRemoteTransport } = await import('./remote-transport.js');
      return openRemoteTransport({ ...server, remote: server.remote }, stderr, this.oauth);
    }
    // Asked of the engine at once, not one after the other: whether it answers (an engine that went away since
    // the gateway started fails the start within 2 s, not when a request times out), the image with its config
    // (an npm server's is built here from its package on first use, the others are pulled as the policy says),
    // and how stdio reaches containers here (asked once per runtime).
    const [, image] = await Promise.all([
      assertDockerReachable(this.docker),
      server.build
        ? this.npmImages.ensure({ ...server, build: server.build }, onPull).then(() => this.imageConfig(server.image))
        : ensureImageConfig(this.docker, server.image, onPull, server.pullPolicy).then((found) => found.config),
      this.stdioSupport(),
    ]);
    const { user, userSource } = containerUser(server, image);
    const runAs = { ...server, ...(user ? { user } : {}) };
    if (userSource === 'default') stderr.writeLine(`[switchyard] the image names no USER: running as ${defaultContainerUser} (nobody), not root`);
    const spec = () => buildContainerSpec(runAs, this.owner, randomBytes(3).toString('hex'));
    const overSocket = await this.overStdioSocket(spec(), image, stderr, server.maxMessageBytes);
    if (overSocket) {
      try {
        await overSocket.start();
        return overSocket;
      } catch (error) {
        if (!overSocket.socketFailure) throw error;
        // Some engines refuse what the socket needs (SELinux labels, a confined dockerd with its own /tmp):
        // this server starts again on the attach stream, and every later one goes there directly.
        this.useAttachFromNowOn(stderr, 'the stdio socket did not work on this engine', error);
      }
    }
    const transport = new ContainerTransport({
      docker: this.docker,
      spec: spec(),
      stderr,
      events: this.events,
      ...(server.maxMessageBytes ? { maxMessageBytes: server.maxMessageBytes } : {}),
    });
    await transport.start();
    return transport;
  }

  /** How servers' stdio is carried here: the stdio socket where this engine allows it, else the attach stream. */
  stdioSupport(): Promise<StdioSocketSupport> {
    this.socketSupport ??= stdioSocketSupport(this.docker, this.containerStdio, this.stdioSocketProgram).catch((error: unknown) => ({
      usable: false as const,
      reason: `docker version failed: ${error instanceof Error ? error.message : String(error)}`,
    }));
    return this.socketSupport;
  }

  /** A transport on the stdio socket, or undefined when the attach stream it is (the engine, or an image with no command). */
  private async overStdioSocket(
    spec: Docker.ContainerCreateOptions,
    image: ImageConfig,
    stderr: StderrSink,
    maxMessageBytes: number | undefined,
  ): Promise<ContainerTransport | undefined> {
    const support = await this.stdioSupport();
    if (!support.usable) return undefined;
    const command = serverCommand(spec, image);
    if (command.length === 0) return undefined;
    let listener: StdioSocketListener;
    try {
      listener = await StdioSocketListener.open();
    } catch (error) {
      // No socket here (an unwritable or too deep temporary folder).
      this.useAttachFromNowOn(stderr, 'could not open the stdio socket', error);
      return undefined;
    }
    return new ContainerTransport({
      docker: this.docker,
      spec: withStdioSocket(spec, command, support.program, listener.folder),
      stderr,
      stdioSocket: listener,
      events: this.events,
      ...(maxMessageBytes ? { maxMessageBytes } : {}),
    });
  }

  /** What the runtime reads from the image: its command (for the stdio socket) and its user. */
  private async imageConfig(reference: string): Promise<ImageConfig> {
    const image = (await this.docker.getImage(reference).inspect()) as { Config?: ImageConfig | null };
    return image.Config ?? {};
  }

  /** Gives up the stdio socket for this runtime's life, saying why in the server's log view. */
  private useAttachFromNowOn(stderr: StderrSink, what: string, error: unknown): void {
    const reason = `${what} (${error instanceof Error ? error.message : String(error)})`;
    this.socketSupport = Promise.resolve({ usable: false, reason });
    stderr.writeLine(`[switchyard] ${reason}; using Docker's attach stream from now on`);
  }

  async listOwned(): Promise<Array<{ id: string; server: string; state: string }>> {
    const containers = await this.listLabelled();
    return containers
      .filter((info) => info.Labels?.[labelKeys.home] === this.owner.homeHash && info.Labels?.[labelKeys.ownerPid] === String(this.owner.pid))
      .map((info) => ({ id: info.Id, server: info.Labels?.[labelKeys.server] ?? '', state: info.State }));
  }

  private async listLabelled(): Promise<Docker.ContainerInfo[]> {
    try {
      return await this.docker.listContainers({ all: true, filters: { label: [`${labelKeys.managed}=true`, `${labelKeys.home}=${this.owner.homeHash}`] } });
    } catch (error) {
      if (isConnectionError(error)) throw dockerUnreachable(describeEndpoint(this.docker), error);
      throw error;
    }
  }
}
