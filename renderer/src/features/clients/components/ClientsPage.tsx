import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { FolderPlus, MonitorSmartphone, Plug, Unplug, Wrench } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ClientRow } from '../../../../../shared/catalog-types.js';
import { Badge } from '../../../ui/badge.js';
import { Button } from '../../../ui/button.js';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states.js';
import { useClients } from '../hooks/use-client-queries.js';
import { ClientStateBadge } from './ClientStateBadge.js';
import { ClientChangeDialog, type ClientAction, type ProjectTarget } from './ClientChangeDialog.js';
import { ClientProjectList } from './ClientProjectList.js';

/**
 * Clients: every supported AI app, whether it is installed, its config file and state, Connect / Disconnect /
 * Repair. The rows follow the files on disk (clients.changed); `?repair=ID` (a toast's Repair) opens that dialog.
 */
export function ClientsPage() {
  const clients = useClients();
  const [changing, setChanging] = useState<{ client: ClientRow; action: ClientAction; project?: ProjectTarget } | undefined>();
  const rows = clients.data ?? [];
  const { repair } = useSearch({ strict: false }) as { repair?: string };
  const navigate = useNavigate();
  useEffect(() => {
    if (!repair || !clients.data) return;
    const row = clients.data.find((candidate) => candidate.id === repair);
    // Already put right (or unreadable: nothing to write into) by the time the toast was clicked: no dialog.
    if (row?.state === 'stale' || row?.state === 'not-connected') setChanging({ client: row, action: row.state === 'stale' ? 'repair' : 'connect' });
    void navigate({ to: '/clients', search: {}, replace: true });
  }, [repair, clients.data, navigate]);
  const detected = rows.filter((row) => row.installed || row.state !== 'not-connected');

  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-5xl space-y-5">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
          Clients
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          AI apps that reach your servers through Switchyard. Connect adds one entry to the app’s config file.
        </p>
      </div>
      {clients.isPending ? (
        <LoadingState label="Looking for your AI apps…" />
      ) : clients.isError ? (
        <ErrorState title="Could not read the clients" error={clients.error} action={<Button onClick={() => void clients.refetch()}>Try again</Button>} />
      ) : (
        <>
          {detected.length === 0 && (
            <EmptyState icon={<MonitorSmartphone className="h-10 w-10" />} title="No AI app detected">
              Switchyard supports {rows.map((row) => row.name).join(', ')}. Install one from its maker’s site, open it once so it creates its config folder,
              then come back here to connect it. You can also connect an app below before installing it.
            </EmptyState>
          )}
          <ul
            aria-label="Supported apps"
            className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
          >
            {rows.map((row) => (
              <ClientRowView key={row.id} client={row} onAction={(action, project) => setChanging({ client: row, action, ...(project ? { project } : {}) })} />
            ))}
          </ul>
        </>
      )}
      {changing && (
        <ClientChangeDialog
          key={`${changing.client.id}-${changing.action}-${changing.project?.dir ?? (changing.project ? 'new' : 'global')}`}
          client={changing.client}
          action={changing.action}
          {...(changing.project ? { project: changing.project } : {})}
          onClose={() => setChanging(undefined)}
        />
      )}
    </section>
  );
}

function ClientRowView({ client, onAction }: { client: ClientRow; onAction: (action: ClientAction, project?: ProjectTarget) => void }) {
  return (
    <li aria-label={client.name} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
      <span
        aria-hidden
        className="flex h-9 w-9 shrink-0 items-center justify-center rounded-md bg-slate-200 text-sm font-semibold text-slate-800 dark:bg-slate-700 dark:text-slate-100"
      >
        {initials(client.name)}
      </span>
      <div className="min-w-[12rem] flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{client.name}</span>
          <Badge tone={client.installed ? 'blue' : 'neutral'}>{client.installed ? 'Installed' : 'Not detected'}</Badge>
        </div>
        <p className="font-mono text-xs break-all text-slate-600 dark:text-slate-400">{client.file}</p>
        {(client.state === 'connected' || client.state === 'stale') && (
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
            Profile:{' '}
            {client.profile ? (
              <Link
                to="/servers"
                search={{ profile: client.profile }}
                className="font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300"
              >
                {client.profile}
              </Link>
            ) : (
              <span className="font-medium">default</span>
            )}
          </p>
        )}
        {client.state === 'unreadable' && client.reason && <p className="mt-1 text-sm text-red-700 dark:text-red-300">{client.reason}</p>}
        {client.state === 'stale' && (
          <p className="mt-1 text-sm text-amber-800 dark:text-amber-200">Switchyard’s entry points at an old command or port: repair it.</p>
        )}
      </div>
      <ClientStateBadge state={client.state} />
      {client.state === 'connected' || client.state === 'stale' ? (
        <div className="flex flex-wrap gap-2">
          {client.state === 'stale' && (
            <Button size="sm" variant="primary" aria-label={`Repair ${client.name}`} onClick={() => onAction('repair')}>
              <Wrench className="h-3.5 w-3.5" aria-hidden />
              Repair
            </Button>
          )}
          <Button size="sm" aria-label={`Disconnect ${client.name}`} onClick={() => onAction('disconnect')}>
            <Unplug className="h-3.5 w-3.5" aria-hidden />
            Disconnect
          </Button>
        </div>
      ) : (
        <Button size="sm" variant="primary" disabled={client.state === 'unreadable'} aria-label={`Connect ${client.name}`} onClick={() => onAction('connect')}>
          <Plug className="h-3.5 w-3.5" aria-hidden />
          Connect
        </Button>
      )}
      {client.projectScope && (
        <Button size="sm" aria-label={`Connect a project to ${client.name}`} onClick={() => onAction('connect', {})}>
          <FolderPlus className="h-3.5 w-3.5" aria-hidden />
          Connect a project
        </Button>
      )}
      {client.projects.length > 0 && <ClientProjectList client={client} onAction={(action, dir) => onAction(action, { dir })} />}
    </li>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}
