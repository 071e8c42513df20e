import type { ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { Button } from './button.js';

export interface SectionFormProps<Values extends FieldValues> {
  /** The react-hook-form form whose fields are the children. */
  form: UseFormReturn<Values>;
  /** The form's accessible name (e.g. "Gateway settings"). */
  label: string;
  /** The Save button's words (e.g. "Save gateway settings"); it reads "Saving…" while the answer is awaited. */
  submitLabel: string;
  /** Runs once the form's own checks passed; marks refused fields itself. */
  onSubmit: (values: Values) => Promise<void>;
  /** What "Discard changes" puts back: the values as saved. */
  discardTo: Values;
  children: ReactNode;
}

/**
 * One section of a settings-like page as a form: its fields, then Save and Discard changes (enabled once something
 * was changed). Checked before sending (noValidate: the form's schema speaks, not the browser's bubbles).
 */
export function SectionForm<Values extends FieldValues>({ form, label, submitLabel, onSubmit, discardTo, children }: SectionFormProps<Values>) {
  const submit = form.handleSubmit(onSubmit);
  const { isSubmitting, isDirty } = form.formState;
  return (
    <form noValidate aria-label={label} className="space-y-4" onSubmit={(event) => void submit(event)}>
      {children}
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : submitLabel}
        </Button>
        <Button onClick={() => form.reset(discardTo)} disabled={!isDirty}>
          Discard changes
        </Button>
      </div>
    </form>
  );
}
