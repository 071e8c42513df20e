import { Button } from '../../../../ui/button.js';
import { Copy, Pause, Play } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { notify } from '../../../../ui/toast.js';
import type { ServerStatus } from '../../../../../../shared/domain.js';
import { EmptyState } from '../../../../ui/states.js';

/**
 * The live stderr tail of the server's container (from the gateway's status events): follows new lines,
 * can be paused (the view keeps the lines it had) and copied.
 */
export function LogSection({ status }: { status: ServerStatus | undefined }) {
  const live = status?.stderrTail ?? [];
  const [paused, setPaused] = useState<string[]>();
  const lines = paused ?? live;
  const view = useRef<HTMLPreElement>(null);

  useEffect(() => {
    if (paused === undefined && view.current) view.current.scrollTop = view.current.scrollHeight;
  }, [lines, paused]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(lines.join('\n'));
      notify.success('Log copied');
    } catch {
      notify.error('Could not copy: the clipboard is not available here. Select the lines and copy them instead.');
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600 dark:text-slate-300" aria-live="polite">
          {paused ? `Paused at ${paused.length} lines` : status?.state === 'running' ? 'Following the container’s stderr' : 'The last lines the server wrote'}
        </p>
        <div className="flex gap-2">
          <Button variant="secondary" size="sm" onClick={() => setPaused(paused ? undefined : live)} aria-pressed={paused !== undefined}>
            {paused ? <Play aria-hidden="true" className="h-4 w-4" /> : <Pause aria-hidden="true" className="h-4 w-4" />}
            {paused ? 'Follow' : 'Pause'}
          </Button>
          <Button variant="secondary" size="sm" onClick={() => void copy()} disabled={lines.length === 0}>
            <Copy aria-hidden="true" className="h-4 w-4" />
            Copy log
          </Button>
        </div>
      </div>
      {lines.length === 0 ? (
        <EmptyState title="No log lines yet">
          The server has written nothing to stderr{status?.state === 'running' ? ' so far' : '; start it to see its log'}.
        </EmptyState>
      ) : (
        <pre
          ref={view}
          tabIndex={0}
          aria-label="Server log"
          className="max-h-[28rem] overflow-auto rounded-lg bg-slate-950 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-slate-100"
        >
          {lines.join('\n')}
        </pre>
      )}
    </div>
  );
}
