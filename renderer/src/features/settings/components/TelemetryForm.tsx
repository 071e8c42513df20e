import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { TelemetryOptionsSchema, type EngineSettings } from '../../../../../shared/settings-types.js';
import { Field, inputClass } from '../../../ui/field.js';
import { SectionForm } from '../../../ui/section-form.js';
import { useSettingsSectionForm } from '../hooks/use-settings-section-form.js';

/** The form's values: an empty endpoint means export off. */
const TelemetryFormSchema = TelemetryOptionsSchema.extend({ otlpEndpoint: z.string().trim() });
type TelemetryForm = z.infer<typeof TelemetryFormSchema>;

/** OpenTelemetry export of call spans: the collector's OTLP/HTTP traces URL (empty: off) and the service name. */
export function TelemetryForm({ saved }: { saved: EngineSettings['telemetry'] }) {
  const section = useSettingsSectionForm<TelemetryForm>({
    section: 'telemetry',
    saved: { otlpEndpoint: saved.otlpEndpoint ?? '', serviceName: saved.serviceName },
    resolver: zodResolver(TelemetryFormSchema),
    toUpdate: (values) => ({ telemetry: { otlpEndpoint: values.otlpEndpoint === '' ? null : values.otlpEndpoint, serviceName: values.serviceName } }),
    afterSave: (_result, sent) => sent,
    savedMessage: (values) => (values.otlpEndpoint ? 'Call spans are exported to your collector.' : 'Telemetry export is off.'),
    failedTitle: 'Could not save the telemetry settings',
  });
  const { form } = section;
  const { errors } = form.formState;

  return (
    <SectionForm {...section} label="Telemetry settings" submitLabel="Save telemetry">
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
    </SectionForm>
  );
}
