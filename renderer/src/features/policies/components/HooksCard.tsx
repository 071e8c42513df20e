import { zodResolver } from '@hookform/resolvers/zod';
import { Plus, Trash2 } from 'lucide-react';
import { useForm } from 'react-hook-form';
import type { HookOptions } from '../../../../../shared/settings-types.js';
import { Button } from '../../../ui/button.js';
import { Field, inputClass } from '../../../ui/field.js';
import { SectionCard } from '../../../ui/section-card.js';
import { notify } from '../../../ui/toast.js';
import { useUpdateSettings } from '../../settings/hooks/use-engine-settings.js';
import { refusedSettingsFields } from '../../settings/lib/engine-issues.js';
import { describeHook, emptyHookForm, hookFromForm, HookFormSchema, type HookForm } from '../lib/hook-form.js';

/**
 * Programs or HTTP endpoints that see calls before they run (and may refuse them) or after. The list, Remove,
 * and a form to add one, checked here and by the engine (which alone judges a URL: https, or http to this machine).
 */
export function HooksCard({ hooks }: { hooks: HookOptions[] }) {
  const update = useUpdateSettings();
  const form = useForm<HookForm>({ defaultValues: emptyHookForm, resolver: zodResolver(HookFormSchema), mode: 'onSubmit', reValidateMode: 'onChange' });
  const kind = form.watch('kind');

  const add = form.handleSubmit(async (values) => {
    if (hooks.some((hook) => hook.name === values.name))
      return form.setError('name', { type: 'duplicate', message: `a hook named ${values.name} exists already` });
    try {
      await update.mutateAsync({ hooks: [...hooks, hookFromForm(values)] });
      form.reset(emptyHookForm);
      notify.success(`Hook ${values.name} added.`);
    } catch (error) {
      const refused = Object.entries(refusedSettingsFields(error, 'hooks'));
      const mine = refused.filter(([field]) => field.startsWith(`${hooks.length}.`) || field === String(hooks.length) || field === 'hooks');
      if (mine.length === 0) return notify.error('Could not add the hook', error);
      for (const [field, message] of mine) {
        const name = field.split('.')[1] ?? 'name';
        form.setError((name in emptyHookForm ? name : 'name') as keyof HookForm, { type: 'engine', message });
      }
    }
  });
  const remove = (name: string) =>
    update.mutate(
      { hooks: hooks.filter((hook) => hook.name !== name) },
      { onSuccess: () => notify.success(`Hook ${name} removed.`), onError: (error) => notify.error(`Could not remove ${name}`, error) },
    );
  const { errors } = form.formState;

  return (
    <SectionCard title="Hooks" description="Before hooks may refuse a call; after hooks see its outcome. Applies at once.">
      {hooks.length === 0 ? (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">No hook.</p>
      ) : (
        <ul aria-label="Hooks" className="mb-4 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {hooks.map((hook) => (
            <li key={hook.name} aria-label={hook.name} className="flex items-start gap-3 px-3 py-2 text-sm">
              <div className="min-w-0 flex-1">
                <p className="font-medium">{hook.name}</p>
                <p className="font-mono text-xs break-all text-slate-600 dark:text-slate-400">{describeHook(hook)}</p>
              </div>
              <Button size="icon" variant="ghost" aria-label={`Remove hook ${hook.name}`} disabled={update.isPending} onClick={() => remove(hook.name)}>
                <Trash2 className="h-4 w-4" aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form noValidate aria-label="Add a hook" onSubmit={(event) => void add(event)} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-3">
          <Field label="Hook name" error={errors.name?.message}>
            <input type="text" className={inputClass} {...form.register('name')} />
          </Field>
          <Field label="When">
            <select className={inputClass} {...form.register('when')}>
              <option value="before">Before the call (may refuse it)</option>
              <option value="after">After the call</option>
            </select>
          </Field>
          <Field label="On a hook error">
            <select className={inputClass} {...form.register('onError')}>
              <option value="default">Default (before: block, after: allow)</option>
              <option value="block">Block the call</option>
              <option value="allow">Allow the call</option>
            </select>
          </Field>
          <Field label="Only server (empty: any; * matches)" error={errors.server?.message}>
            <input type="text" spellCheck={false} className={inputClass} {...form.register('server')} />
          </Field>
          <Field label="Only tool (empty: any; * matches)" error={errors.tool?.message}>
            <input type="text" spellCheck={false} className={inputClass} {...form.register('tool')} />
          </Field>
          <Field label="Timeout (ms)" error={errors.timeoutMs?.message}>
            <input type="number" inputMode="numeric" className={inputClass} {...form.register('timeoutMs', { valueAsNumber: true })} />
          </Field>
        </div>
        <fieldset className="flex flex-wrap gap-x-5 gap-y-2">
          <legend className="mb-1 text-sm font-medium">Runs</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" value="command" className="h-4 w-4 accent-blue-600" {...form.register('kind')} />A program
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" value="url" className="h-4 w-4 accent-blue-600" {...form.register('kind')} />
            An HTTP endpoint
          </label>
        </fieldset>
        {kind === 'command' ? (
          <Field
            label="Program and arguments"
            help="Words separated by spaces, run without a shell; the call comes as JSON on stdin."
            error={errors.command?.message}
          >
            <input type="text" spellCheck={false} className={inputClass} {...form.register('command')} />
          </Field>
        ) : (
          <Field label="Hook URL" help="https, or http to 127.0.0.1 / localhost only: hooks see every call’s arguments." error={errors.url?.message}>
            <input type="url" spellCheck={false} className={inputClass} {...form.register('url')} />
          </Field>
        )}
        <Button type="submit" variant="primary" disabled={form.formState.isSubmitting}>
          <Plus className="h-4 w-4" aria-hidden />
          Add hook
        </Button>
      </form>
    </SectionCard>
  );
}
