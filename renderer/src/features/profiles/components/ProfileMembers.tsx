import { Link } from '@tanstack/react-router';
import { ListChecks, PackagePlus, X } from 'lucide-react';
import { useState } from 'react';
import type { ServerStatus } from '../../../../../shared/domain.js';
import type { Profile } from '../../../../../shared/profile-types.js';
import { Badge } from '../../../ui/badge.js';
import { Button } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';
import { EmptyState } from '../../../ui/states.js';
import { notify } from '../../../ui/toast.js';
import { ServerRow } from '../../servers/components/ServerRow.js';
import { useProfileChange } from '../hooks/use-profile-queries.js';
import { allowSummary } from '../lib/allow-list.js';
import { AddMemberForm } from './AddMemberForm.js';
import { ListedSwitch } from './ListedSwitch.js';
import { OnDemandToolsCard } from './OnDemandToolsCard.js';
import { ToolAllowListEditor } from './ToolAllowListEditor.js';

type Member = Profile['servers'][number];

/**
 * A profile of the user's own: its on-demand tools, its servers (each with its container's state, Start/Stop, its
 * tool allow-list, whether its tools are listed when on-demand tools are on, and a way out of the profile), a way to
 * add an enabled server, and its deny rules. The engine's answer is the truth:
 * every change is read back from it.
 */
export function ProfileMembers({ profile, statuses }: { profile: Profile; statuses: ServerStatus[] }) {
  const [choosing, setChoosing] = useState<Member>();
  const candidates = statuses.map((status) => status.name).filter((name) => !profile.servers.some((member) => member.name === name));
  return (
    <div className="space-y-4">
      <OnDemandToolsCard profile={profile} />
      <AddMemberForm profile={profile.name} candidates={candidates} />
      {profile.servers.length === 0 ? (
        <EmptyState icon={<PackagePlus className="h-10 w-10" />} title={`No servers in ${profile.name} yet`}>
          Add a server above: clients attached to {profile.name} see only the servers you add here, each with the tools you choose.
        </EmptyState>
      ) : (
        <ul
          aria-label={`Servers in ${profile.name}`}
          className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
        >
          {profile.servers.map((member) => (
            <MemberRow
              key={member.name}
              profile={profile.name}
              dynamic={profile.dynamic}
              member={member}
              status={statuses.find((status) => status.name === member.name)}
              onChooseTools={() => setChoosing(member)}
            />
          ))}
        </ul>
      )}
      {profile.deny.length > 0 && (
        <section aria-labelledby="profile-deny" className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <h2 id="profile-deny" className="text-sm font-semibold">
            Never relayed for {profile.name}
          </h2>
          <ul className="mt-2 flex flex-wrap gap-2">
            {profile.deny.map((rule) => (
              <li key={`${rule.server}/${rule.tool ?? '*'}`}>
                <Badge tone="red">{rule.tool ? `${rule.server} · ${rule.tool}` : `${rule.server} (every tool)`}</Badge>
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">These come from the profile file it was imported from; edit them in settings.json.</p>
        </section>
      )}
      {choosing && (
        <Dialog
          open
          onOpenChange={(open) => !open && setChoosing(undefined)}
          title={`Tools of ${choosing.name} in ${profile.name}`}
          description={`Only the checked tools are listed for and callable by the clients of ${profile.name}; other profiles are not changed.`}
          className="sm:max-w-xl"
        >
          <ToolAllowListEditor
            profile={profile.name}
            server={choosing.name}
            allow={choosing.allow}
            serverEnabled={choosing.enabled}
            onCancel={() => setChoosing(undefined)}
            onSaved={() => {
              notify.success(`Saved the tools of ${choosing.name} in ${profile.name}`);
              setChoosing(undefined);
            }}
          />
        </Dialog>
      )}
    </div>
  );
}

function MemberRow({
  profile,
  dynamic,
  member,
  status,
  onChooseTools,
}: {
  profile: string;
  dynamic: boolean;
  member: Member;
  status: ServerStatus | undefined;
  onChooseTools: () => void;
}) {
  const remove = useProfileChange('profile.removeServer');
  const details = (
    <>
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
        <span className="sr-only">Tools: </span>
        {allowSummary(member.allow)}
      </p>
      {dynamic && <ListedSwitch profile={profile} member={member} />}
    </>
  );
  const actions = (
    <>
      <Button size="sm" aria-label={`Choose tools of ${member.name}`} onClick={onChooseTools}>
        <ListChecks className="h-3.5 w-3.5" aria-hidden />
        Tools
      </Button>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Remove ${member.name} from ${profile}`}
        disabled={remove.isPending}
        onClick={() =>
          remove.mutate(
            { name: profile, server: member.name },
            {
              onSuccess: () => notify.success(`Removed ${member.name} from ${profile}`),
              onError: (error) => notify.error(`Could not remove ${member.name} from ${profile}`, error),
            },
          )
        }
      >
        <X className="h-3.5 w-3.5" aria-hidden />
        Remove
      </Button>
    </>
  );
  if (status && member.enabled) return <ServerRow server={status} details={details} actions={actions} />;
  // A member that is not enabled is skipped until it is: no container, no Start.
  return (
    <li aria-label={member.name} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
      <div className="min-w-0 flex-1 basis-48">
        <Link
          to="/servers/$name"
          params={{ name: member.name }}
          className="font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300"
        >
          {member.name}
        </Link>
        {!member.enabled && (
          <p className="text-xs text-slate-600 dark:text-slate-400">Disabled: the clients of {profile} see nothing of it until it is enabled again.</p>
        )}
        {details}
      </div>
      {!member.enabled && <Badge tone="amber">disabled</Badge>}
      <div className="flex flex-wrap gap-2">{actions}</div>
    </li>
  );
}
