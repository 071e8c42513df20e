import { Plug } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ClientRow } from '../../../../../shared/catalog-types.js';
import { Badge } from '../../../ui/badge.js';
import { Button } from '../../../ui/button.js';
import { LoadingState } from '../../../ui/states.js';
import { ClientChangeDialog } from '../../clients/components/ClientChangeDialog.js';
import { ClientStateBadge } from '../../clients/components/ClientStateBadge.js';
import { useClients } from '../../clients/hooks/use-client-queries.js';

/** Connect an AI app: the ones found on this machine first, each through the same plan-then-write dialog as Clients. */
export function ClientStep({ onConnected }: { onConnected: () => void }) {
  const clients = useClients();
  const [connecting, setConnecting] = useState<ClientRow | undefined>();
  const rows = [...(clients.data ?? [])].sort((a, b) => Number(b.installed) - Number(a.installed));
  const connected = rows.some((row) => row.state === 'connected');
  useEffect(() => {
    if (connected) onConnected();
  }, [connected, onConnected]);
  if (clients.isPending) return <LoadingState label="Looking for your AI apps…" />;
  const detected = rows.filter((row) => row.installed);
  const shown = detected.length > 0 ? [...detected, ...rows.filter((row) => !row.installed).slice(0, 3)] : rows.slice(0, 5);
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {detected.length > 0
          ? `Found on this machine: ${detected.map((row) => row.name).join(', ')}.`
          : 'No AI app found on this machine yet; you can connect one before installing it.'}{' '}
        Connect shows exactly what will be written to the app’s config file first.
      </p>
      <ul aria-label="AI apps to connect" className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {shown.map((row) => (
          <li key={row.id} aria-label={row.name} className="flex flex-wrap items-center gap-2 px-3 py-2">
            <span className="flex-1 text-sm font-medium">{row.name}</span>
            {row.installed && <Badge tone="blue">Installed</Badge>}
            <ClientStateBadge state={row.state} />
            {row.state !== 'connected' && (
              <Button size="sm" variant="primary" disabled={row.state === 'unreadable'} aria-label={`Connect ${row.name}`} onClick={() => setConnecting(row)}>
                <Plug className="h-3.5 w-3.5" aria-hidden />
                Connect
              </Button>
            )}
          </li>
        ))}
      </ul>
      {connecting && <ClientChangeDialog client={connecting} action="connect" onClose={() => setConnecting(undefined)} />}
    </div>
  );
}
