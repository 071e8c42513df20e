import type { ContainerPermissions } from '../../shared/container-permissions.js';
import { containerHostConfig, defaultContainerUser } from '../runtime/container-spec.js';
import type { ServerDefinition } from '../runtime/server-definition.js';

export interface PermissionFacts {
  /** Where `definition.user` came from, when it is set. */
  userFrom?: 'settings' | 'catalog';
  /** The hosts the catalog entry says it needs. */
  allowHosts?: string[];
  /** The entry's volumes wait for config values not set yet. */
  mountsPending?: boolean;
}

/**
 * What the container of this server definition is allowed, read from the same Docker options the runtime
 * creates it with (containerHostConfig), so what `server inspect` and the window show is what runs.
 */
export function containerPermissionsOf(definition: ServerDefinition, facts: PermissionFacts = {}): ContainerPermissions {
  const host = containerHostConfig(definition);
  const mounts = (host.Mounts ?? []).map((mount) => ({
    type: mount.Type === 'volume' ? ('volume' as const) : ('bind' as const),
    source: mount.Source ?? '',
    target: mount.Target ?? '',
    readOnly: mount.ReadOnly === true,
  }));
  const tmpfs = Object.entries(host.Tmpfs ?? {}).map(([path, options]) => ({ path, kind: 'tmpfs' as const, ...tmpfsSize(options) }));
  const writable: ContainerPermissions['writable'] = [
    ...(host.ReadonlyRootfs ? [] : [{ path: '/', kind: 'rootfs' as const }]),
    ...tmpfs,
    ...mounts.filter((mount) => !mount.readOnly).map((mount) => ({ path: mount.target, kind: mount.type })),
  ];
  return {
    image: definition.image,
    pullPolicy: definition.build ? 'build-if-missing' : 'if-missing',
    network: { mode: host.NetworkMode === 'none' ? 'none' : 'bridge', allowHosts: facts.allowHosts ?? [] },
    readOnlyRootfs: host.ReadonlyRootfs === true,
    writable,
    mounts,
    ...(facts.mountsPending ? { mountsPending: true } : {}),
    limits: {
      memoryMb: Math.round((host.Memory ?? 0) / (1024 * 1024)),
      cpus: (host.NanoCpus ?? 0) / 1e9,
      pids: host.PidsLimit ?? 0,
    },
    user: definition.user
      ? { source: facts.userFrom ?? 'settings', value: definition.user }
      : definition.runAsRoot
        ? { source: 'image-or-root' }
        : { source: 'image-or-nobody', fallback: defaultContainerUser },
    capabilities: { dropped: host.CapDrop ?? [], added: host.CapAdd ?? [] },
    noNewPrivileges: (host.SecurityOpt ?? []).includes('no-new-privileges'),
    perSession: definition.perSession === true,
  };
}

/** `size=64m` of a tmpfs's options, in MB. */
function tmpfsSize(options: string): { sizeMb?: number } {
  const match = /(?:^|,)size=(\d+)([kmg]?)(?:,|$)/i.exec(options);
  if (!match) return {};
  const factor = { '': 1 / (1024 * 1024), k: 1 / 1024, m: 1, g: 1024 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return { sizeMb: Number(match[1]) * factor };
}
