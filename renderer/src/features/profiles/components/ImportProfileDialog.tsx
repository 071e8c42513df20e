import { Link } from '@tanstack/react-router';
import { ArrowRight, CheckCircle2, FileUp, KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { ProfileImportResult } from '../../../../../shared/profile-types.js';
import { Button } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';
import { Field, inputClass } from '../../../ui/field.js';
import { errorText } from '../../servers/components/server-page/error-text.js';
import { useProfileChange } from '../hooks/use-profile-queries.js';
import { refusedField } from '../lib/profile-errors.js';

interface ImportValues {
  text: string;
  name: string;
  replace: boolean;
}

/**
 * A profile file (pasted, or read from a file) made into a profile here: the servers it names that are not
 * configured are configured, and the secrets they still need are listed with where to set each one.
 */
export function ImportProfileDialog({ open, onOpenChange, onShow }: { open: boolean; onOpenChange: (open: boolean) => void; onShow: (name: string) => void }) {
  const importing = useProfileChange('profile.import');
  const [done, setDone] = useState<ProfileImportResult>();
  const form = useForm<ImportValues>({ defaultValues: { text: '', name: '', replace: false } });
  const { errors } = form.formState;
  const close = (next: boolean) => {
    if (!next) {
      form.reset();
      setDone(undefined);
    }
    onOpenChange(next);
  };
  const submit = form.handleSubmit((values) =>
    importing
      .mutateAsync(
        { text: values.text, ...(values.name.trim() ? { name: values.name.trim() } : {}), ...(values.replace ? { replace: true } : {}) },
        {
          onSuccess: setDone,
          onError: (error) => {
            // The file's own fields (servers.x.image...) are problems of the file; a taken or bad name is the name's.
            const refused = refusedField(error, ['text', 'name'] as const);
            const field = refused?.field ?? (isFileProblem(error) ? 'text' : 'root');
            form.setError(field, { message: refused?.text ?? errorText(error) });
          },
        },
      )
      .catch(() => undefined),
  );

  return (
    <Dialog
      open={open}
      onOpenChange={close}
      title="Import profile"
      description="A profile file exported by Switchyard. It holds no secret values."
      className="sm:max-w-2xl"
    >
      {done ? (
        <ImportDone result={done} onShow={() => (onShow(done.profile.name), close(false))} />
      ) : (
        <form className="space-y-4" onSubmit={(event) => void submit(event)} noValidate>
          <Field label="Profile file (YAML)" required {...(errors.text?.message ? { error: errors.text.message } : {})}>
            <textarea
              rows={10}
              spellCheck={false}
              className={`${inputClass} font-mono text-xs`}
              placeholder={'switchyardProfile: 1\nname: coding\nservers:\n  github: …'}
              {...form.register('text', { validate: (value) => (value.trim() ? true : 'Paste the profile file, or choose it below.') })}
            />
          </Field>
          <Field label="Or read it from a file">
            <input
              type="file"
              accept=".yaml,.yml,application/yaml,text/yaml,text/plain"
              className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm dark:file:border-slate-600 dark:file:bg-slate-800 dark:file:text-slate-100"
              onChange={async (event) => {
                const file = event.target.files?.[0];
                if (file) form.setValue('text', await file.text(), { shouldValidate: true });
              }}
            />
          </Field>
          <Field
            label="Import as (optional)"
            help="Another name for the profile here; the file's own name otherwise."
            {...(errors.name?.message ? { error: errors.name.message } : {})}
          >
            <input className={inputClass} autoComplete="off" spellCheck={false} {...form.register('name')} />
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" className="h-4 w-4 accent-blue-600" {...form.register('replace')} />
            Replace a profile of the same name
          </label>
          {errors.root?.message && (
            <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
              {errors.root.message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={() => close(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={form.formState.isSubmitting}>
              <FileUp className="h-4 w-4" aria-hidden />
              Import
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function ImportDone({ result, onShow }: { result: ProfileImportResult; onShow: () => void }) {
  const { profile, serversAdded, secretsToSet } = result;
  return (
    <div className="space-y-4" role="status">
      <p className="flex items-start gap-2 text-sm">
        <CheckCircle2 className="mt-0.5 h-4 w-4 shrink-0 text-green-700 dark:text-green-400" aria-hidden />
        <span>
          Imported <strong>{profile.name}</strong> with {profile.servers.length === 1 ? '1 server' : `${profile.servers.length} servers`}
          {serversAdded.length > 0 ? `; newly configured here: ${serversAdded.join(', ')}` : ''}.
        </span>
      </p>
      {secretsToSet.length > 0 ? (
        <section aria-labelledby="import-secrets">
          <h3 id="import-secrets" className="flex items-center gap-1.5 text-sm font-semibold">
            <KeyRound className="h-4 w-4" aria-hidden />
            Secrets to set
          </h3>
          <ul className="mt-2 space-y-2">
            {secretsToSet.map((secret) => (
              <li key={secret.key} className="text-sm">
                <Link
                  to="/servers/$name"
                  params={{ name: secret.server }}
                  search={{ section: 'secrets' }}
                  className="font-mono text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300"
                >
                  {secret.key}
                </Link>
                <span className="text-slate-600 dark:text-slate-400">
                  {' '}
                  ({secret.env}
                  {secret.required ? ', required' : ', optional'}) · or <code className="font-mono">switchyard secret set {secret.key}</code>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="text-sm">No secret to set: its servers have what they need.</p>
      )}
      <div className="flex justify-end">
        <Button variant="primary" onClick={onShow}>
          Show {profile.name}
          <ArrowRight className="h-4 w-4" aria-hidden />
        </Button>
      </div>
    </div>
  );
}

/** The file itself is wrong (not YAML, not a profile, a bad server entry), as opposed to the name or the engine. */
function isFileProblem(error: unknown): boolean {
  const details = (error as { details?: { field?: unknown; version?: unknown } } | null)?.details;
  return typeof details?.field === 'string' || details?.version !== undefined;
}
