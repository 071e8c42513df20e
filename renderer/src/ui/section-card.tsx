import { useId, type ReactNode } from 'react';

/** A titled block of a settings-like page: a region named by its heading, with a line on what it is for. */
export function SectionCard({ title, description, actions, children }: { title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5 dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-4 flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={id} className="text-base font-semibold">
            {title}
          </h2>
          {description && <div className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{description}</div>}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}
