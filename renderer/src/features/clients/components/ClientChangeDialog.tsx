import { CheckCircle2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ApiResult } from '../../../../../shared/api.js';
import type { ClientRow } from '../../../../../shared/catalog-types.js';
import { Button } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';
import { Field, inputClass } from '../../../ui/field.js';
import { ErrorState, LoadingState, describeError } from '../../../ui/states.js';
import { notify } from '../../../ui/toast.js';
import { useClientChange, useClientPlan } from '../hooks/use-client-queries.js';
import { DiffView } from './DiffView.js';
import { errorText } from '../../servers/components/server-page/error-text.js';
import { ProfileChoice } from './ProfileChoice.js';
import { TransportChoice } from './TransportChoice.js';

/** Apps whose project-level config the engine can write (client.connect's projectDir). */
const projectApps = new Set(['claude-code', 'vscode', 'cursor']);

export type ClientAction = 'connect' | 'repair' | 'disconnect';

const verbs: Record<ClientAction, { title: string; button: string; done: string }> = {
  connect: { title: 'Connect', button: 'Connect', done: 'connected' },
  repair: { title: 'Repair', button: 'Repair', done: 'repaired' },
  disconnect: { title: 'Disconnect', button: 'Disconnect', done: 'disconnected' },
};

/**
 * Connect, Repair or Disconnect one app: first the engine's plan (the file, a diff of exactly what will be
 * written, the backup, the transport and why), then the change, then where the previous file was kept.
 */
export function ClientChangeDialog({ client, action, onClose }: { client: ClientRow; action: ClientAction; onClose: () => void }) {
  const engineAction = action === 'disconnect' ? 'disconnect' : 'connect';
  const [transport, setTransport] = useState<'stdio' | 'http' | undefined>();
  const [profile, setProfile] = useState(client.profile ?? 'default');
  const [projectDir, setProjectDir] = useState('');
  const [planDir, setPlanDir] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setPlanDir(projectDir.trim()), 400);
    return () => clearTimeout(timer);
  }, [projectDir]);
  const request = {
    action: engineAction,
    id: client.id,
    ...(planDir ? { projectDir: planDir } : {}),
    ...(transport ? { transport } : {}),
    ...(engineAction === 'connect' ? { profile } : {}),
  } as const;
  const plan = useClientPlan(request);
  const change = useClientChange();
  const [done, setDone] = useState<ApiResult<'client.connect'> | undefined>();
  const verb = verbs[action];
  const dirProblem = planDir && isProjectDirError(plan.error) ? describeError(plan.error).message : undefined;
  const profileProblem = isProfileError(plan.error) ? errorText(plan.error) : undefined;

  const apply = () =>
    change.mutate(
      { ...request, ...(projectDir.trim() ? { projectDir: projectDir.trim() } : {}) },
      { onSuccess: setDone, onError: (error) => notify.error(`Could not ${verb.title.toLowerCase()} ${client.name}`, error) },
    );

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`${verb.title} ${client.name}`}
      description="Switchyard changes only its own entry; every other entry in the file stays as it is, and the previous file is kept as a backup."
      className="sm:max-w-2xl"
    >
      {done ? (
        <div className="space-y-4" role="status">
          <p className="flex items-start gap-2 text-sm">
            <CheckCircle2 className="mt-0.5 h-4 w-4 shrink-0 text-green-700 dark:text-green-400" aria-hidden />
            <span>
              {done.changed ? `${client.name} ${verb.done}.` : `Nothing to change: ${client.name} was already ${verb.done}.`}
              {done.restartRequired && done.changed ? ` Restart ${client.name} to load the change.` : ''}
            </span>
          </p>
          <p className="text-sm">
            {done.backup ? (
              <>
                The previous file is kept at <span className="font-mono break-all">{done.backup}</span>.
              </>
            ) : done.changed ? (
              'There was no earlier file to back up.'
            ) : null}
          </p>
          <div className="flex justify-end">
            <Button variant="primary" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      ) : plan.data === undefined && plan.isPending ? (
        <LoadingState label="Working out the change…" />
      ) : plan.data === undefined || (plan.isError && !dirProblem && !profileProblem) ? (
        <ErrorState title="Could not work out the change" error={plan.error} />
      ) : (
        <div className="space-y-4">
          <p className="text-sm">
            File: <span className="font-mono break-all">{plan.data.file}</span>
            {plan.data.created && ' (will be created)'}
            {plan.data.deleted && ' (will be removed: nothing else is left in it)'}
          </p>
          {engineAction === 'connect' && (
            <TransportChoice plan={plan.data} chosen={transport} appName={client.name} onChoose={(choice) => setTransport(choice)} />
          )}
          {engineAction === 'connect' && <ProfileChoice value={profile} onChange={setProfile} problem={profileProblem} />}
          {plan.data.changed ? (
            <div>
              <h3 className="mb-1 text-sm font-medium">What will be written</h3>
              <DiffView diff={plan.data.diff} label={`Changes to ${plan.data.file}`} />
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                {plan.data.backup ? (
                  <>
                    The current file will be kept as <span className="font-mono break-all">{plan.data.backup}</span>.
                  </>
                ) : (
                  'The file does not exist yet: nothing to back up.'
                )}
              </p>
            </div>
          ) : (
            <p className="text-sm">
              Nothing to change: {client.name} is {engineAction === 'connect' ? 'already connected this way' : 'not connected'}.
            </p>
          )}
          {engineAction === 'connect' && projectApps.has(client.id) && (
            <Field label="Project folder (optional)" help="Connect for one project instead of for every project." error={dirProblem}>
              <input className={inputClass} value={projectDir} onChange={(event) => setProjectDir(event.target.value)} placeholder="/path/to/project" />
            </Field>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant={action === 'disconnect' ? 'danger' : 'primary'}
              disabled={change.isPending || plan.isFetching || dirProblem !== undefined || profileProblem !== undefined || !plan.data.changed}
              onClick={apply}
            >
              {verb.button}
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** The engine refused the profile (there is none of that name): `details.profile` names it. */
function isProfileError(error: unknown): boolean {
  return typeof (error as { details?: { profile?: unknown } } | null)?.details?.profile === 'string';
}

function isProjectDirError(error: unknown): boolean {
  return (error as { details?: { field?: unknown } } | null)?.details?.field === 'projectDir';
}
