import { Select as RadixSelect } from 'radix-ui';
import { Check, ChevronDown } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from './cn.js';

export interface SelectOption {
  value: string;
  label: ReactNode;
  /** Read by screen readers and typeahead instead of `label` when the label is not plain text. */
  textValue?: string;
}

export interface SelectProps {
  value: string;
  onValueChange: (value: string) => void;
  options: SelectOption[];
  /** The accessible name of the control (a combobox), unless a <label> or `aria-labelledby` names it. */
  label?: string;
  placeholder?: string;
  disabled?: boolean;
  className?: string;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/**
 * One choice out of a list (Radix Select: a combobox that opens a listbox; arrow keys, typeahead, Escape). Give
 * it a name with `label`, or put it in a <Field>, which passes the id its <label> points at.
 */
export function Select({ value, onValueChange, options, label, placeholder, disabled, className, ...aria }: SelectProps) {
  return (
    <RadixSelect.Root value={value} onValueChange={onValueChange} {...(disabled !== undefined ? { disabled } : {})}>
      <RadixSelect.Trigger
        aria-label={label}
        {...aria}
        className={cn(
          'inline-flex h-9 min-w-0 items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900',
          'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 disabled:opacity-50 data-[placeholder]:text-slate-500',
          'dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:data-[placeholder]:text-slate-400',
          className,
        )}
      >
        <span className="truncate">
          <RadixSelect.Value placeholder={placeholder} />
        </span>
        <RadixSelect.Icon>
          <ChevronDown className="h-4 w-4 shrink-0 opacity-70" aria-hidden />
        </RadixSelect.Icon>
      </RadixSelect.Trigger>
      <RadixSelect.Portal>
        <RadixSelect.Content
          position="popper"
          sideOffset={4}
          className="z-50 max-h-[min(var(--radix-select-content-available-height),20rem)] min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md border border-slate-200 bg-white text-sm text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          <RadixSelect.Viewport className="p-1">
            {options.map((option) => (
              <RadixSelect.Item
                key={option.value}
                value={option.value}
                {...(option.textValue ? { textValue: option.textValue } : {})}
                className="relative flex cursor-pointer items-center rounded py-1.5 pr-2 pl-7 outline-none select-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800"
              >
                <RadixSelect.ItemIndicator className="absolute left-1.5 inline-flex items-center">
                  <Check className="h-4 w-4" aria-hidden />
                </RadixSelect.ItemIndicator>
                <RadixSelect.ItemText>{option.label}</RadixSelect.ItemText>
              </RadixSelect.Item>
            ))}
          </RadixSelect.Viewport>
        </RadixSelect.Content>
      </RadixSelect.Portal>
    </RadixSelect.Root>
  );
}
