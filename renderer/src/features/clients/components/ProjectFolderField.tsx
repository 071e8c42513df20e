import { FolderOpen } from 'lucide-react';
import { useApi } from '../../../api/api-context.js';
import { Button } from '../../../ui/button.js';
import { Field, inputClass } from '../../../ui/field.js';
import { notify } from '../../../ui/toast.js';

/**
 * The project folder to connect an app for: typed (an absolute path), or in the desktop app picked with the OS's
 * folder picker ("Choose…"). The engine checks the folder; its problem shows at the field.
 */
export function ProjectFolderField({
  appName,
  value,
  onChange,
  problem,
}: {
  appName: string;
  value: string;
  onChange: (folder: string) => void;
  problem: string | undefined;
}) {
  const { desktop } = useApi();
  const choose = async () => {
    try {
      const folder = await desktop!.chooseFolder({ title: `Project folder for ${appName}`, ...(value.trim() ? { defaultPath: value.trim() } : {}) });
      if (folder) onChange(folder);
    } catch (error) {
      notify.error('Could not open the folder picker', error);
    }
  };
  return (
    <div className="flex items-start gap-2">
      <div className="min-w-0 flex-1">
        <Field label="Project folder" help={`${appName} reads this project’s own config file when it opens the folder.`} error={problem}>
          <input className={inputClass} value={value} onChange={(event) => onChange(event.target.value)} placeholder="/path/to/project" />
        </Field>
      </div>
      {desktop && (
        <Button className="mt-6" onClick={() => void choose()}>
          <FolderOpen className="h-4 w-4" aria-hidden />
          Choose…
        </Button>
      )}
    </div>
  );
}
