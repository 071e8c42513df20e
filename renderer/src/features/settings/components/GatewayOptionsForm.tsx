import { zodResolver } from '@hookform/resolvers/zod';
import { GatewayOptionsSchema, type GatewayOptions } from '../../../../../shared/settings-types.js';
import { Field, inputClass } from '../../../ui/field.js';
import { SectionForm } from '../../../ui/section-form.js';
import { useSettingsSectionForm } from '../hooks/use-settings-section-form.js';

const numberFields: Array<{ name: Exclude<keyof GatewayOptions, 'alwaysPrefix' | 'npmBaseImage' | 'imagePullPolicy'>; label: string; help: string }> = [
  { name: 'port', label: 'HTTP port', help: 'Where AI apps reach the gateway on 127.0.0.1. Applies the next time the gateway starts.' },
  {
    name: 'idleTimeoutSeconds',
    label: 'Stop idle servers after (seconds)',
    help: 'A server with no calls for this long is stopped, and started again on the next call. 0: never. Applies at once.',
  },
  {
    name: 'callTimeoutSeconds',
    label: 'Call timeout (seconds)',
    help: 'A call with no answer after this long is cancelled. 0: no limit. A server’s own limit (Policies) wins. Applies at once.',
  },
  { name: 'maxMessageMb', label: 'Largest message (MB)', help: 'A bigger message from a server is dropped and its call fails. 1 to 4096.' },
];

/**
 * The gateway's options as a form: checked with the API's schema before sending, the engine's refusal marks the
 * field it names, and a refused value stays in the field (nothing typed is lost).
 */
export function GatewayOptionsForm({ saved }: { saved: GatewayOptions }) {
  const section = useSettingsSectionForm<GatewayOptions>({
    section: 'gateway',
    saved,
    resolver: zodResolver(GatewayOptionsSchema),
    toUpdate: (gateway) => ({ gateway }),
    afterSave: (result) => result.gateway,
    savedMessage: () => 'Gateway settings saved.',
    failedTitle: 'Could not save the gateway settings',
  });
  const { form } = section;
  const { errors } = form.formState;

  return (
    <SectionForm {...section} label="Gateway settings" submitLabel="Save gateway settings">
      <div className="grid gap-4 sm:grid-cols-2">
        {numberFields.map((field) => (
          <Field key={field.name} label={field.label} help={field.help} error={errors[field.name]?.message}>
            <input type="number" inputMode="numeric" className={inputClass} {...form.register(field.name, { valueAsNumber: true })} />
          </Field>
        ))}
        <Field
          label="npm base image"
          help="Servers added as npm packages are built on this image; it must have node on its PATH."
          error={errors.npmBaseImage?.message}
        >
          <input type="text" spellCheck={false} className={inputClass} {...form.register('npmBaseImage')} />
        </Field>
        <Field
          label="Pull server images"
          help="Missing: only when Docker lacks the image. Always: at every start, to follow a moving tag (offline, the local copy serves). Never: only images already on this machine. Applies at the next start."
          error={errors.imagePullPolicy?.message}
        >
          <select className={inputClass} {...form.register('imagePullPolicy')}>
            <option value="missing">When missing</option>
            <option value="always">Always</option>
            <option value="never">Never</option>
          </select>
        </Field>
      </div>
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" className="mt-0.5 h-4 w-4 accent-blue-600" {...form.register('alwaysPrefix')} />
        <span>
          <span className="font-medium">Always prefix names with the server</span>
          <span className="block text-slate-600 dark:text-slate-400">
            Expose every tool as <code>server__tool</code>, not only when two servers clash. Applies the next time the gateway starts.
          </span>
        </span>
      </label>
    </SectionForm>
  );
}
