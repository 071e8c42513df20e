import type { ContainerPermissions } from '../../shared/container-permissions.js';

/** `server inspect`'s "container" block: what the server's container is allowed, one fact a line. */
export function describeContainerPermissions(container: ContainerPermissions): string[] {
  const lines = [
    '  container:',
    `    image:        ${container.pullPolicy === 'build-if-missing' ? 'built here from the npm package when the engine lacks it' : 'pulled when the engine lacks it'}`,
    `    network:      ${networkText(container.network)}`,
    `    file system:  ${container.readOnlyRootfs ? 'read-only root' : 'writable root'}; writable: ${container.writable.map(writableText).join(', ') || 'nothing'}`,
  ];
  for (const mount of container.mounts) lines.push(`    mount:        ${mountText(mount)}`);
  if (container.mountsPending) lines.push("    mounts:       the entry's volumes are known once its config is set");
  lines.push(
    `    limits:       ${container.limits.memoryMb} MB memory, ${container.limits.cpus} CPU${container.limits.cpus === 1 ? '' : 's'}, ${container.limits.pids} processes`,
    `    user:         ${userText(container.user)}`,
    `    capabilities: ${capabilitiesText(container)}`,
  );
  if (container.perSession) lines.push('    sessions:     one container per client session');
  return lines;
}

function networkText(network: ContainerPermissions['network']): string {
  const hosts = network.allowHosts.length > 0 ? ` (the entry needs ${network.allowHosts.join(', ')})` : '';
  return network.mode === 'none' ? `none${hosts}` : `on (Docker bridge: the internet and your network)${hosts}`;
}

function writableText(path: ContainerPermissions['writable'][number]): string {
  switch (path.kind) {
    case 'rootfs':
      return '/ (the whole root)';
    case 'tmpfs':
      return `${path.path} (in memory${path.sizeMb !== undefined ? `, ${path.sizeMb} MB` : ''})`;
    default:
      return `${path.path} (${path.kind === 'bind' ? 'a folder of this machine' : 'a Docker volume'})`;
  }
}

function mountText(mount: ContainerPermissions['mounts'][number]): string {
  const source = mount.type === 'bind' ? mount.source : `volume ${mount.source}`;
  return `${source} -> ${mount.target} (${mount.readOnly ? 'read-only' : 'read-write'})`;
}

function userText(user: ContainerPermissions['user']): string {
  switch (user.source) {
    case 'settings':
      return `${user.value} (set for this server)`;
    case 'catalog':
      return `${user.value} (set by the catalog entry)`;
    case 'image-or-root':
      return "the image's USER, or root if it names none (runAsRoot)";
    case 'image-or-nobody':
      return `the image's USER, or ${user.fallback ?? '65534:65534'} (nobody) if it names none`;
  }
}

function capabilitiesText(container: ContainerPermissions): string {
  const dropped = container.capabilities.dropped.includes('ALL') ? 'all dropped' : `dropped: ${container.capabilities.dropped.join(', ') || 'none'}`;
  const added = container.capabilities.added.length > 0 ? `; added: ${container.capabilities.added.join(', ')}` : '';
  return `${dropped}${added}${container.noNewPrivileges ? '; no privilege escalation' : ''}`;
}
