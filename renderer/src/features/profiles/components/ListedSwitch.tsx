import type { Profile } from '../../../../../shared/profile-types.js';
import { Switch } from '../../../ui/switch.js';
import { notify } from '../../../ui/toast.js';
import { useProfileChange } from '../hooks/use-profile-queries.js';

type Member = Profile['servers'][number];

/**
 * Whether a member's tools are in the tool list the profile's apps see (`listed`). Only a profile with on-demand
 * tools offers it: an unlisted server's tools are still reached with call_tool, elsewhere they could not be.
 */
export function ListedSwitch({ profile, member }: { profile: string; member: Member }) {
  const setListed = useProfileChange('profile.setListed');
  const listed = setListed.isPending ? setListed.variables.listed : member.listed !== false;
  const set = (next: boolean) =>
    setListed.mutate(
      { name: profile, server: member.name, listed: next },
      {
        onSuccess: () => notify.success(next ? `The tools of ${member.name} are listed again` : `The tools of ${member.name} are no longer listed`),
        onError: (error) => notify.error(`Could not change whether ${member.name} is listed`, error),
      },
    );
  return (
    <div className="mt-2 flex items-start gap-2">
      <Switch label={`List the tools of ${member.name}`} checked={listed} onCheckedChange={set} disabled={setListed.isPending} className="mt-0.5" />
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {listed ? (
          <>
            <span className="font-medium text-slate-800 dark:text-slate-200">Listed:</span> its tools are in the tool list the apps see.
          </>
        ) : (
          <>
            <span className="font-medium text-slate-800 dark:text-slate-200">Not listed:</span> its tools stay out of the tool list (and out of the model’s
            context); the apps can still call them through <code className="font-mono">call_tool</code>.
          </>
        )}
      </p>
    </div>
  );
}
