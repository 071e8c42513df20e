import { Button } from '../../../../ui/button.js';
import { Plus, X } from 'lucide-react';
import { get, useFieldArray, useFormContext, type FieldError } from 'react-hook-form';
import type { AddServerValues } from './add-server-input.js';

const inputClass =
  'w-full min-w-0 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 font-mono text-sm text-slate-900 focus:border-blue-500 focus:outline-2 focus:outline-blue-500 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100';

/** Rows of name = value (env, headers, secret mappings), each with its own labels and errors. */
export function KeyValueRows({
  name,
  legend,
  help,
  keyLabel,
  valueLabel,
  keyPlaceholder,
  valuePlaceholder,
  addLabel,
}: {
  name: 'env' | 'headers' | 'secrets';
  legend: string;
  help: string;
  keyLabel: string;
  valueLabel: string;
  keyPlaceholder: string;
  valuePlaceholder: string;
  addLabel: string;
}) {
  const { control, register, formState } = useFormContext<AddServerValues>();
  const rows = useFieldArray({ control, name });
  const groupError = (get(formState.errors, name) as FieldError | undefined)?.message;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium text-slate-800 dark:text-slate-100">{legend}</legend>
      <p className="text-sm text-slate-600 dark:text-slate-300">{help}</p>
      {rows.fields.map((row, index) => {
        const keyError = (get(formState.errors, `${name}.${index}.key`) as FieldError | undefined)?.message;
        const valueError = (get(formState.errors, `${name}.${index}.value`) as FieldError | undefined)?.message;
        const keyId = `${name}-${row.id}-key`;
        const valueId = `${name}-${row.id}-value`;
        return (
          <div key={row.id} className="flex flex-col gap-1">
            <div className="flex items-start gap-2">
              <input
                id={keyId}
                aria-label={`${keyLabel} ${index + 1}`}
                aria-invalid={keyError ? true : undefined}
                aria-describedby={keyError ? `${keyId}-error` : undefined}
                placeholder={keyPlaceholder}
                autoComplete="off"
                spellCheck={false}
                className={inputClass}
                {...register(`${name}.${index}.key`)}
              />
              <span aria-hidden="true" className="pt-1.5 text-slate-500">
                {name === 'headers' ? ':' : name === 'secrets' ? '←' : '='}
              </span>
              <input
                id={valueId}
                aria-label={`${valueLabel} ${index + 1}`}
                aria-invalid={valueError ? true : undefined}
                aria-describedby={valueError ? `${valueId}-error` : undefined}
                placeholder={valuePlaceholder}
                autoComplete="off"
                spellCheck={false}
                className={inputClass}
                {...register(`${name}.${index}.value`)}
              />
              <Button variant="ghost" size="icon" aria-label={`Remove ${keyLabel.toLowerCase()} ${index + 1}`} onClick={() => rows.remove(index)}>
                <X aria-hidden="true" className="h-4 w-4" />
              </Button>
            </div>
            {keyError ? (
              <p id={`${keyId}-error`} className="text-sm text-red-700 dark:text-red-300">
                {keyError}
              </p>
            ) : null}
            {valueError ? (
              <p id={`${valueId}-error`} className="text-sm text-red-700 dark:text-red-300">
                {valueError}
              </p>
            ) : null}
          </div>
        );
      })}
      {groupError ? <p className="text-sm text-red-700 dark:text-red-300">{groupError}</p> : null}
      <Button variant="ghost" size="sm" className="w-fit" onClick={() => rows.append({ key: '', value: '' })}>
        <Plus aria-hidden="true" className="h-4 w-4" />
        {addLabel}
      </Button>
    </fieldset>
  );
}
