import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { ServerLimits } from '../../../../../shared/settings-types.js';
import { Button } from '../../../ui/button.js';
import { Field, inputClass } from '../../../ui/field.js';
import { SectionCard } from '../../../ui/section-card.js';
import { notify } from '../../../ui/toast.js';
import { useUpdateSettings } from '../../settings/hooks/use-engine-settings.js';
import { refusedSettingsFields } from '../../settings/lib/engine-issues.js';

/** A row's text fields: empty means "the gateway's value". */
const LimitsFormSchema = z.object({
  callTimeoutSeconds: z.string().trim().regex(/^\d*$/, 'a whole number of seconds (0: no limit), or empty for the gateway’s'),
  maxMessageMb: z
    .string()
    .trim()
    .regex(/^\d*$/, 'a whole number of MB, or empty for the gateway’s')
    .refine((text) => text === '' || (Number(text) >= 1 && Number(text) <= 4096), '1 to 4096 MB, or empty for the gateway’s'),
});
type LimitsForm = z.infer<typeof LimitsFormSchema>;

const asText = (value: number | undefined) => (value === undefined ? '' : String(value));
const asValue = (text: string) => (text === '' ? null : Number(text));

/** Each configured server's own call timeout and largest message, over the gateway's (Settings → Gateway). */
export function ServerLimitsCard({ servers, gateway }: { servers: ServerLimits[]; gateway: { callTimeoutSeconds: number; maxMessageMb: number } }) {
  return (
    <SectionCard
      title="Per-server limits"
      description={`Empty: the gateway’s (call timeout ${gateway.callTimeoutSeconds} s, largest message ${gateway.maxMessageMb} MB). A tool’s own timeout is set below.`}
    >
      {servers.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">No server is configured yet.</p>
      ) : (
        <ul aria-label="Per-server limits" className="divide-y divide-slate-200 dark:divide-slate-800">
          {servers.map((server) => (
            <ServerLimitsRow key={server.name} limits={server} />
          ))}
        </ul>
      )}
    </SectionCard>
  );
}

function ServerLimitsRow({ limits }: { limits: ServerLimits }) {
  const update = useUpdateSettings();
  const start = { callTimeoutSeconds: asText(limits.callTimeoutSeconds), maxMessageMb: asText(limits.maxMessageMb) };
  const form = useForm<LimitsForm>({ defaultValues: start, resolver: zodResolver(LimitsFormSchema), mode: 'onSubmit', reValidateMode: 'onChange' });
  const startKey = JSON.stringify(start);
  useEffect(() => {
    if (!form.formState.isDirty) form.reset(JSON.parse(startKey) as LimitsForm);
  }, [form, startKey]);

  const submit = form.handleSubmit(async (values) => {
    try {
      await update.mutateAsync({
        servers: { [limits.name]: { callTimeoutSeconds: asValue(values.callTimeoutSeconds), maxMessageMb: asValue(values.maxMessageMb) } },
      });
      form.reset(values);
      notify.success(`Limits of ${limits.name} saved.`);
    } catch (error) {
      const refused = refusedSettingsFields(error, 'servers');
      const entries = Object.entries(refused);
      if (entries.length === 0) return notify.error(`Could not save the limits of ${limits.name}`, error);
      for (const [field, message] of entries) form.setError(field.replace(`${limits.name}.`, '') as keyof LimitsForm, { type: 'engine', message });
    }
  });
  const { errors } = form.formState;
  return (
    <li aria-label={limits.name} className="py-3 first:pt-0 last:pb-0">
      <form
        noValidate
        aria-label={`Limits of ${limits.name}`}
        onSubmit={(event) => void submit(event)}
        className="grid items-start gap-3 sm:grid-cols-[1fr_1fr_auto]"
      >
        <span className="font-mono text-sm font-medium break-words sm:col-span-3">{limits.name}</span>
        <Field
          label={
            <>
              Call timeout<span className="sr-only"> of {limits.name}</span> (s)
            </>
          }
          error={errors.callTimeoutSeconds?.message}
        >
          <input type="text" inputMode="numeric" className={inputClass} {...form.register('callTimeoutSeconds')} />
        </Field>
        <Field
          label={
            <>
              Largest message<span className="sr-only"> of {limits.name}</span> (MB)
            </>
          }
          error={errors.maxMessageMb?.message}
        >
          <input type="text" inputMode="numeric" className={inputClass} {...form.register('maxMessageMb')} />
        </Field>
        <Button type="submit" className="sm:mt-6" disabled={!form.formState.isDirty || form.formState.isSubmitting}>
          Save
        </Button>
      </form>
    </li>
  );
}
