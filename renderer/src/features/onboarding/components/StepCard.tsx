import { CheckCircle2, CircleDashed, SkipForward } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '../../../ui/button.js';

/** One step of the first run: numbered, its outcome (done, skipped), its content, and a Skip button while open. */
export function StepCard({
  number,
  title,
  outcome,
  onSkip,
  children,
}: {
  number: number;
  title: string;
  outcome: 'done' | 'skipped' | undefined;
  onSkip: () => void;
  children: ReactNode;
}) {
  const id = `first-run-step-${number}`;
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2">
        {outcome === 'done' ? (
          <CheckCircle2 className="h-5 w-5 text-green-700 dark:text-green-400" aria-hidden />
        ) : outcome === 'skipped' ? (
          <SkipForward className="h-5 w-5 text-slate-500" aria-hidden />
        ) : (
          <CircleDashed className="h-5 w-5 text-blue-700 dark:text-blue-300" aria-hidden />
        )}
        <h2 id={id} className="text-base font-semibold">
          {number}. {title}
        </h2>
        <span className="text-sm text-slate-600 dark:text-slate-400">{outcome === 'done' ? '— done' : outcome === 'skipped' ? '— skipped' : ''}</span>
        {outcome === undefined && (
          <Button size="sm" variant="ghost" className="ml-auto" aria-label={`Skip step ${number}: ${title}`} onClick={onSkip}>
            Skip
          </Button>
        )}
      </div>
      {children}
    </section>
  );
}
