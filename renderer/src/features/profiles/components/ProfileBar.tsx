import { Download, FolderPlus, Trash2, Upload } from 'lucide-react';
import { useState } from 'react';
import type { Profile } from '../../../../../shared/profile-types.js';
import { Button } from '../../../ui/button.js';
import { ConfirmDialog } from '../../../ui/confirm-dialog.js';
import { Select } from '../../../ui/select.js';
import { notify } from '../../../ui/toast.js';
import { useProfileChange } from '../hooks/use-profile-queries.js';
import { CreateProfileDialog } from './CreateProfileDialog.js';
import { ExportProfileDialog } from './ExportProfileDialog.js';
import { ImportProfileDialog } from './ImportProfileDialog.js';

type Open = 'create' | 'import' | 'export' | 'remove' | undefined;

/**
 * The profile switcher of My servers and what can be done with profiles: create one, import a file, and for a
 * profile of the user's own export it or remove it (after a question). `default` is built in and cannot change.
 */
export function ProfileBar({
  profiles,
  selected,
  enabledServers,
  onSelect,
}: {
  profiles: Profile[];
  selected: Profile;
  enabledServers: string[];
  onSelect: (name: string) => void;
}) {
  const [open, setOpen] = useState<Open>();
  const remove = useProfileChange('profile.remove');
  const closeUnless = (which: Open) => (next: boolean) => setOpen(next ? which : undefined);
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2">
        <label id="profile-switcher-label" htmlFor="profile-switcher" className="text-sm font-medium">
          Profile
        </label>
        <Select
          id="profile-switcher"
          value={selected.name}
          onValueChange={onSelect}
          className="w-72 max-w-full"
          options={profiles.map((profile) => ({
            value: profile.name,
            label: profile.builtIn ? `${profile.name} (every enabled server)` : profile.name,
            textValue: profile.name,
          }))}
        />
        <div className="ml-auto flex flex-wrap gap-2">
          <Button size="sm" onClick={() => setOpen('create')}>
            <FolderPlus className="h-3.5 w-3.5" aria-hidden />
            New profile
          </Button>
          <Button size="sm" onClick={() => setOpen('import')}>
            <Upload className="h-3.5 w-3.5" aria-hidden />
            Import
          </Button>
          {!selected.builtIn && (
            <>
              <Button size="sm" aria-label={`Export ${selected.name}`} onClick={() => setOpen('export')}>
                <Download className="h-3.5 w-3.5" aria-hidden />
                Export
              </Button>
              <Button size="sm" variant="ghost" aria-label={`Remove profile ${selected.name}`} onClick={() => setOpen('remove')}>
                <Trash2 className="h-3.5 w-3.5" aria-hidden />
                Remove
              </Button>
            </>
          )}
        </div>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {selected.builtIn ? (
          <>Apps connected without a profile see every enabled server.</>
        ) : (
          <>
            {selected.description ? `${selected.description}. ` : ''}
            Apps attach at <code className="font-mono text-slate-800 dark:text-slate-200">{selected.path}</code> or with{' '}
            <code className="font-mono text-slate-800 dark:text-slate-200">switchyard connect --profile {selected.name}</code>.
          </>
        )}
      </p>
      <CreateProfileDialog
        open={open === 'create'}
        onOpenChange={closeUnless('create')}
        servers={enabledServers}
        onCreated={(profile) => {
          setOpen(undefined);
          notify.success(`Created profile ${profile.name}`);
          onSelect(profile.name);
        }}
      />
      <ImportProfileDialog open={open === 'import'} onOpenChange={closeUnless('import')} onShow={onSelect} />
      {!selected.builtIn && <ExportProfileDialog name={selected.name} open={open === 'export'} onOpenChange={closeUnless('export')} />}
      <ConfirmDialog
        open={open === 'remove'}
        onOpenChange={closeUnless('remove')}
        title={`Remove profile ${selected.name}?`}
        description={`Apps attached to ${selected.name} are refused until they are connected to another profile. Its servers stay configured and enabled.`}
        confirmLabel="Remove profile"
        confirmIcon={Trash2}
        onConfirm={() =>
          remove.mutate(
            { name: selected.name },
            {
              onSuccess: () => {
                notify.success(`Removed profile ${selected.name}`);
                onSelect('default');
              },
              onError: (error) => notify.error(`Could not remove ${selected.name}`, error),
            },
          )
        }
      />
    </div>
  );
}
