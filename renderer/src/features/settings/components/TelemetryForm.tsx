import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { TelemetryOptionsSchema, type EngineSettings } from '../../../../../shared/settings-types.js';
import { Button } from '../../../ui/button.js';
import { Field, inputClass } from '../../../ui/field.js';
import { notify } from '../../../ui/toast.js';
import { useUpdateSettings } from '../hooks/use-engine-settings.js';
import { refusedSettingsFields } from '../lib/engine-issues.js';

/** The form's values: an empty endpoint means export off. */
const TelemetryFormSchema = TelemetryOptionsSchema.extend({ otlpEndpoint: z.string().trim() });
type TelemetryForm = z.infer<typeof TelemetryFormSchema>;

/** OpenTelemetry export of call spans: the collector's OTLP/HTTP traces URL (empty: off) and the service name. */
export function TelemetryForm({ saved }: { saved: EngineSettings['telemetry'] }) {
  const update = useUpdateSettings();
  const start = useMemo(() => ({ otlpEndpoint: saved.otlpEndpoint ?? '', serviceName: saved.serviceName }), [saved.otlpEndpoint, saved.serviceName]);
  const form = useForm<TelemetryForm>({ defaultValues: start, resolver: zodResolver(TelemetryFormSchema), mode: 'onSubmit', reValidateMode: 'onChange' });
  useEffect(() => {
    if (!form.formState.isDirty) form.reset(start);
  }, [form, start]);

  const submit = form.handleSubmit(async (values) => {
    try {
      await update.mutateAsync({ telemetry: { otlpEndpoint: values.otlpEndpoint === '' ? null : values.otlpEndpoint, serviceName: values.serviceName } });
      form.reset(values);
      notify.success(values.otlpEndpoint ? 'Call spans are exported to your collector.' : 'Telemetry export is off.');
    } catch (error) {
      const refused = refusedSettingsFields(error, 'telemetry');
      if (Object.keys(refused).length === 0) return notify.error('Could not save the telemetry settings', error);
      for (const [field, message] of Object.entries(refused)) form.setError(field as keyof TelemetryForm, { type: 'engine', message });
    }
  });
  const { errors } = form.formState;

  return (
    <form noValidate aria-label="Telemetry settings" className="space-y-4" onSubmit={(event) => void submit(event)}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="OTLP traces endpoint"
          help="OTLP/HTTP, e.g. http://127.0.0.1:4318/v1/traces. Empty: no export (unless OTEL_EXPORTER_OTLP_ENDPOINT is set for the engine)."
          error={errors.otlpEndpoint?.message}
        >
          <input type="url" spellCheck={false} placeholder="http://127.0.0.1:4318/v1/traces" className={inputClass} {...form.register('otlpEndpoint')} />
        </Field>
        <Field label="Service name" help="The service.name of every exported span." error={errors.serviceName?.message}>
          <input type="text" className={inputClass} {...form.register('serviceName')} />
        </Field>
      </div>
      {saved.headerNames.length > 0 && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Sent with every export (values not shown): {saved.headerNames.join(', ')}. Edit them in settings.json.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Saving…' : 'Save telemetry'}
        </Button>
        <Button onClick={() => form.reset(start)} disabled={!form.formState.isDirty}>
          Discard changes
        </Button>
      </div>
    </form>
  );
}
