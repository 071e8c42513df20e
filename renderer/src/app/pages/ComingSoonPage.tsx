import { Construction } from 'lucide-react';
import { EmptyState } from '../../ui/states.js';

/** A section the next release fills, with the CLI command that does its job meanwhile. */
export function ComingSoonPage({ title, what, command }: { title: string; what: string; command: string }) {
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
        {title}
      </h1>
      <EmptyState icon={<Construction className="h-10 w-10" />} title="Coming in the next release">
        <p>{what}</p>
        <p className="mt-3">
          Meanwhile, in a terminal:{' '}
          <code className="rounded bg-slate-200 px-1.5 py-0.5 font-mono text-slate-900 dark:bg-slate-800 dark:text-slate-100">{command}</code>
        </p>
      </EmptyState>
    </section>
  );
}
