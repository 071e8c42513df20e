import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { HistoryOptionsSchema, type HistoryOptions } from '../../../../../shared/settings-types.js';
import { Button } from '../../../ui/button.js';
import { Field, inputClass } from '../../../ui/field.js';
import { notify } from '../../../ui/toast.js';
import { useUpdateSettings } from '../hooks/use-engine-settings.js';
import { refusedSettingsFields } from '../lib/engine-issues.js';

/**
 * The call history: recording on or off, and how much is kept (by age and by count). The running gateway applies
 * a change at once: off records no new call, lower bounds prune the oldest calls behind the call path.
 */
export function HistoryForm({ saved }: { saved: HistoryOptions }) {
  const update = useUpdateSettings();
  const savedJson = JSON.stringify(saved);
  const start = useMemo(() => JSON.parse(savedJson) as HistoryOptions, [savedJson]);
  const form = useForm<HistoryOptions>({ defaultValues: start, resolver: zodResolver(HistoryOptionsSchema), mode: 'onSubmit', reValidateMode: 'onChange' });
  useEffect(() => {
    if (!form.formState.isDirty) form.reset(start);
  }, [form, start]);

  const submit = form.handleSubmit(async (values) => {
    try {
      const result = await update.mutateAsync({ history: values });
      form.reset(result.history);
      notify.success(values.enabled ? 'History settings saved.' : 'History is off: new calls are not recorded.');
    } catch (error) {
      const refused = refusedSettingsFields(error, 'history');
      if (Object.keys(refused).length === 0) return notify.error('Could not save the history settings', error);
      for (const [field, message] of Object.entries(refused)) form.setError(field as keyof HistoryOptions, { type: 'engine', message });
    }
  });
  const { errors } = form.formState;

  return (
    <form noValidate aria-label="History settings" className="space-y-4" onSubmit={(event) => void submit(event)}>
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" className="mt-0.5 h-4 w-4 accent-blue-600" {...form.register('enabled')} />
        <span>
          <span className="font-medium">Record calls</span>
          <span className="block text-slate-600 dark:text-slate-400">
            Off: new calls are not recorded and do not show in Activity. What is recorded stays until it ages out or you clear it.
          </span>
        </span>
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Keep calls for (days)" help="Older calls are deleted. 0: whatever their age." error={errors.retentionDays?.message}>
          <input type="number" inputMode="numeric" className={inputClass} {...form.register('retentionDays', { valueAsNumber: true })} />
        </Field>
        <Field label="Keep at most (calls)" help="The oldest calls beyond this many are deleted. 0: no limit." error={errors.maxRecords?.message}>
          <input type="number" inputMode="numeric" className={inputClass} {...form.register('maxRecords', { valueAsNumber: true })} />
        </Field>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Saving…' : 'Save history settings'}
        </Button>
        <Button onClick={() => form.reset(start)} disabled={!form.formState.isDirty}>
          Discard changes
        </Button>
      </div>
    </form>
  );
}
