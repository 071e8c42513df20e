import { Link } from '@tanstack/react-router';
import { Copy, KeyRound } from 'lucide-react';
import { memo, type ReactNode } from 'react';
import type { CallRecordView } from '../../../../../shared/history-types.js';
import { Button, buttonClasses } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';
import { notify } from '../../../ui/toast.js';
import { callTime, duration } from '../lib/format.js';
import { callNeedsSignIn } from '../lib/sign-in-needed.js';
import { CallStatusBadge } from './CallStatusBadge.js';

/** One call in full: what the engine recorded (arguments and result already redacted there), its timings and trace id. */
export const CallDetail = memo(function CallDetail({ record, onClose }: { record: CallRecordView | undefined; onClose(): void }) {
  return (
    <Dialog
      open={record !== undefined}
      onOpenChange={(open) => !open && onClose()}
      title={record ? `${record.server} / ${record.name}` : 'Call'}
      className="max-w-2xl"
    >
      {record && (
        <div className="space-y-4 text-sm">
          <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-2">
            <Term label="Status">
              <CallStatusBadge status={record.status} />
            </Term>
            <Term label="Method">{record.method}</Term>
            <Term label="Client">
              {record.client.name ?? 'unnamed client'}
              {record.client.version ? ` ${record.client.version}` : ''}{' '}
              <span className="text-slate-500 dark:text-slate-400">(session {record.client.sessionId})</span>
            </Term>
            <Term label="Started">{callTime(record.startedAt)}</Term>
            <Term label="Duration">{duration(record.durationMs)}</Term>
            <Term label="Trace id">
              <span className="flex items-center gap-2">
                <code className="truncate font-mono text-xs">{record.traceId}</code>
                <Button size="sm" variant="ghost" aria-label="Copy trace id" onClick={() => void copy(record.traceId)}>
                  <Copy className="h-3.5 w-3.5" aria-hidden />
                </Button>
              </span>
            </Term>
          </dl>
          {record.error && (
            <Block title="Error">
              <p className="whitespace-pre-wrap text-red-800 dark:text-red-200">{record.error}</p>
            </Block>
          )}
          {callNeedsSignIn(record) && (
            <Link
              to="/servers/$name"
              params={{ name: record.server }}
              search={{ section: 'overview' }}
              onClick={onClose}
              className={buttonClasses('primary', 'sm')}
            >
              <KeyRound className="h-4 w-4" aria-hidden />
              Sign in to {record.server}
            </Link>
          )}
          <Block title="Arguments (redacted)">
            <pre className="max-h-48 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs whitespace-pre-wrap dark:bg-slate-950">
              {pretty(record.arguments)}
            </pre>
          </Block>
          {record.result && (
            <Block title="Result">
              <p className="text-slate-600 dark:text-slate-300">
                {record.result.isError ? 'A tool error. ' : ''}
                {record.result.contentTypes.join(', ') || 'no content'} · {record.result.sizeBytes.toLocaleString()} bytes
              </p>
              {record.result.preview && (
                <pre className="mt-1 max-h-48 overflow-auto rounded bg-slate-100 p-2 font-mono text-xs whitespace-pre-wrap dark:bg-slate-950">
                  {record.result.preview}
                </pre>
              )}
            </Block>
          )}
          <Link
            to="/servers/$name"
            params={{ name: record.server }}
            className="inline-flex text-sm font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300"
          >
            Open server {record.server}
          </Link>
        </div>
      )}
    </Dialog>
  );
});

function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="mb-1 font-semibold">{title}</h3>
      {children}
    </section>
  );
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json; // capped text is no longer valid JSON: shown as recorded
  }
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    notify.success('Trace id copied');
  } catch (error) {
    notify.error('Could not copy', error);
  }
}
