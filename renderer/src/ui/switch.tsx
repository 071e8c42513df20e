import { Switch as RadixSwitch } from 'radix-ui';
import { cn } from './cn.js';

export interface SwitchProps {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  /** The accessible name (there is no visible label next to most switches). */
  label: string;
  disabled?: boolean;
  /** The id of the text that explains it (aria-describedby). */
  describedBy?: string;
  className?: string;
}

/** An on/off switch (Radix: role="switch", Space toggles it). */
export function Switch({ checked, onCheckedChange, label, disabled, describedBy, className }: SwitchProps) {
  return (
    <RadixSwitch.Root
      checked={checked}
      onCheckedChange={onCheckedChange}
      aria-label={label}
      aria-describedby={describedBy}
      disabled={disabled}
      className={cn(
        'relative inline-flex h-6 w-11 shrink-0 cursor-pointer items-center rounded-full transition-colors',
        'bg-slate-300 data-[state=checked]:bg-blue-600 dark:bg-slate-600 dark:data-[state=checked]:bg-blue-500',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-50',
        className,
      )}
    >
      <RadixSwitch.Thumb className="block h-5 w-5 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[22px]" />
    </RadixSwitch.Root>
  );
}
