import { Link } from '@tanstack/react-router';
import { Boxes, Play, Plus, Square } from 'lucide-react';
import { useState } from 'react';
import type { ServerStatus } from '../../../../../shared/domain.js';
import { useConnectionStatus } from '../../../api/api-context.js';
import { useGatewayStatus, useServerPower } from '../../../api/gateway-queries.js';
import { useFirstScreenMark } from '../../../api/use-first-screen-mark.js';
import { Button } from '../../../ui/button.js';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states.js';
import { canStart } from '../lib/container-state.js';
import { AddServerDialog } from './AddServerDialog.js';
import { ServerStateBadge } from './ServerStateBadge.js';
import { StartProgress } from './StartProgress.js';

/** My servers: every enabled server with its container's state, Start/Stop, and a way to add a custom one. */
export function ServersPage() {
  const gateway = useGatewayStatus();
  const [adding, setAdding] = useState(false);
  const servers = gateway.data?.servers ?? [];
  useFirstScreenMark(gateway.data !== undefined);

  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-5xl space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
            My servers
          </h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Servers your AI apps reach through Switchyard. Each starts in its own container on first call.
          </p>
        </div>
        <Button variant="primary" onClick={() => setAdding(true)}>
          <Plus className="h-4 w-4" aria-hidden />
          Add server
        </Button>
      </div>
      {gateway.isPending ? (
        <LoadingState label="Loading your servers…" />
      ) : gateway.isError ? (
        <ErrorState title="Could not read the servers" error={gateway.error} action={<Button onClick={() => void gateway.refetch()}>Try again</Button>} />
      ) : servers.length === 0 ? (
        <EmptyState
          icon={<Boxes className="h-10 w-10" />}
          title="No servers enabled yet"
          action={
            <Link
              to="/catalog"
              className="inline-flex h-9 items-center rounded-md bg-blue-600 px-4 text-sm font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:bg-blue-500 dark:text-slate-950"
            >
              Browse the catalog
            </Link>
          }
        >
          Switch a server on in the catalog, or add your own image, npm package or remote URL with Add server.
        </EmptyState>
      ) : (
        <ul
          aria-label="Enabled servers"
          className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
        >
          {servers.map((server) => (
            <ServerRow key={server.name} server={server} />
          ))}
        </ul>
      )}
      <AddServerDialog open={adding} onOpenChange={setAdding} />
    </section>
  );
}

function ServerRow({ server }: { server: ServerStatus }) {
  const power = useServerPower();
  const connection = useConnectionStatus();
  const start = canStart(server.state);
  const busy = power.isPending || server.state === 'starting' || server.state === 'stopping';
  return (
    <li aria-label={server.name} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
      <div className="min-w-0 flex-1">
        <Link
          to="/servers/$name"
          params={{ name: server.name }}
          className="font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300"
        >
          {server.name}
        </Link>
        <p className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">
          {server.image}
          {server.containerId && <span> · container {server.containerId.slice(0, 12)}</span>}
        </p>
        {server.state === 'starting' && <StartProgress server={server} className="mt-2" />}
        {server.state === 'error' && server.error && (
          <p className="mt-1 max-h-40 overflow-auto text-sm break-words whitespace-pre-wrap text-red-700 dark:text-red-300">{server.error}</p>
        )}
      </div>
      <ServerStateBadge server={server} />
      <Button
        size="sm"
        variant={start ? 'primary' : 'secondary'}
        disabled={busy || connection.state !== 'connected'}
        aria-label={`${start ? 'Start' : 'Stop'} ${server.name}`}
        onClick={() => power.mutate({ name: server.name, action: start ? 'start' : 'stop' })}
      >
        {start ? <Play className="h-3.5 w-3.5" aria-hidden /> : <Square className="h-3.5 w-3.5" aria-hidden />}
        {start ? 'Start' : 'Stop'}
      </Button>
    </li>
  );
}
