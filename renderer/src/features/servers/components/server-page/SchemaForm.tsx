import { Button } from '../../../../ui/button.js';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { FormProvider, useForm, type Resolver } from 'react-hook-form';
import { z } from 'zod';
import { configChanges, configFields, initialConfigValues, pruneEmpty, type ConfigChange, type JsonSchema } from './server-config-schema.js';
import { fieldProblemText, refusedConfigFields, type FieldProblem } from './readiness-problems.js';
import { SchemaFieldList } from './SchemaFields.js';

// The page's Content-Security-Policy forbids eval: zod must not even probe for it (the probe is reported as a violation).
z.config({ jitless: true });

export interface SchemaFormProps {
  schema: JsonSchema;
  /** The values saved now (server.inspect -> config). */
  config: Record<string, unknown>;
  /** Field path -> what the engine says is wrong or missing; shown on the field until it is edited. */
  engineProblems: Record<string, FieldProblem>;
  /** Sends the changes (one config.set / config.unset per key); rejects with field problems it could not save. */
  onSave(changes: ConfigChange[]): Promise<void>;
}

/**
 * The server's configuration as a form generated from its JSON Schema: react-hook-form holds the values,
 * the same schema (as a zod schema, since the page may not compile code with eval) validates them before
 * anything is sent, and the engine's problems mark the fields it names.
 */
export function SchemaForm({ schema, config, engineProblems, onSave }: SchemaFormProps) {
  const fields = useMemo(() => configFields(schema), [schema]);
  // Keyed by content: a refetch that brings the same config back must not throw away what the user is typing.
  const configJson = JSON.stringify(config);
  const start = useMemo(() => initialConfigValues(fields, JSON.parse(configJson) as Record<string, unknown>), [fields, configJson]);
  const resolver = useMemo(() => {
    const validate = zodResolver(
      z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]) as z.ZodType<Record<string, unknown>, Record<string, unknown>>,
      {
        error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'Required: fill this in.' : undefined),
      },
    );
    // Untouched optional groups and emptied fields are "not set", not objects or strings that break the schema.
    const pruned: Resolver<Record<string, unknown>> = (values, context, options) =>
      validate((pruneEmpty(values) ?? {}) as Record<string, unknown>, context, options);
    return pruned;
  }, [schema]);
  // Validated on Save, then as the user types; never on blur: a message appearing or going away on blur moves the
  // Save button between mouse down and up, and the click is lost.
  const form = useForm<Record<string, unknown>>({ defaultValues: start, resolver, mode: 'onSubmit', reValidateMode: 'onChange' });
  const [nothingChanged, setNothingChanged] = useState(false);

  // A new saved config (saved here, or changed elsewhere) becomes the form's starting point.
  useEffect(() => form.reset(start), [form, start]);

  // The engine's mark on a field goes as soon as the user changes that field.
  useEffect(() => {
    const subscription = form.watch((_values, { name }) => {
      if (name && form.getFieldState(name).error?.type === 'engine') form.clearErrors(name);
    });
    return () => subscription.unsubscribe();
  }, [form]);

  useEffect(() => {
    for (const [path, problem] of Object.entries(engineProblems)) form.setError(path, { type: 'engine', message: fieldProblemText(problem) });
  }, [form, engineProblems, start]);

  const submit = form.handleSubmit(async (values) => {
    const changes = configChanges(start, values, config);
    setNothingChanged(changes.length === 0);
    if (changes.length === 0) return;
    try {
      await onSave(changes);
    } catch (error) {
      const refused = refusedConfigFields(error);
      if (Object.keys(refused).length === 0) throw error;
      for (const [path, problem] of Object.entries(refused)) form.setError(path, { type: 'engine', message: fieldProblemText(problem) });
    }
  });

  if (fields.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-300">This server's configuration schema has no fields to fill in.</p>;
  }

  return (
    <FormProvider {...form}>
      <form noValidate aria-label="Configuration" className="flex flex-col gap-5" onSubmit={(event) => void submit(event)}>
        <SchemaFieldList fields={fields} />
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="primary" type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? 'Saving…' : 'Save configuration'}
          </Button>
          <Button variant="secondary" onClick={() => form.reset(start)} disabled={!form.formState.isDirty}>
            Discard changes
          </Button>
          {nothingChanged ? (
            <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
              Nothing changed.
            </p>
          ) : null}
        </div>
      </form>
    </FormProvider>
  );
}
