import { Button } from '../../../ui/button.js';
import { ErrorState, LoadingState } from '../../../ui/states.js';
import { useEngineSettings } from '../../settings/hooks/use-engine-settings.js';
import { DenyRulesCard } from './DenyRulesCard.js';
import { HeldToolsCard } from './HeldToolsCard.js';
import { HooksCard } from './HooksCard.js';
import { LeakGuardCard } from './LeakGuardCard.js';
import { ServerLimitsCard } from './ServerLimitsCard.js';
import { ToolTimeoutsCard } from './ToolTimeoutsCard.js';

/**
 * Policies: what stands between an AI app and a server's tools. Tools held back by pinning, deny rules, the leak
 * guard, per-server limits and hooks; every change is written to settings.json and applied by the running gateway.
 */
export function PoliciesPage() {
  const settings = useEngineSettings();
  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-4xl space-y-5">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
          Policies
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">What every call must pass before it reaches a server, for every AI app alike.</p>
      </div>
      <HeldToolsCard />
      {settings.isPending ? (
        <LoadingState label="Reading the policies…" />
      ) : settings.isError ? (
        <ErrorState title="Could not read the policies" error={settings.error} action={<Button onClick={() => void settings.refetch()}>Try again</Button>} />
      ) : (
        <>
          <DenyRulesCard rules={settings.data.policy.deny} servers={settings.data.servers.map((server) => server.name)} />
          <LeakGuardCard mode={settings.data.policy.leakGuard} />
          <ServerLimitsCard servers={settings.data.servers} gateway={settings.data.gateway} />
          <ToolTimeoutsCard servers={settings.data.servers} />
          <HooksCard hooks={settings.data.hooks} />
        </>
      )}
    </section>
  );
}
