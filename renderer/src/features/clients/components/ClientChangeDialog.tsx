import { CheckCircle2, Plug, Unplug, Wrench, type LucideIcon } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ApiResult } from '../../../../../shared/api.js';
import type { ClientPlan, ClientRow } from '../../../../../shared/catalog-types.js';
import { Button } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';
import { ErrorState, LoadingState, describeError } from '../../../ui/states.js';
import { notify } from '../../../ui/toast.js';
import { useClientChange, useClientPlan } from '../hooks/use-client-queries.js';
import { DiffView } from './DiffView.js';
import { errorText } from '../../servers/components/server-page/error-text.js';
import { ProfileChoice } from './ProfileChoice.js';
import { ProjectFolderField } from './ProjectFolderField.js';
import { TransportChoice } from './TransportChoice.js';

export type ClientAction = 'connect' | 'repair' | 'disconnect';

const verbs: Record<ClientAction, { title: string; button: string; done: string; icon: LucideIcon }> = {
  connect: { title: 'Connect', button: 'Connect', done: 'connected', icon: Plug },
  repair: { title: 'Repair', button: 'Repair', done: 'repaired', icon: Wrench },
  disconnect: { title: 'Disconnect', button: 'Disconnect', done: 'disconnected', icon: Unplug },
};

/** A project-level change: of a project already connected (`dir`), or of one the user names in the dialog. */
export interface ProjectTarget {
  dir?: string;
}

/**
 * Connect, Repair or Disconnect one app: first the engine's plan (the file, a diff of exactly what will be
 * written, the backup, the transport and why), then the change, then where the previous file was kept. With
 * `project`, the change is to the app's file for one project folder: a connected one, or one typed in here.
 */
export function ClientChangeDialog({
  client,
  action,
  project,
  onClose,
}: {
  client: ClientRow;
  action: ClientAction;
  project?: ProjectTarget;
  onClose: () => void;
}) {
  const engineAction = action === 'disconnect' ? 'disconnect' : 'connect';
  const knownProject = project?.dir ? client.projects.find((candidate) => candidate.dir === project.dir) : undefined;
  const [transport, setTransport] = useState<'stdio' | 'http' | undefined>();
  const [profile, setProfile] = useState((project ? knownProject?.profile : client.profile) ?? 'default');
  const asksFolder = project !== undefined && project.dir === undefined;
  const [projectDir, setProjectDir] = useState(project?.dir ?? '');
  const [planDir, setPlanDir] = useState(project?.dir ?? '');
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
  const plan = useClientPlan(asksFolder && !planDir ? undefined : request);
  const change = useClientChange();
  const [done, setDone] = useState<ApiResult<'client.connect'> | undefined>();
  const verb = verbs[action];
  const VerbIcon = verb.icon;
  const where = project ? ` for ${projectDir.trim() || 'a project'}` : '';
  const dirProblem = planDir && isProjectDirError(plan.error) ? describeError(plan.error).message : undefined;
  const profileProblem = isProfileError(plan.error) ? errorText(plan.error) : undefined;

  const apply = () =>
    change.mutate(
      { ...request, ...(projectDir.trim() ? { projectDir: projectDir.trim() } : {}) },
      { onSuccess: setDone, onError: (error) => notify.error(`Could not ${verb.title.toLowerCase()} ${client.name}${where}`, error) },
    );

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={project ? `${verb.title} ${client.name} for a project` : `${verb.title} ${client.name}`}
      description="Switchyard changes only its own entry; every other entry in the file stays as it is, and the previous file is kept as a backup."
      className="sm:max-w-2xl"
    >
      {done ? (
        <div className="space-y-4" role="status">
          <p className="flex items-start gap-2 text-sm">
            <CheckCircle2 className="mt-0.5 h-4 w-4 shrink-0 text-green-700 dark:text-green-400" aria-hidden />
            <span>
              {done.changed ? `${client.name} ${verb.done}${where}.` : `Nothing to change: ${client.name} was already ${verb.done}${where}.`}
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
            <Button variant="primary" autoFocus onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      ) : (
        <div className="space-y-4">
          {asksFolder ? (
            <ProjectFolderField appName={client.name} value={projectDir} onChange={setProjectDir} problem={dirProblem} />
          ) : (
            project?.dir && (
              <p className="text-sm">
                Project: <span className="font-mono break-all">{project.dir}</span>
              </p>
            )
          )}
          {asksFolder && !planDir ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">Type the project’s folder (an absolute path) to see what will be written.</p>
          ) : dirProblem ? null : plan.data === undefined && plan.isPending ? (
            <LoadingState label="Working out the change…" />
          ) : plan.data === undefined || (plan.isError && !profileProblem) ? (
            <ErrorState title="Could not work out the change" error={plan.error} />
          ) : (
            <PlanView
              plan={plan.data}
              client={client}
              engineAction={engineAction}
              transport={transport}
              onTransport={setTransport}
              profile={profile}
              onProfile={setProfile}
              profileProblem={profileProblem}
            />
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant={action === 'disconnect' ? 'danger' : 'primary'}
              disabled={
                change.isPending ||
                plan.isFetching ||
                plan.data === undefined ||
                (asksFolder && projectDir.trim() !== planDir) ||
                dirProblem !== undefined ||
                profileProblem !== undefined ||
                !plan.data.changed
              }
              onClick={apply}
            >
              <VerbIcon className="h-4 w-4" aria-hidden />
              {verb.button}
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

/** The plan: the file, the transport and profile to choose (connect), and the diff of what will be written. */
function PlanView({
  plan,
  client,
  engineAction,
  transport,
  onTransport,
  profile,
  onProfile,
  profileProblem,
}: {
  plan: ClientPlan;
  client: ClientRow;
  engineAction: 'connect' | 'disconnect';
  transport: 'stdio' | 'http' | undefined;
  onTransport: (choice: 'stdio' | 'http') => void;
  profile: string;
  onProfile: (profile: string) => void;
  profileProblem: string | undefined;
}) {
  return (
    <>
      <p className="text-sm">
        File: <span className="font-mono break-all">{plan.file}</span>
        {plan.created && ' (will be created)'}
        {plan.deleted && ' (will be removed: nothing else is left in it)'}
      </p>
      {engineAction === 'connect' && <TransportChoice plan={plan} chosen={transport} appName={client.name} onChoose={onTransport} />}
      {engineAction === 'connect' && <ProfileChoice value={profile} onChange={onProfile} problem={profileProblem} />}
      {plan.changed ? (
        <div>
          <h3 className="mb-1 text-sm font-medium">What will be written</h3>
          <DiffView diff={plan.diff} label={`Changes to ${plan.file}`} />
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            {plan.backup ? (
              <>
                The current file will be kept as <span className="font-mono break-all">{plan.backup}</span>.
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
    </>
  );
}

/** The engine refused the profile (there is none of that name): `details.profile` names it. */
function isProfileError(error: unknown): boolean {
  return typeof (error as { details?: { profile?: unknown } } | null)?.details?.profile === 'string';
}

function isProjectDirError(error: unknown): boolean {
  return (error as { details?: { field?: unknown } } | null)?.details?.field === 'projectDir';
}
