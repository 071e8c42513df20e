import type Docker from 'dockerode';
import { containerLabels, type OwnerIdentity } from './labels.js';
import type { ImageConfig } from './image-pull.js';
import { defaultLimits, type ServerDefinition } from './server-definition.js';

/** nobody:nogroup: the user a server runs as when its image names none (root otherwise) and nobody asked for root. */
export const defaultContainerUser = '65534:65534';

/**
 * The container a server runs in, with the security profile of the design note: no network unless asked,
 * every capability dropped, no privilege escalation, memory/CPU/pids limits, read-only root with a small
 * tmpfs, and only the environment the server definition names (never the host's).
 */
export function buildContainerSpec(server: ServerDefinition, owner: OwnerIdentity, nameSuffix: string): Docker.ContainerCreateOptions {
  return {
    name: `switchyard-${server.name}-${nameSuffix}`,
    Image: server.image,
    ...(server.command && server.command.length > 0 ? { Cmd: server.command } : {}),
    ...(server.user ? { User: server.user } : {}),
    Env: Object.entries(server.env ?? {}).map(([key, value]) => `${key}=${value}`),
    Labels: containerLabels(server.name, owner),
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    StdinOnce: false,
    Tty: false,
    HostConfig: containerHostConfig(server),
  };
}

/** The container's confinement (network, capabilities, limits, file systems): what `server inspect` reports too. */
export function containerHostConfig(server: ServerDefinition): Docker.HostConfig {
  const limits = { ...defaultLimits, ...server.limits };
  const readOnly = server.readOnlyRootfs ?? true;
  return {
    NetworkMode: server.network ? 'bridge' : 'none',
    CapDrop: ['ALL'],
    SecurityOpt: ['no-new-privileges'],
    Memory: limits.memoryMb * 1024 * 1024,
    MemorySwap: limits.memoryMb * 1024 * 1024,
    NanoCpus: Math.round(limits.cpus * 1e9),
    PidsLimit: limits.pids,
    ReadonlyRootfs: readOnly,
    Tmpfs: { '/tmp': 'rw,noexec,nosuid,size=64m' },
    ...(server.mounts && server.mounts.length > 0
      ? { Mounts: server.mounts.map((mount) => ({ Type: mount.type, Source: mount.source, Target: mount.target, ReadOnly: mount.readOnly })) }
      : {}),
    Init: false,
    AutoRemove: false,
  };
}

/**
 * Who the container runs as: the user the settings name, else the image's USER, else nobody (65534) unless the
 * server is marked to run as root. `source` says which, for status and `server inspect`.
 */
export function containerUser(
  server: Pick<ServerDefinition, 'user' | 'runAsRoot'>,
  image: Pick<ImageConfig, 'User'>,
): { user?: string; userSource: 'settings' | 'image' | 'default' | 'root-allowed' } {
  if (server.user) return { user: server.user, userSource: 'settings' };
  // An image that names a user, root included, chose it; only an image that names none gets nobody.
  if (image.User?.trim()) return { userSource: 'image' };
  if (server.runAsRoot) return { userSource: 'root-allowed' };
  return { user: defaultContainerUser, userSource: 'default' };
}
