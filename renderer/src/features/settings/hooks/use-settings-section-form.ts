import { useEffect, useMemo } from 'react';
import { useForm, type FieldValues, type Path, type Resolver } from 'react-hook-form';
import type { SettingsUpdate } from '../../../../../shared/settings-types.js';
import { notify } from '../../../ui/toast.js';
import { refusedSettingsFields } from '../lib/engine-issues.js';
import { useUpdateSettings } from './use-engine-settings.js';

type SavedSettings = Awaited<ReturnType<ReturnType<typeof useUpdateSettings>['mutateAsync']>>;

export interface SettingsSectionFormOptions<Values extends FieldValues> {
  /** The section of settings.update this form writes: the engine's refused fields under it mark this form's fields. */
  section: 'gateway' | 'history' | 'telemetry';
  /** The values as saved (the form shows them, and follows a change made elsewhere unless the user is editing). */
  saved: Values;
  resolver: Resolver<Values>;
  /** The update that saves these values. */
  toUpdate: (values: Values) => SettingsUpdate;
  /** The form's values once saved (the engine's answer, or what was sent). */
  afterSave: (result: SavedSettings, sent: Values) => Values;
  /** The toast once saved. */
  savedMessage: (values: Values) => string;
  /** The toast's title when the engine refuses the whole change (not a field of it). */
  failedTitle: string;
}

/**
 * A settings section's form: the saved values, refreshed when they change elsewhere (the CLI, another window) while
 * nothing is being edited here, and a submit that saves, toasts, or marks the fields the engine refused (a refused
 * value stays in its field: nothing typed is lost).
 */
export function useSettingsSectionForm<Values extends FieldValues>(options: SettingsSectionFormOptions<Values>) {
  const { section, resolver, toUpdate, afterSave, savedMessage, failedTitle } = options;
  const update = useUpdateSettings();
  const savedJson = JSON.stringify(options.saved);
  const saved = useMemo(() => JSON.parse(savedJson) as Values, [savedJson]);
  const form = useForm<Values>({ defaultValues: saved as never, resolver, mode: 'onSubmit', reValidateMode: 'onChange' });
  useEffect(() => {
    if (!form.formState.isDirty) form.reset(saved);
  }, [form, saved]);

  const submit = async (values: Values) => {
    try {
      const result = await update.mutateAsync(toUpdate(values));
      form.reset(afterSave(result, values));
      notify.success(savedMessage(values));
    } catch (error) {
      const refused = refusedSettingsFields(error, section);
      if (Object.keys(refused).length === 0) return notify.error(failedTitle, error);
      for (const [field, message] of Object.entries(refused)) form.setError(field as Path<Values>, { type: 'engine', message });
    }
  };
  // SectionForm's own props: spread them into it.
  return { form, onSubmit: submit, discardTo: saved };
}
