import type { ReactNode } from 'react';

/** A server page's frame: its heading (title, the name under a catalog title, the description) and content. */
export function PageFrame({
  title,
  subtitle,
  description,
  children,
}: {
  title: string;
  subtitle?: string | undefined;
  description?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto flex w-full max-w-4xl flex-col gap-5">
      <header className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900 dark:text-slate-50">{title}</h1>
        {subtitle ? <p className="font-mono text-sm text-slate-500 dark:text-slate-400">{subtitle}</p> : null}
        {description ? <p className="mt-1 max-w-prose text-sm text-slate-600 dark:text-slate-300">{description}</p> : null}
      </header>
      {children}
    </div>
  );
}
