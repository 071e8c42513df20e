import { ShieldCheck } from 'lucide-react';
import { Link } from '@tanstack/react-router';
import { SectionCard } from '../../../ui/section-card.js';
import { ErrorState, LoadingState } from '../../../ui/states.js';
import { PendingToolChanges } from '../../servers/components/server-page/PendingToolChanges.js';
import { usePendingTools } from '../../servers/hooks/use-server-queries.js';

/** Every tool held back by pinning, across all servers, grouped by server: read what changed, approve it. */
export function HeldToolsCard() {
  const pending = usePendingTools();
  const byServer = new Map<string, Array<{ server: string; tool: string; diff: string }>>();
  for (const change of pending.data ?? []) byServer.set(change.server, [...(byServer.get(change.server) ?? []), change]);
  return (
    <SectionCard
      title="Tools waiting for approval"
      description="A tool whose description or input schema changed since you approved it is hidden from every AI app until you approve the new definition."
    >
      {pending.isPending ? (
        <LoadingState label="Reading held-back tools…" />
      ) : pending.isError ? (
        <ErrorState title="Could not read the held-back tools" error={pending.error} />
      ) : byServer.size === 0 ? (
        <p className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-300">
          <ShieldCheck className="h-4 w-4 shrink-0 text-emerald-600 dark:text-emerald-400" aria-hidden />
          No tool is waiting: every tool your apps see is as you approved it.
        </p>
      ) : (
        <div className="space-y-4">
          {[...byServer].map(([server, changes]) => (
            <div key={server} className="space-y-2">
              <Link
                to="/servers/$name"
                params={{ name: server }}
                search={{ section: 'tools' }}
                className="text-sm font-semibold text-blue-700 underline dark:text-blue-300"
              >
                {server}
              </Link>
              <PendingToolChanges server={server} changes={changes} />
            </div>
          ))}
        </div>
      )}
    </SectionCard>
  );
}
