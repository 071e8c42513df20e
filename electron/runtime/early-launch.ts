import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import type Docker from 'dockerode';
import { buildContainerSpec, containerUser } from './container-spec.js';
import { localEngineSocket } from './engine-endpoint.js';
import { engineTimeoutFromEnv } from './engine-requests.js';
import { EngineSocketClient, type EngineAnswer } from './engine-socket-client.js';
import type { ImageConfig } from './image-pull.js';
import { ownerIdentity } from './labels.js';
import type { ServerDefinition } from './server-definition.js';
import { sameContainer } from './started-ahead.js';
import {
  containerStdioFromEnv,
  engineProblem,
  selinuxEnforcing,
  serverCommand,
  StdioSocketListener,
  stdioSocketProgram,
  withStdioSocket,
} from './stdio-socket.js';

/** A container that early-launch.ts created, attached and started, for the runtime to take (DockerRuntime.startAhead). */
export interface EarlyStart {
  containerId: string;
  spec: Docker.ContainerCreateOptions;
  /** The attach stream (the server's stderr), opened before the container started. */
  stream: Socket;
  listener: StdioSocketListener;
  /** The stdio-socket program the container runs behind. */
  program: string;
  /** The line the server's log gets when the image names no user (as the runtime's own start writes it). */
  userNote?: string;
  engine: EngineSocketClient;
}

/** The launch bin/switchyard.js began before the CLI loaded (beginEarlyLaunch), until the command takes it. */
interface BegunLaunch {
  server: ServerDefinition;
  home: string;
  start: Promise<EarlyStart | undefined>;
}

/**
 * Where a begun launch waits for the command: a slot of the process, not of this module, since bin/switchyard.js
 * loads this module in a bundle of its own (dist/cli/early-start.js, one file that loads in a few milliseconds)
 * while the command has it among the CLI's chunks.
 */
const begunSlot = Symbol.for('switchyard.earlyLaunch');
const slots = globalThis as { [begunSlot]?: BegunLaunch };

/**
 * Begins the early launch of `server` at once, before the command line parser and the command have loaded:
 * bin/switchyard.js reads `gateway run --image` itself (early-start-entry.ts) and calls this, and the command
 * takes the launch once it has parsed the same line (takeEarlyLaunch). Resolves once the launch has ended (the
 * container runs, or the early start gave up).
 */
export async function beginEarlyLaunch(server: ServerDefinition, home: string): Promise<void> {
  const start = launchEarly(server, home);
  slots[begunSlot] = { server, home, start };
  await start;
}

/**
 * The early launch of `server`: the one begun before the command loaded when it starts the same container,
 * else a new one (one begun for another container is undone).
 */
export function takeEarlyLaunch(server: ServerDefinition, home: string): Promise<EarlyStart | undefined> {
  const taken = slots[begunSlot];
  delete slots[begunSlot];
  if (taken && taken.home === home && sameContainer(taken.server, server)) return taken.start;
  if (taken) void taken.start.then((start) => start && undoEarlyStart(start));
  return launchEarly(server, home);
}

/**
 * `gateway run --image`'s container, started before the Docker runtime (dockerode) has even loaded: a client
 * launched the gateway to call that one server, and `docker run -i` has its container created within ~60 ms.
 * Plain HTTP on the engine's socket does what the runtime's start would (the image's config, the engine's
 * platform, create, attach, start), on its common path only: the stdio socket on a local Linux engine, an image
 * already there. Anything else (an image to pull, the attach stream, an engine that fails or refuses a step)
 * undoes what was done and resolves undefined: the runtime's own start then runs, with its pulls, fallbacks and
 * messages. Never rejects.
 */
export async function launchEarly(server: ServerDefinition, home: string, env: NodeJS.ProcessEnv = process.env): Promise<EarlyStart | undefined> {
  const socketPath = localEngineSocket(env);
  const program = stdioSocketProgram();
  if (!socketPath || process.platform !== 'linux' || server.remote || server.build || server.pullPolicy === 'always') return undefined;
  if (!stdioSocketByDefault(env) || !existsSync(program)) return undefined;
  // The first request answers within 2 s, as the runtime's ping must; the engine's work (create, start) gets the
  // time the runtime gives its requests (SWITCHYARD_ENGINE_TIMEOUT_SECONDS, 30 s by default).
  const engine = new EngineSocketClient(socketPath);
  const workMs = engineTimeoutFromEnv(env);
  let listener: StdioSocketListener | undefined;
  let containerId: string | undefined;
  let stream: Socket | undefined;
  const undo = async (): Promise<undefined> => {
    await removeEarly(engine, containerId, stream, listener);
    return undefined;
  };
  try {
    const [image] = await Promise.all([engine.request('GET', `/images/${server.image}/json`), (async () => (listener = await StdioSocketListener.open()))()]);
    const config = imageConfig(image);
    if (!config || !listener) return await undo();
    const { user, userSource } = containerUser(server, config);
    const plain = buildContainerSpec({ ...server, ...(user ? { user } : {}) }, ownerIdentity(home), randomBytes(3).toString('hex'));
    const command = serverCommand(plain, config);
    if (command.length === 0) return await undo();
    const { name, ...spec } = withStdioSocket(plain, command, program, listener.folder);
    const created = await engine.request('POST', `/containers/create?name=${encodeURIComponent(String(name))}`, spec, workMs);
    containerId = (created.body as { Id?: string } | undefined)?.Id;
    if (created.status !== 201 || !containerId) return await undo();
    stream = await engine.hijack(`/containers/${containerId}/attach?stream=1&stdin=0&stdout=1&stderr=1`);
    const starting = engine.request('POST', `/containers/${containerId}/start`, undefined, workMs);
    // An engine in a VM (Docker Desktop), or of another architecture, cannot run this machine's stdio-socket
    // program. Asked only now: dockerd answers /version by running runc and docker-init for their versions (~20 ms
    // of its time), which slowed the create when asked beside it. Such an engine's container is undone.
    const platform = await engine.request('GET', '/version', undefined, workMs);
    const about = platform.body as { Platform?: { Name?: string }; Arch?: string } | undefined;
    const started = await starting;
    if (started.status !== 204 && started.status !== 304) return await undo();
    if (platform.status !== 200 || engineProblem({ platform: about?.Platform?.Name, arch: about?.Arch, selinuxEnforcing: selinuxEnforcing() }, process.arch)) {
      return await undo();
    }
    return {
      containerId,
      spec: { ...spec, name },
      stream,
      listener,
      program,
      engine,
      ...(userSource === 'default' ? { userNote: `[switchyard] the image names no USER: running as ${user} (nobody), not root` } : {}),
    };
  } catch {
    return await undo();
  }
}

/** Removes an early start that no one took: its container, its attach stream, its socket folder. */
export function undoEarlyStart(start: EarlyStart): Promise<void> {
  return removeEarly(start.engine, start.containerId, start.stream, start.listener);
}

async function removeEarly(
  engine: EngineSocketClient,
  containerId: string | undefined,
  stream: Socket | undefined,
  listener: StdioSocketListener | undefined,
): Promise<void> {
  stream?.destroy();
  if (containerId) await engine.request('DELETE', `/containers/${containerId}?force=1`).catch(() => undefined);
  await listener?.close().catch(() => undefined);
}

/** The image's config from its inspect answer; undefined when the engine does not have the image. */
function imageConfig(answer: EngineAnswer): ImageConfig | undefined {
  if (answer.status !== 200) return undefined;
  return (answer.body as { Config?: ImageConfig | null } | undefined)?.Config ?? {};
}

/** Whether servers' stdio goes through the stdio socket unless the engine rules it out (SWITCHYARD_CONTAINER_STDIO). */
function stdioSocketByDefault(env: NodeJS.ProcessEnv): boolean {
  try {
    return containerStdioFromEnv(env) === 'auto';
  } catch {
    return false; // a misspelt mode: the runtime says what is wrong with it
  }
}
