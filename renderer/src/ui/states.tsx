import { AlertTriangle, Loader2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { MarkdownMessage } from './markdown-message.js';

/** Nothing to show yet: says why and what to do (an action button, a command). */
export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700">
      {icon && (
        <div className="text-slate-400 dark:text-slate-500" aria-hidden>
          {icon}
        </div>
      )}
      <h2 className="text-base font-semibold">{title}</h2>
      {children && <div className="max-w-md text-sm text-slate-600 dark:text-slate-300">{children}</div>}
      {action}
    </div>
  );
}

/** Waiting for the engine: announced politely to screen readers. */
export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" className="flex items-center justify-center gap-2 py-12 text-sm text-slate-600 dark:text-slate-300">
      <Loader2 className="h-4 w-4 animate-spin" aria-hidden />
      {label}
    </div>
  );
}

/** A failure the user should read: the engine's message and its hint (links in either render as links). */
export function ErrorState({ title, error, action }: { title: string; error?: unknown; action?: ReactNode }) {
  const { message, hint } = describeError(error);
  return (
    <div
      role="alert"
      className="flex gap-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <AlertTriangle className="mt-0.5 h-5 w-5 shrink-0" aria-hidden />
      <div className="min-w-0 space-y-1">
        <p className="font-semibold">{title}</p>
        {message && <MarkdownMessage text={message} />}
        {hint && <MarkdownMessage text={hint} className="text-red-800 dark:text-red-200" />}
        {action && <div className="pt-2">{action}</div>}
      </div>
    </div>
  );
}

/** Message and hint of a SwitchyardError (or any Error, or a string). */
export function describeError(error: unknown): { message?: string; hint?: string } {
  if (error === undefined || error === null) return {};
  if (typeof error === 'string') return { message: error };
  if (error instanceof Error) {
    const hint = (error as { hint?: unknown }).hint;
    return typeof hint === 'string' ? { message: error.message, hint } : { message: error.message };
  }
  return { message: String(error) };
}
