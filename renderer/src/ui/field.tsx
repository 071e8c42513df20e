import { useId, type ReactElement, type ReactNode } from 'react';
import { cloneElement } from 'react';

export interface FieldProps {
  /** The control's name (text; a part only screen readers need can be in an sr-only span). */
  label: ReactNode;
  /** Help under the label (what the value is for, where to find it). */
  help?: ReactNode;
  /** The problem with the value, shown in red and announced with the control. */
  error?: string;
  required?: boolean;
  /** One control (input, select, textarea); it receives id, aria-describedby and aria-invalid. */
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled form field: the label names the control, help and error describe it. */
export function Field({ label, help, error, required, children }: FieldProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : undefined, error ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-100">
        {label}
        {required && (
          <span className="text-red-600 dark:text-red-400" aria-hidden>
            {' '}
            *
          </span>
        )}
      </label>
      {cloneElement(children, { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, 'aria-required': required || undefined })}
      {help && (
        <div id={helpId} className="text-xs text-slate-600 dark:text-slate-400">
          {help}
        </div>
      )}
      {error && (
        <p id={errorId} className="text-xs font-medium text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** The look of text inputs and selects, shared so forms stay consistent. */
export const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-400 ' +
  'focus:border-blue-600 focus:outline-2 focus:outline-blue-600/30 aria-[invalid=true]:border-red-600 ' +
  'dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500';
