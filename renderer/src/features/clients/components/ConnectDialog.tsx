import { useState } from 'react';
import type { ClientRow } from '../../../../../shared/catalog-types.js';
import { Button } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';
import { Field, inputClass } from '../../../ui/field.js';
import { ErrorState, LoadingState, describeError } from '../../../ui/states.js';
import { notify } from '../../../ui/toast.js';
import { useClientChange, useClientSnippet } from '../hooks/use-client-queries.js';

/** Apps whose project-level config the engine can write (client.connect's projectDir). */
const projectApps = new Set(['claude-code', 'vscode', 'cursor']);

/** Shows what connect will write (entry, file, transport) before writing it; the backup's path after. */
export function ConnectDialog({ client, onClose }: { client: ClientRow | undefined; onClose: () => void }) {
  const snippet = useClientSnippet(client?.id);
  const change = useClientChange();
  const [projectDir, setProjectDir] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  if (!client) return null;
  const repair = client.state === 'stale';
  const connect = () => {
    setFieldError(undefined);
    const dir = projectDir.trim();
    change.mutate(
      { action: 'connect', id: client.id, ...(dir ? { projectDir: dir } : {}) },
      {
        onSuccess: (result) => {
          notify.success(
            `${client.name} ${repair ? 'repaired' : 'connected'}. ${result.backup ? `Backup of the previous file: ${result.backup}.` : 'No earlier file to back up.'}${result.restartRequired ? ` Restart ${client.name} to load it.` : ''}`,
          );
          onClose();
        },
        onError: (error) => {
          if (dir && (error as { details?: { field?: unknown } }).details?.field === 'projectDir') setFieldError(describeError(error).message);
          else notify.error(`Could not connect ${client.name}`, error);
        },
      },
    );
  };
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`${repair ? 'Repair' : 'Connect'} ${client.name}`}
      description="Switchyard adds only its own entry; every other entry in the file stays as it is, and a backup is kept."
    >
      {snippet.isPending ? (
        <LoadingState label="Preparing the entry…" />
      ) : snippet.isError ? (
        <ErrorState title="Could not prepare the entry" error={snippet.error} />
      ) : (
        <div className="space-y-4">
          <div className="space-y-1 text-sm">
            <p>
              File: <span className="font-mono break-all">{snippet.data.file}</span>
            </p>
            <p>
              Transport: <strong>{snippet.data.transport === 'stdio' ? 'stdio bridge' : 'HTTP'}</strong>
              {snippet.data.transport === 'stdio' && ' — the app starts Switchyard itself, so no token is written into another program’s file.'}
            </p>
          </div>
          <div>
            <h3 className="mb-1 text-sm font-medium">What will be written</h3>
            <pre
              aria-label="Entry to be written"
              tabIndex={0}
              className="max-h-64 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs text-slate-900 dark:bg-slate-950 dark:text-slate-100"
            >
              {snippet.data.text}
            </pre>
          </div>
          {projectApps.has(client.id) && (
            <Field label="Project folder (optional)" help="Connect for one project instead of for every project." error={fieldError}>
              <input className={inputClass} value={projectDir} onChange={(event) => setProjectDir(event.target.value)} placeholder="/path/to/project" />
            </Field>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="primary" disabled={change.isPending} onClick={connect}>
              {repair ? 'Repair' : 'Connect'}
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
