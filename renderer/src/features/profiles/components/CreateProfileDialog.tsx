import { Plus } from 'lucide-react';
import { useForm } from 'react-hook-form';
import type { Profile } from '../../../../../shared/profile-types.js';
import { Button } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';
import { Field, inputClass } from '../../../ui/field.js';
import { errorText } from '../../servers/components/server-page/error-text.js';
import { useProfileChange } from '../hooks/use-profile-queries.js';
import { refusedField } from '../lib/profile-errors.js';

interface CreateProfileValues {
  name: string;
  description: string;
  servers: string[];
}

/** A profile's name is a path segment of its URL: the same rule as the engine's (which has the last word). */
const namePattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/**
 * A new profile: its name, a line on what it is for, and the enabled servers it starts with (more can be added
 * later). The engine checks everything again; what it refuses is marked on the field it is about.
 */
export function CreateProfileDialog({
  open,
  onOpenChange,
  servers,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The enabled servers it can start with. */
  servers: string[];
  onCreated: (profile: Profile) => void;
}) {
  const create = useProfileChange('profile.create');
  const form = useForm<CreateProfileValues>({ defaultValues: { name: '', description: '', servers: [] } });
  const { errors } = form.formState;
  const close = (next: boolean) => {
    if (!next) form.reset();
    onOpenChange(next);
  };
  const submit = form.handleSubmit((values) =>
    create
      .mutateAsync(
        {
          name: values.name.trim(),
          ...(values.description.trim() ? { description: values.description.trim() } : {}),
          ...(values.servers.length > 0 ? { servers: values.servers } : {}),
        },
        {
          onSuccess: (profile) => {
            form.reset();
            onCreated(profile);
          },
          onError: (error) => {
            const refused = refusedField(error, ['name', 'description', 'servers'] as const);
            form.setError(refused?.field ?? 'root', { message: refused?.text ?? errorText(error) });
          },
        },
      )
      .catch(() => undefined),
  );

  return (
    <Dialog open={open} onOpenChange={close} title="New profile" description="A named set of servers an AI app attaches to, each with the tools you choose.">
      <form className="space-y-4" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Name"
          required
          help="Lower-case letters, digits, - and _. Apps attach at /mcp/profiles/NAME or with switchyard connect --profile NAME."
          {...(errors.name?.message ? { error: errors.name.message } : {})}
        >
          <input
            className={inputClass}
            autoComplete="off"
            spellCheck={false}
            placeholder="coding"
            {...form.register('name', {
              validate: (value) => {
                const name = value.trim();
                if (!name) return 'Give the profile a name, e.g. "coding".';
                if (name === 'default') return '"default" is built in: every enabled server. Give the profile another name.';
                if (!namePattern.test(name)) return 'Use lower-case letters, digits, - and _ (at most 63), starting with a letter or digit.';
                return true;
              },
            })}
          />
        </Field>
        <Field label="Description (optional)" {...(errors.description?.message ? { error: errors.description.message } : {})}>
          <input className={inputClass} placeholder="Servers my coding agent needs" {...form.register('description')} />
        </Field>
        <fieldset className="space-y-1" aria-describedby={errors.servers?.message ? 'create-profile-servers-error' : undefined}>
          <legend className="text-sm font-medium">Start with these servers (optional)</legend>
          {servers.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No server is enabled yet: create the profile empty and add servers once they are.</p>
          ) : (
            <ul className="max-h-48 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2 dark:border-slate-700">
              {servers.map((server) => (
                <li key={server}>
                  <label className="flex items-center gap-2 text-sm">
                    <input type="checkbox" value={server} className="h-4 w-4 accent-blue-600" {...form.register('servers')} />
                    {server}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {errors.servers?.message && (
            <p id="create-profile-servers-error" className="text-xs font-medium text-red-700 dark:text-red-400">
              {errors.servers.message}
            </p>
          )}
        </fieldset>
        {errors.root?.message && (
          <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
            {errors.root.message}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={() => close(false)}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={form.formState.isSubmitting}>
            <Plus className="h-4 w-4" aria-hidden />
            Create profile
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
