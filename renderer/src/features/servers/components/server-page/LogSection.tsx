import { Copy, Pause, Play } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import type { ServerStatus } from '../../../../../../shared/domain.js';
import { SectionEmpty } from './SectionStates.js';

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
      toast.success('Log copied');
    } catch {
      toast.error('The clipboard is not available here; select the lines and copy them instead.');
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600 dark:text-slate-300" aria-live="polite">
          {paused ? `Paused at ${paused.length} lines` : status?.state === 'running' ? 'Following the container’s stderr' : 'The last lines the server wrote'}
        </p>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={() => setPaused(paused ? undefined : live)}
            aria-pressed={paused !== undefined}
            className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            {paused ? <Play aria-hidden="true" className="h-4 w-4" /> : <Pause aria-hidden="true" className="h-4 w-4" />}
            {paused ? 'Follow' : 'Pause'}
          </button>
          <button
            type="button"
            onClick={() => void copy()}
            disabled={lines.length === 0}
            className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            <Copy aria-hidden="true" className="h-4 w-4" />
            Copy log
          </button>
        </div>
      </div>
      {lines.length === 0 ? (
        <SectionEmpty title="No log lines yet">
          The server has written nothing to stderr{status?.state === 'running' ? ' so far' : '; start it to see its log'}.
        </SectionEmpty>
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
