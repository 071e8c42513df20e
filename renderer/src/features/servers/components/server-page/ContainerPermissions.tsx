import { ShieldCheck } from 'lucide-react';
import type { ContainerPermissions as Permissions } from '../../../../../../shared/container-permissions.js';

/**
 * What the server's container is allowed, as the engine will create it: network, file system, volumes,
 * limits, the user it runs as, capabilities and where its image comes from. A term/description list, so a
 * screen reader reads each fact with its name.
 */
export function ContainerPermissions({ container }: { container: Permissions }) {
  const facts: Array<[string, string]> = [
    ['Network', networkText(container.network)],
    ['File system', container.readOnlyRootfs ? 'Read-only' : 'Writable: the server can change its whole root file system'],
    ['Can write to', container.writable.map(writableText).join(', ') || 'Nowhere'],
    ['Volumes', volumesText(container)],
    [
      'Limits',
      `${container.limits.memoryMb} MB memory, ${container.limits.cpus} ${container.limits.cpus === 1 ? 'CPU' : 'CPUs'}, ${container.limits.pids} processes`,
    ],
    ['Runs as', userText(container.user)],
    ['Capabilities', capabilitiesText(container)],
    ['Image', container.pullPolicy === 'build-if-missing' ? 'Built here from its npm package when Docker lacks it' : 'Pulled when Docker lacks it'],
    ['Containers', container.perSession ? 'One per client session' : 'One, shared by every client'],
  ];
  return (
    <section aria-labelledby="server-container-title">
      <h2 id="server-container-title" className="mb-2 flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
        <ShieldCheck aria-hidden="true" className="h-4 w-4 text-emerald-600 dark:text-emerald-400" />
        What its container is allowed
      </h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        {facts.map(([term, description]) => (
          <div key={term} className="contents">
            <dt className="text-slate-500 sm:mt-0 dark:text-slate-400">{term}</dt>
            <dd className="mb-1 break-words text-slate-900 sm:mb-0 dark:text-slate-100">{description}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function networkText(network: Permissions['network']): string {
  const hosts = network.allowHosts.length > 0 ? ` (the catalog entry needs ${network.allowHosts.join(', ')})` : '';
  return network.mode === 'none' ? `None: it cannot reach the internet or your network${hosts}` : `On: the internet and your network (Docker bridge)${hosts}`;
}

function writableText(path: Permissions['writable'][number]): string {
  switch (path.kind) {
    case 'rootfs':
      return 'anywhere (/)';
    case 'tmpfs':
      return `${path.path} (in memory${path.sizeMb !== undefined ? `, ${path.sizeMb} MB` : ''}, cleared at stop)`;
    case 'bind':
      return `${path.path} (a folder of this computer)`;
    case 'volume':
      return `${path.path} (a Docker volume)`;
  }
}

function volumesText(container: Permissions): string {
  const mounts = container.mounts.map(
    (mount) => `${mount.type === 'bind' ? mount.source : `volume ${mount.source}`} at ${mount.target} (${mount.readOnly ? 'read-only' : 'read-write'})`,
  );
  if (container.mountsPending) mounts.push('known once its configuration is set');
  return mounts.join('; ') || 'None: no folder of this computer is visible to it';
}

function userText(user: Permissions['user']): string {
  switch (user.source) {
    case 'settings':
      return `${user.value} (set for this server)`;
    case 'catalog':
      return `${user.value} (set by its catalog entry)`;
    case 'image-or-root':
      return "The image's user, or root when the image names none (allowed for this server)";
    case 'image-or-nobody':
      return `The image's user, or nobody (${user.fallback ?? '65534:65534'}) when the image names none — not root`;
  }
}

function capabilitiesText(container: Permissions): string {
  const dropped = container.capabilities.dropped.includes('ALL')
    ? 'All Linux capabilities dropped'
    : `Dropped: ${container.capabilities.dropped.join(', ') || 'none'}`;
  const added = container.capabilities.added.length > 0 ? `; added back: ${container.capabilities.added.join(', ')}` : '';
  return `${dropped}${added}${container.noNewPrivileges ? '; it cannot gain privileges' : ''}`;
}
