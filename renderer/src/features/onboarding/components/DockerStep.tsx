import { RefreshCw } from 'lucide-react';
import { useEffect } from 'react';
import { Button } from '../../../ui/button.js';
import { LoadingState } from '../../../ui/states.js';
import { useDockerCheck } from '../hooks/use-first-run.js';
import { dockerFix } from '../lib/docker-fix.js';

/** Is the Docker engine reachable? If not, the exact fix for this problem on this OS, and a re-check. */
export function DockerStep({ onReachable }: { onReachable: () => void }) {
  const check = useDockerCheck();
  const reachable = check.data?.reachable === true;
  useEffect(() => {
    if (reachable) onReachable();
  }, [reachable, onReachable]);
  if (check.isPending) return <LoadingState label="Asking the Docker engine…" />;
  if (check.isError || !check.data) return <p className="text-sm">Could not ask the engine about Docker.</p>;
  if (check.data.reachable) {
    return <p className="text-sm">The Docker engine answers at {check.data.endpoint}: servers can run in their containers.</p>;
  }
  const fix = dockerFix(check.data);
  return (
    <div
      role="alert"
      className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <p className="font-medium">{fix.summary}</p>
      <ol className="list-decimal space-y-1 pl-5">
        {fix.steps.map((step) => (
          <li key={step} className="font-mono text-xs break-words">
            {step}
          </li>
        ))}
      </ol>
      {check.data.detail && <p className="text-xs opacity-80">{check.data.detail}</p>}
      <Button size="sm" onClick={() => void check.refetch()} disabled={check.isFetching}>
        <RefreshCw className="h-3.5 w-3.5" aria-hidden />
        Check again
      </Button>
    </div>
  );
}
