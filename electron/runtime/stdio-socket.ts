import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { unpackedFile } from '../core/bundled-files.js';
import { describeEndpoint } from './engine-endpoint.js';

/**
 * A server's stdio over a unix socket instead of Docker's attach stream. Through attach, every message is
 * copied by dockerd and by the containerd shim, with a process wake-up at each: on a small machine that is
 * most of a call's latency. On a local Linux engine the gateway listens on a socket in a private folder,
 * bind-mounts the folder and the static `stdio-socket` program (electron/runtime/stdio-socket.c) into the
 * container, and makes that program the container's entrypoint: it connects, puts the connection on stdin and
 * stdout, and execs the server's own command. The server then talks to the gateway directly. Stderr still
 * goes through Docker (the server's log view). Docker Desktop (a VM), remote engines and other platforms keep
 * the attach stream, as does SWITCHYARD_CONTAINER_STDIO=attach.
 */
export type ContainerStdio = 'auto' | 'attach';

/** Where the program and the socket appear inside the container. */
export const stdioSocketMount = { program: '/.switchyard/stdio-socket', folder: '/.switchyard/io', socket: '/.switchyard/io/stdio.sock' } as const;

export type StdioSocketSupport = { usable: true; program: string } | { usable: false; reason: string };

/** The mode asked for in the environment (SWITCHYARD_CONTAINER_STDIO), `auto` by default. */
export function containerStdioFromEnv(env: NodeJS.ProcessEnv = process.env): ContainerStdio {
  const value = env.SWITCHYARD_CONTAINER_STDIO?.trim();
  if (!value || value === 'auto') return 'auto';
  if (value === 'attach') return 'attach';
  throw new Error(`SWITCHYARD_CONTAINER_STDIO is "${value}": use auto (the default) or attach`);
}

/** Whether this engine can run servers on the stdio socket, and the program to mount when it can. */
export async function stdioSocketSupport(docker: Docker, mode: ContainerStdio, program = stdioSocketProgram()): Promise<StdioSocketSupport> {
  if (mode === 'attach') return { usable: false, reason: 'SWITCHYARD_CONTAINER_STDIO=attach' };
  if (process.platform !== 'linux') return { usable: false, reason: `the engine runs in a VM on ${process.platform}` };
  if (!existsSync(program)) return { usable: false, reason: `${program} is not built (npm run build:node builds it with a C compiler)` };
  const endpoint = describeEndpoint(docker);
  if (!endpoint.startsWith('unix://')) return { usable: false, reason: `the engine at ${endpoint} is not on this machine` };
  // /version, not /info: it answers at once, where /info gathers the engine's whole state first.
  const version = (await docker.version()) as { Platform?: { Name?: string }; Arch?: string };
  return (
    engineProblem({ platform: version.Platform?.Name, arch: version.Arch, selinuxEnforcing: selinuxEnforcing() }, process.arch) ?? { usable: true, program }
  );
}

/** Why an engine (from `docker version`) cannot share this machine's sockets and binaries; undefined when it can. */
export function engineProblem(
  engine: { platform?: string | undefined; arch?: string | undefined; selinuxEnforcing: boolean },
  hostArch: string,
): StdioSocketSupport | undefined {
  if (/docker desktop/i.test(engine.platform ?? '')) return { usable: false, reason: 'Docker Desktop runs containers in a VM' };
  // A container may not use a bind-mounted file that SELinux did not relabel for it.
  if (engine.selinuxEnforcing) return { usable: false, reason: 'SELinux is enforcing on this machine' };
  const arch = ({ x86_64: 'x64', amd64: 'x64', aarch64: 'arm64', arm64: 'arm64' } as Record<string, string>)[engine.arch ?? ''];
  if (arch !== hostArch) return { usable: false, reason: `the engine's architecture (${engine.arch ?? 'unknown'}) is not this machine's (${hostArch})` };
  return undefined;
}

/** Whether SELinux enforces its policy here (a bind-mounted program then needs a label it does not have). */
export function selinuxEnforcing(): boolean {
  try {
    return readFileSync('/sys/fs/selinux/enforce', 'utf8').trim() === '1';
  } catch {
    return false;
  }
}

const folderPrefix = 'switchyard-io-';
/** `<prefix><gateway pid>-<mkdtemp suffix>`: the pid says whose folder it is. */
const folderName = new RegExp(`^${folderPrefix}(\\d+)-[A-Za-z0-9]{6}$`);

/**
 * Removes the socket folders of gateway processes that are gone (killed before they could clean up); folders
 * of live processes, and anything not ours, stay. Returns how many went.
 */
export async function sweepStdioSocketFolders(isAlive: (pid: number) => boolean, dir = os.tmpdir()): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const stale = names.filter((name) => {
    const pid = folderName.exec(name)?.[1];
    return pid !== undefined && Number(pid) !== process.pid && !isAlive(Number(pid));
  });
  await Promise.all(stale.map((name) => rm(path.join(dir, name), { recursive: true, force: true }).catch(() => undefined)));
  return stale.length;
}

export function stdioSocketProgram(): string {
  return unpackedFile(path.join('dist', 'stdio-socket', `stdio-socket-linux-${process.arch}`));
}

/** The container spec for running `command` (the server's entrypoint and arguments) behind the stdio socket. */
export function withStdioSocket(
  spec: Docker.ContainerCreateOptions,
  command: readonly string[],
  program: string,
  folder: string,
): Docker.ContainerCreateOptions {
  const { Cmd: _cmd, ...rest } = spec;
  const mounts = [
    ...(spec.HostConfig?.Mounts ?? []),
    { Type: 'bind' as const, Source: program, Target: stdioSocketMount.program, ReadOnly: true },
    { Type: 'bind' as const, Source: folder, Target: stdioSocketMount.folder, ReadOnly: true },
  ];
  return {
    ...rest,
    // With an entrypoint given, Docker ignores the image's Cmd: the whole command is spelled out here.
    Entrypoint: [stdioSocketMount.program, stdioSocketMount.socket, ...command],
    AttachStdin: false,
    OpenStdin: false,
    StdinOnce: false,
    HostConfig: { ...spec.HostConfig, Mounts: mounts },
  };
}

/** The command a container of `image` runs: its entrypoint, then the spec's Cmd or else the image's. */
export function serverCommand(spec: Docker.ContainerCreateOptions, image: { Entrypoint?: string[] | string | null; Cmd?: string[] | string | null }): string[] {
  return [...words(image.Entrypoint), ...(spec.Cmd !== undefined ? words(spec.Cmd) : words(image.Cmd))];
}

function words(value: string[] | string | null | undefined): string[] {
  if (!value) return [];
  // A string form is a shell command line (Docker runs it with /bin/sh -c).
  return typeof value === 'string' ? ['/bin/sh', '-c', value] : value;
}

/**
 * The gateway's end: a socket in a fresh folder, accepting exactly one connection. The folder (mounted into
 * the container) is traversable by any user, since the server may run as any; it sits in a parent only this
 * process's user can enter (0700), so on the host nobody else reaches the socket. Both go when it closes.
 */
export class StdioSocketListener {
  private connection: Socket | undefined;

  private constructor(
    private readonly parent: string,
    readonly folder: string,
    private readonly server: Server,
    private readonly connected: Promise<Socket>,
  ) {}

  static async open(): Promise<StdioSocketListener> {
    const parent = await mkdtemp(path.join(os.tmpdir(), `${folderPrefix}${process.pid}-`));
    try {
      const folder = path.join(parent, 'io');
      await mkdir(folder, { mode: 0o711 });
      await chmod(folder, 0o711); // whatever the umask
      const server = createServer();
      const connected = new Promise<Socket>((resolve) => server.once('connection', resolve));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(path.join(folder, 'stdio.sock'), () => resolve());
      });
      await chmod(path.join(folder, 'stdio.sock'), 0o666);
      const listener = new StdioSocketListener(parent, folder, server, connected);
      void connected.then((socket) => {
        listener.connection = socket;
        server.close(); // one container, one connection: nobody else gets in
      });
      return listener;
    } catch (error) {
      await rm(parent, { recursive: true, force: true });
      throw error;
    }
  }

  /** The container's connection, once its stdio-socket program made it. */
  accepted(): Promise<Socket> {
    return this.connected;
  }

  async close(): Promise<void> {
    this.connection?.destroy();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.parent, { recursive: true, force: true });
  }
}
