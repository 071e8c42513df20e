import type { ConnectionStatus } from '../api/connect.js';

const labels = {
  connecting: 'Connecting…',
  connected: 'Connected',
  disconnected: 'Disconnected',
  unauthorized: 'Unauthorized',
} as const;

const tones = {
  connecting: 'text-slate-500',
  connected: 'text-emerald-700',
  disconnected: 'text-red-700',
  unauthorized: 'text-red-700',
} as const;

/** Always rendered, so both users and tests can tell a dead page from an idle one. */
export function ConnectionLabel({ connection }: { connection: ConnectionStatus }) {
  return (
    <span data-testid="connection-state" data-state={connection.state} className={`text-sm font-medium ${tones[connection.state]}`}>
      {labels[connection.state]}
    </span>
  );
}

/** What to do about a connection that is not up; nothing once connected. */
export function ConnectionNotice({ connection }: { connection: ConnectionStatus }) {
  if (!connection.detail) return null;
  return (
    <p data-testid="connection-detail" className="rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-600">
      {connection.detail}
    </p>
  );
}
