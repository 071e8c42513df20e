import { Button } from '../../../../ui/button.js';
import { useQueryClient } from '@tanstack/react-query';
import { ShieldAlert } from 'lucide-react';
import { useId, useState } from 'react';
import { notify } from '../../../../ui/toast.js';
import { useApi } from '../../../../api/api-context.js';

interface HeldTool {
  server: string;
  tool: string;
  diff: string;
}

/**
 * Tools held back by pinning: their definition changed since it was approved, so no client sees them until the
 * user reads what changed and approves it (tools.approve), or keeps it blocked: the tool is switched off
 * (tools.setEnabled), so it stays hidden and refused whatever the server presents, and leaves this list.
 */
export function PendingToolChanges({ server, changes }: { server: string; changes: HeldTool[] }) {
  const { call } = useApi();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  const approve = async (tool?: string) => {
    setBusy(true);
    try {
      const result = await call('tools.approve', tool ? { name: server, tool } : { name: server });
      notify.success(`Approved ${result.approved.join(', ') || 'nothing new'}`);
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['pending'] }), queryClient.invalidateQueries({ queryKey: ['tools'] })]);
    } catch (error) {
      notify.error('Could not approve', error);
    } finally {
      setBusy(false);
    }
  };

  const keepBlocked = async (tool: string) => {
    setBusy(true);
    try {
      await call('tools.setEnabled', { name: server, tool, enabled: false });
      notify.success(`${tool} stays blocked: it is switched off for every app`);
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['pending'] }), queryClient.invalidateQueries({ queryKey: ['tools'] })]);
    } catch (error) {
      notify.error('Could not keep it blocked', error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={titleId} className="rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950/60">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={titleId} className="flex items-center gap-2 text-sm font-semibold text-amber-950 dark:text-amber-100">
          <ShieldAlert aria-hidden="true" className="h-4 w-4" />
          {changes.length === 1 ? '1 tool changed and is held back' : `${changes.length} tools changed and are held back`}
        </h3>
        {changes.length > 1 ? (
          <Button variant="secondary" size="sm" disabled={busy} onClick={() => void approve()}>
            Approve all
          </Button>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-amber-950 dark:text-amber-100">Clients do not see these tools until you approve their new definition.</p>
      <ul className="mt-3 flex flex-col gap-3">
        {changes.map((change) => (
          <li key={change.tool} className="rounded-md border border-amber-200 bg-white p-3 dark:border-amber-800 dark:bg-slate-900">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-mono text-sm font-medium text-slate-900 dark:text-slate-100">{change.tool}</span>
              <div className="flex flex-wrap gap-2">
                <Button variant="secondary" size="sm" disabled={busy} onClick={() => void keepBlocked(change.tool)}>
                  Keep {change.tool} blocked
                </Button>
                <Button variant="primary" size="sm" disabled={busy} onClick={() => void approve(change.tool)}>
                  Approve {change.tool}
                </Button>
              </div>
            </div>
            <pre
              aria-label={`What changed in ${change.tool}`}
              tabIndex={0}
              className="mt-2 max-h-64 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs whitespace-pre-wrap text-slate-800 dark:bg-slate-950 dark:text-slate-200"
            >
              {change.diff.split('\n').map((line, at) => (
                <span key={at} className={`block ${diffLineClass(line)}`}>
                  {line}
                </span>
              ))}
            </pre>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The engine's diff marks the old value with "-" and the new one with "+": red and green, the sign kept for screen readers. */
function diffLineClass(line: string): string {
  const sign = line.trimStart()[0];
  if (sign === '-') return 'text-red-800 dark:text-red-300';
  if (sign === '+') return 'text-emerald-800 dark:text-emerald-300';
  return '';
}
