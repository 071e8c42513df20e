import { KeyRound, WifiOff } from 'lucide-react';
import type { ConnectionStatus } from '../../api/connect.js';

/**
 * What the window says when it cannot reach the engine. An expired or wrong link will not start working by
 * retrying, so it says how to get a fresh one; a lost connection is being retried and says so.
 */
export function ConnectionNotice({ connection }: { connection: ConnectionStatus }) {
  if (connection.state === 'unauthorized') {
    return (
      <div
        role="alert"
        className="mx-auto mt-16 max-w-lg rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      >
        <div className="flex items-start gap-3">
          <KeyRound className="mt-0.5 h-5 w-5 shrink-0" aria-hidden />
          <div className="space-y-2">
            <h1 className="text-lg font-semibold">This page's link expired</h1>
            <p className="text-sm">
              Open the window from the tray, or run <code className="rounded bg-amber-900/10 px-1 font-mono dark:bg-white/10">switchyard gateway run --ui</code>{' '}
              and open the link it prints.
            </p>
          </div>
        </div>
      </div>
    );
  }
  if (connection.state === 'disconnected') {
    return (
      <div
        role="status"
        className="flex items-center gap-2 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      >
        <WifiOff className="h-4 w-4 shrink-0" aria-hidden />
        Lost the connection to the Switchyard engine. Reconnecting…
      </div>
    );
  }
  return null;
}
