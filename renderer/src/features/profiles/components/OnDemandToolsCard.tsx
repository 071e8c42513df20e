import type { Profile } from '../../../../../shared/profile-types.js';
import { Switch } from '../../../ui/switch.js';
import { notify } from '../../../ui/toast.js';
import { useProfileChange } from '../hooks/use-profile-queries.js';

/** The four tools Switchyard adds for the apps of a profile with on-demand tools (see electron/gateway/on-demand-tools.ts). */
const gatewayTools = ['find_servers', 'describe_server', 'add_server', 'call_tool'];

/**
 * A profile's on-demand tools (`dynamic`): what they are, and a switch. On, its apps can find servers, add one to
 * their conversation after asking the user, and call the tools of servers that are not listed; off, every
 * member's tools are listed again.
 */
export function OnDemandToolsCard({ profile }: { profile: Profile }) {
  const update = useProfileChange('profile.update');
  // While the engine applies it, the switch shows what was asked for; then the engine's answer.
  const on = update.isPending ? update.variables.dynamic === true : profile.dynamic;
  const unlisted = profile.servers.filter((member) => member.listed === false).length;
  const set = (dynamic: boolean) =>
    update.mutate(
      { name: profile.name, dynamic },
      {
        onSuccess: () =>
          notify.success(
            dynamic
              ? `On-demand tools on for ${profile.name}`
              : `On-demand tools off for ${profile.name}${unlisted > 0 ? ': every server’s tools are listed again' : ''}`,
          ),
        onError: (error) => notify.error(`Could not change the on-demand tools of ${profile.name}`, error),
      },
    );
  return (
    <section aria-labelledby="on-demand-tools" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-start gap-3">
        <Switch label={`On-demand tools for ${profile.name}`} checked={on} onCheckedChange={set} disabled={update.isPending} className="mt-0.5" />
        <div className="min-w-0 space-y-1 text-sm text-slate-700 dark:text-slate-300">
          <h2 id="on-demand-tools" className="font-semibold text-slate-900 dark:text-slate-100">
            On-demand tools
          </h2>
          <p>
            An AI app attached to {profile.name} gets four tools of Switchyard’s own, so it can find the server it needs in the middle of a conversation instead
            of carrying every tool of every server: search the catalog, see what a server offers, add a server to its conversation (Switchyard asks you first),
            and call a tool of a server whose tools are not listed.
          </p>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {on ? (
              <>
                On: the apps see{' '}
                {gatewayTools.map((tool, index) => (
                  <span key={tool}>
                    {index > 0 && ', '}
                    <code className="font-mono">{tool}</code>
                  </span>
                ))}
                . Turn <span className="font-medium">Listed</span> off on a server below to keep its tools out of the tool list.
              </>
            ) : (
              <>Off: the apps see exactly the tools of the servers below. Turn it on to keep a large server’s tools out of the list.</>
            )}
          </p>
        </div>
      </div>
    </section>
  );
}
