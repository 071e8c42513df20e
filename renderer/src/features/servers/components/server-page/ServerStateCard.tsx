import { useEffect, useState } from 'react';
import type { ServerReadiness } from '../../../../../../shared/catalog-types.js';
import type { ServerStatus } from '../../../../../../shared/domain.js';
import { StartProgress } from '../StartProgress.js';

const stateLook: Record<string, { label: string; dot: string }> = {
  stopped: { label: 'Stopped', dot: 'bg-slate-400' },
  starting: { label: 'Starting', dot: 'bg-amber-500 animate-pulse' },
  running: { label: 'Running', dot: 'bg-emerald-500' },
  stopping: { label: 'Stopping', dot: 'bg-amber-500 animate-pulse' },
  error: { label: 'Error', dot: 'bg-red-600' },
};

/** The container's state in words: pull or build progress while starting, id and uptime while running, the last stderr lines after an error. */
export function ServerStateCard({
  readiness,
  status,
  gatewayRunning,
}: {
  readiness: ServerReadiness;
  status: ServerStatus | undefined;
  gatewayRunning: boolean;
}) {
  const state = !readiness.enabled ? 'disabled' : (status?.state ?? 'stopped');
  const look = stateLook[state] ?? { label: 'Disabled', dot: 'bg-slate-300 dark:bg-slate-600' };
  return (
    <div className="flex flex-col gap-2">
      <p className="flex items-center gap-2 text-base font-semibold text-slate-900 dark:text-slate-100">
        <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${look.dot}`} />
        <span aria-label={`State: ${look.label}`} role="status">
          {look.label}
        </span>
      </p>
      {state === 'disabled' ? <p className="text-sm text-slate-600 dark:text-slate-300">Disabled: no client sees its tools, and it does not start.</p> : null}
      {state === 'stopped' ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">
          {gatewayRunning ? 'Its container starts on the first tool call, or now with Start.' : 'The gateway is stopped: start it to run servers.'}
        </p>
      ) : null}
      {state === 'starting' ? <StartingDetail readiness={readiness} status={status} /> : null}
      {state === 'running' && status ? <RunningDetail status={status} /> : null}
      {state === 'error' && status ? <ErrorDetail status={status} /> : null}
    </div>
  );
}

function StartingDetail({ readiness, status }: { readiness: ServerReadiness; status: ServerStatus | undefined }) {
  if (status?.pull) return <StartProgress server={status} />;
  return (
    <p className="text-sm text-slate-600 dark:text-slate-300">
      {readiness.source.kind === 'npm'
        ? `Building its image from the npm package ${readiness.source.package} (the first start takes a minute)…`
        : 'Starting its container…'}
    </p>
  );
}

function RunningDetail({ status }: { status: ServerStatus }) {
  const now = useNow(1000);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {status.containerId ? (
        <>
          <dt className="text-slate-500 dark:text-slate-400">Container</dt>
          <dd className="font-mono text-slate-900 dark:text-slate-100">{status.containerId.slice(0, 12)}</dd>
        </>
      ) : null}
      {status.startedAt ? (
        <>
          <dt className="text-slate-500 dark:text-slate-400">Up for</dt>
          <dd className="text-slate-900 dark:text-slate-100">{formatDuration(now - status.startedAt)}</dd>
        </>
      ) : null}
    </dl>
  );
}

function ErrorDetail({ status }: { status: ServerStatus }) {
  const tail = status.stderrTail.slice(-8);
  return (
    <div className="flex flex-col gap-2">
      {status.error ? <p className="text-sm whitespace-pre-wrap text-red-800 dark:text-red-200">{status.error}</p> : null}
      {tail.length > 0 ? (
        <pre
          aria-label="Last lines the server wrote"
          tabIndex={0}
          className="max-h-48 overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs whitespace-pre-wrap text-slate-100"
        >
          {tail.join('\n')}
        </pre>
      ) : null}
    </div>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
