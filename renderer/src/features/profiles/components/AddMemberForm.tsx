import { Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../ui/button.js';
import { Field } from '../../../ui/field.js';
import { Select } from '../../../ui/select.js';
import { notify } from '../../../ui/toast.js';
import { errorText } from '../../servers/components/server-page/error-text.js';
import { useProfileChange } from '../hooks/use-profile-queries.js';
import { refusedField } from '../lib/profile-errors.js';

/** Adds one of the enabled servers that are not in the profile yet; the engine's refusal shows on the field. */
export function AddMemberForm({ profile, candidates }: { profile: string; candidates: string[] }) {
  const [server, setServer] = useState('');
  const [problem, setProblem] = useState<string>();
  const add = useProfileChange('profile.addServer');
  const chosen = candidates.includes(server) ? server : '';
  if (candidates.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Every enabled server is in {profile}. Enable more in the catalog, or with Add server, to add them here.
      </p>
    );
  }
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!chosen) return setProblem('Choose a server to add.');
        add.mutate(
          { name: profile, server: chosen },
          {
            onSuccess: () => {
              setServer('');
              setProblem(undefined);
              notify.success(`Added ${chosen} to ${profile}`);
            },
            onError: (error) => setProblem(refusedField(error, ['server'])?.text ?? errorText(error)),
          },
        );
      }}
    >
      <div className="min-w-0 flex-1 basis-56">
        <Field label={`Add a server to ${profile}`} {...(problem ? { error: problem } : {})}>
          <Select
            value={chosen}
            onValueChange={(value) => (setServer(value), setProblem(undefined))}
            placeholder="Choose an enabled server"
            options={candidates.map((name) => ({ value: name, label: name }))}
            className="w-full"
          />
        </Field>
      </div>
      <Button type="submit" variant="primary" disabled={add.isPending}>
        <Plus className="h-4 w-4" aria-hidden />
        Add to profile
      </Button>
    </form>
  );
}
