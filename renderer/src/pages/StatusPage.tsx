import { useStore } from 'zustand';
import type { GatewayStore } from '../store/gateway-store.js';
import { Button } from '../components/Button.js';
import { ConnectionLabel, ConnectionNotice } from '../components/Connection.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { ServerRow } from '../components/ServerRow.js';
import { StateBadge } from '../components/StateBadge.js';

export function StatusPage({ store }: { store: GatewayStore }) {
  const { status, connection, lastError, gatewayPending, serverPending } = useStore(store);
  const actions = store.getState();
  const connected = connection.state === 'connected';

  return (
    <main className="mx-auto max-w-3xl space-y-4 p-6">
      <header className="flex items-center justify-between gap-4">
        <h1 className="text-xl font-semibold">Switchyard</h1>
        <ConnectionLabel connection={connection} />
      </header>
      <ConnectionNotice connection={connection} />

      {lastError && <ErrorAlert error={lastError} onDismiss={actions.dismissError} />}

      {status && (
        // Dimmed while disconnected: the figures are the last the engine reported, perhaps stale.
        <div className={`space-y-4 ${connected ? '' : 'opacity-60'}`}>
          <section className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3">
            <span className="font-medium">Gateway</span>
            <StateBadge state={status.state} testId="gateway-state" />
            <span className="flex-1 text-sm text-slate-500">
              v{status.version} · {status.sessions} {status.sessions === 1 ? 'session' : 'sessions'}
            </span>
            <Button variant="primary" disabled={!connected || !!gatewayPending || status.state === 'running'} onClick={actions.startGateway}>
              {gatewayPending === 'start' ? 'Starting…' : 'Start gateway'}
            </Button>
            <Button disabled={!connected || !!gatewayPending || status.state === 'stopped'} onClick={actions.stopGateway}>
              {gatewayPending === 'stop' ? 'Stopping…' : 'Stop gateway'}
            </Button>
          </section>

          <section className="rounded-lg border border-slate-200 bg-white">
            <h2 className="border-b border-slate-200 px-4 py-2 text-sm font-medium text-slate-600">Servers</h2>
            {status.servers.length === 0 ? (
              <p className="px-4 py-3 text-sm text-slate-500">No servers enabled.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {status.servers.map((server) => (
                  <ServerRow
                    key={server.name}
                    server={server}
                    pending={serverPending[server.name]}
                    enabled={connected}
                    onStart={() => void actions.startServer(server.name)}
                    onStop={() => void actions.stopServer(server.name)}
                  />
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </main>
  );
}
