import type { ServerStatus } from '../../../../../shared/domain.js';
import { Progress } from '../../../ui/progress.js';
import { pullAmount, pullPercent, pullTitle } from '../lib/pull-progress.js';

/**
 * A starting server's image pull or npm build: what it does now (the pull's status, or the build's step) and
 * how far, with a bar. Nothing when the engine reports no pull or build.
 */
export function StartProgress({ server, className }: { server: ServerStatus; className?: string }) {
  const pull = server.pull;
  if (!pull) return null;
  const title = pullTitle({ ...server, pull });
  const amount = pullAmount(pull);
  return (
    <div className={className}>
      <p className="text-sm break-words text-slate-600 dark:text-slate-300">
        <span className="font-medium text-slate-800 dark:text-slate-100">{title}</span>: {pull.status}
        {amount ? ` (${amount})` : ''}
      </p>
      <Progress value={pullPercent(server)} label={title} className="mt-1.5 max-w-md" />
    </div>
  );
}
