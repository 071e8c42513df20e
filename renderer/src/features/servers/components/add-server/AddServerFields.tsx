import { Switch } from 'radix-ui';
import type { ReactNode } from 'react';
import { Controller, get, useFormContext, type FieldError } from 'react-hook-form';
import type { AddServerValues } from './add-server-input.js';

export const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 focus:border-blue-500 focus:outline-2 focus:outline-blue-500 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100 dark:placeholder:text-slate-400';

/** A labelled text input of the add-server form, with its help and its error. */
export function TextField({
  name,
  label,
  help,
  placeholder,
  multiline,
}: {
  name: 'name' | 'image' | 'npm' | 'url' | 'command';
  label: string;
  help?: ReactNode;
  placeholder?: string;
  multiline?: boolean;
}) {
  const { register, formState } = useFormContext<AddServerValues>();
  const error = (get(formState.errors, name) as FieldError | undefined)?.message;
  const id = `add-server-${name}`;
  const describedBy = [help ? `${id}-help` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, placeholder, autoComplete: 'off', spellCheck: false };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-100">
        {label}
      </label>
      {multiline ? (
        <textarea {...common} className={`${inputClass} min-h-16 font-mono`} {...register(name)} />
      ) : (
        <input {...common} className={inputClass} {...register(name)} />
      )}
      {help ? (
        <p id={`${id}-help`} className="text-sm text-slate-600 dark:text-slate-300">
          {help}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** An on/off option of the add-server form (a Radix switch labelled by its text). */
export function OptionSwitch({
  name,
  label,
  help,
  disabled,
}: {
  name: 'network' | 'writable' | 'perSession';
  label: string;
  help: string;
  disabled?: boolean;
}) {
  const { control } = useFormContext<AddServerValues>();
  const id = `add-server-${name}`;
  return (
    <div className="flex items-start justify-between gap-4">
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-100">
          {label}
        </label>
        <p id={`${id}-help`} className="text-sm text-slate-600 dark:text-slate-300">
          {help}
        </p>
      </div>
      <Controller
        control={control}
        name={name}
        render={({ field }) => (
          <Switch.Root
            id={id}
            aria-describedby={`${id}-help`}
            checked={field.value}
            disabled={disabled}
            onCheckedChange={field.onChange}
            className="relative mt-0.5 inline-flex h-6 w-11 shrink-0 items-center rounded-full bg-slate-300 transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50 data-[state=checked]:bg-blue-600 dark:bg-slate-600"
          >
            <Switch.Thumb className="block h-5 w-5 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[22px]" />
          </Switch.Root>
        )}
      />
    </div>
  );
}
