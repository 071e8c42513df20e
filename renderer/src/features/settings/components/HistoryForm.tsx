import { zodResolver } from '@hookform/resolvers/zod';
import { HistoryOptionsSchema, type HistoryOptions } from '../../../../../shared/settings-types.js';
import { Field, inputClass } from '../../../ui/field.js';
import { SectionForm } from '../../../ui/section-form.js';
import { useSettingsSectionForm } from '../hooks/use-settings-section-form.js';

/**
 * The call history: recording on or off, and how much is kept (by age and by count). The running gateway applies
 * a change at once: off records no new call, lower bounds prune the oldest calls behind the call path.
 */
export function HistoryForm({ saved }: { saved: HistoryOptions }) {
  const section = useSettingsSectionForm<HistoryOptions>({
    section: 'history',
    saved,
    resolver: zodResolver(HistoryOptionsSchema),
    toUpdate: (history) => ({ history }),
    afterSave: (result) => result.history,
    savedMessage: (values) => (values.enabled ? 'History settings saved.' : 'History is off: new calls are not recorded.'),
    failedTitle: 'Could not save the history settings',
  });
  const { form } = section;
  const { errors } = form.formState;

  return (
    <SectionForm {...section} label="History settings" submitLabel="Save history settings">
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
    </SectionForm>
  );
}
