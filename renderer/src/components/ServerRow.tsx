import type { ServerStatus } from '../../../shared/domain.js';
import type { PendingAction } from '../store/gateway-store.js';
import { Button } from './Button.js';
import { StateBadge } from './StateBadge.js';

interface ServerRowProps {
  server: ServerStatus;
  pending: PendingAction | undefined;
  /** False while disconnected: the engine could not answer. */
  enabled: boolean;
  onStart: () => void;
  onStop: () => void;
}

export function ServerRow({ server, pending, enabled, onStart, onStop }: ServerRowProps) {
  const { name, state } = server;
  const canStart = enabled && !pending && (state === 'stopped' || state === 'error');
  const canStop = enabled && !pending && state !== 'stopped';
  return (
    <li data-testid={`server-row-${name}`} className="px-4 py-3">
      <div className="flex items-center gap-3">
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <span className="font-medium">{name}</span>
            <StateBadge state={state} testId={`server-state-${name}`} />
          </div>
          <div className="mt-0.5 truncate font-mono text-xs text-slate-500">
            {server.image}
            {server.containerId && <span title={server.containerId}> · {server.containerId.slice(0, 12)}</span>}
          </div>
        </div>
        <Button data-testid={`server-start-${name}`} disabled={!canStart} onClick={onStart}>
          {pending === 'start' ? 'Starting…' : 'Start'}
        </Button>
        <Button data-testid={`server-stop-${name}`} disabled={!canStop} onClick={onStop}>
          {pending === 'stop' ? 'Stopping…' : 'Stop'}
        </Button>
      </div>
      {server.pull && (
        <p className="mt-2 text-sm text-slate-600" data-testid={`server-pull-${server.name}`}>
          Pulling image: {server.pull.status}
          {server.pull.total > 0 ? ` ${Math.round((server.pull.current / server.pull.total) * 100)}%` : ''}
        </p>
      )}
      {server.error && <p className="mt-2 text-sm text-red-700">{server.error}</p>}
      {server.stderrTail.length > 0 && (
        <pre className="mt-2 max-h-40 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100">{server.stderrTail.join('\n')}</pre>
      )}
    </li>
  );
}
