import { Progress as RadixProgress } from 'radix-ui';
import { cn } from './cn.js';

/**
 * A progress bar (Radix: role="progressbar" with its value). `value` 0-100, or undefined while the total is
 * unknown (the bar then pulses, and no value is announced).
 */
export function Progress({ value, label, className }: { value: number | undefined; label: string; className?: string }) {
  return (
    <RadixProgress.Root
      value={value ?? null}
      aria-label={label}
      className={cn('relative h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700', className)}
    >
      <RadixProgress.Indicator
        className={cn('h-full bg-blue-600 transition-[width] dark:bg-blue-400', value === undefined && 'w-1/3 animate-pulse')}
        style={value === undefined ? undefined : { width: `${value}%` }}
      />
    </RadixProgress.Root>
  );
}
