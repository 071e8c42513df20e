import { Switch } from 'radix-ui';
import { useId } from 'react';
import { Controller, get, useFormContext, type FieldError } from 'react-hook-form';
import type { ConfigField } from './server-config-schema.js';

const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-blue-500 focus:outline-2 focus:outline-blue-500 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:aria-[invalid=true]:border-red-400';

/** One control per field of the schema, nested objects as groups. */
export function SchemaFieldList({ fields }: { fields: ConfigField[] }) {
  return (
    <>
      {fields.map((field) =>
        field.kind === 'object' && field.fields ? (
          <fieldset key={field.path} className="flex flex-col gap-4 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
            <legend className="px-1 text-sm font-semibold text-slate-800 dark:text-slate-100">
              {field.label}
              {field.required ? <RequiredMark /> : null}
            </legend>
            {field.description ? <p className="-mt-2 text-sm text-slate-600 dark:text-slate-300">{field.description}</p> : null}
            <SchemaFieldList fields={field.fields} />
          </fieldset>
        ) : (
          <SchemaField key={field.path} field={field} />
        ),
      )}
    </>
  );
}

function SchemaField({ field }: { field: ConfigField }) {
  const id = useId();
  const { formState } = useFormContext();
  const error = get(formState.errors, field.path) as FieldError | undefined;
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [field.description || field.kind === 'list' ? helpId : undefined, error ? errorId : undefined].filter(Boolean).join(' ') || undefined;
  const aria: ControlAria = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'aria-required': field.required || undefined };

  return (
    <div className="flex flex-col gap-1.5">
      {field.kind === 'boolean' ? (
        <div className="flex items-center justify-between gap-4">
          <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-100">
            {field.label}
            {field.required ? <RequiredMark /> : null}
          </label>
          <FieldControl field={field} aria={aria} />
        </div>
      ) : (
        <>
          <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-100">
            {field.label}
            {field.required ? <RequiredMark /> : null}
          </label>
          <FieldControl field={field} aria={aria} />
        </>
      )}
      {field.description || field.kind === 'list' ? (
        <p id={helpId} className="text-sm text-slate-600 dark:text-slate-300">
          {[field.description, field.kind === 'list' ? 'One value per line.' : undefined].filter(Boolean).join(' ')}
        </p>
      ) : null}
      {error?.message ? (
        <p id={errorId} className="text-sm font-medium text-red-700 dark:text-red-300">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}

interface ControlAria {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
}

function FieldControl({ field, aria }: { field: ConfigField; aria: ControlAria }) {
  const { register, control } = useFormContext();
  switch (field.kind) {
    case 'boolean':
      return (
        <Controller
          control={control}
          name={field.path}
          render={({ field: controlled }) => (
            <Switch.Root
              {...aria}
              checked={controlled.value === true}
              onCheckedChange={(checked) => controlled.onChange(checked)}
              onBlur={controlled.onBlur}
              className="relative inline-flex h-6 w-11 shrink-0 items-center rounded-full bg-slate-300 transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 data-[state=checked]:bg-blue-600 dark:bg-slate-600"
            >
              <Switch.Thumb className="block h-5 w-5 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[22px]" />
            </Switch.Root>
          )}
        />
      );
    case 'enum':
      return (
        <Controller
          control={control}
          name={field.path}
          render={({ field: controlled }) => {
            const options = field.options ?? [];
            const index = options.findIndex((option) => option === controlled.value);
            return (
              <select
                {...aria}
                className={inputClass}
                value={index >= 0 ? String(index) : ''}
                onBlur={controlled.onBlur}
                onChange={(event) => controlled.onChange(event.target.value === '' ? undefined : options[Number(event.target.value)])}
              >
                <option value="">{field.required ? 'Choose…' : '(not set)'}</option>
                {options.map((option, position) => (
                  <option key={String(position)} value={String(position)}>
                    {String(option)}
                  </option>
                ))}
              </select>
            );
          }}
        />
      );
    case 'number':
    case 'integer':
      return (
        <Controller
          control={control}
          name={field.path}
          render={({ field: controlled }) => (
            <input
              {...aria}
              className={inputClass}
              type="text"
              inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
              value={controlled.value === undefined || controlled.value === null ? '' : String(controlled.value)}
              onBlur={controlled.onBlur}
              onChange={(event) => controlled.onChange(numberOrText(event.target.value))}
            />
          )}
        />
      );
    case 'list':
      return (
        <Controller
          control={control}
          name={field.path}
          render={({ field: controlled }) => (
            <ListTextarea
              aria={aria}
              value={controlled.value}
              itemKind={field.itemKind ?? 'string'}
              onBlur={controlled.onBlur}
              onChange={controlled.onChange}
            />
          )}
        />
      );
    case 'json':
      return (
        <Controller
          control={control}
          name={field.path}
          render={({ field: controlled }) => <JsonTextarea aria={aria} value={controlled.value} onBlur={controlled.onBlur} onChange={controlled.onChange} />}
        />
      );
    default:
      return (
        <input
          {...aria}
          className={inputClass}
          type="text"
          autoComplete="off"
          spellCheck={false}
          {...register(field.path, { setValueAs: (value: unknown) => (value === '' ? undefined : value) })}
        />
      );
  }
}

/** '' -> not set; a number -> that number; anything else stays text, so validation names it. */
function numberOrText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const number = Number(trimmed);
  return Number.isNaN(number) ? text : number;
}

function ListTextarea({
  aria,
  value,
  itemKind,
  onBlur,
  onChange,
}: {
  aria: ControlAria;
  value: unknown;
  itemKind: 'string' | 'number' | 'integer';
  onBlur(): void;
  onChange(value: unknown): void;
}) {
  const text = Array.isArray(value) ? value.map(String).join('\n') : typeof value === 'string' ? value : '';
  return (
    <textarea
      {...aria}
      className={`${inputClass} min-h-20 font-mono`}
      value={text}
      onBlur={onBlur}
      onChange={(event) => {
        const lines = event.target.value.split('\n');
        const items = lines.map((line) => (itemKind === 'string' ? line : numberOrText(line)));
        // Keep a trailing empty line while typing; empty lines are dropped from what is saved.
        onChange(event.target.value === '' ? undefined : itemKind === 'string' ? items : items.filter((item) => item !== undefined));
      }}
    />
  );
}

function JsonTextarea({ aria, value, onBlur, onChange }: { aria: ControlAria; value: unknown; onBlur(): void; onChange(value: unknown): void }) {
  const text = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <textarea
      {...aria}
      className={`${inputClass} min-h-24 font-mono`}
      defaultValue={text}
      onBlur={onBlur}
      onChange={(event) => {
        const raw = event.target.value;
        if (raw.trim() === '') return onChange(undefined);
        try {
          onChange(JSON.parse(raw) as unknown);
        } catch {
          onChange(raw);
        }
      }}
    />
  );
}

function RequiredMark() {
  return (
    <span className="ml-0.5 text-red-700 dark:text-red-300" aria-hidden="true">
      *
    </span>
  );
}
