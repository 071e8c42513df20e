import { EngineSettingsFrame } from '../../settings/components/EngineSettingsFrame.js';
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
  return (
    <EngineSettingsFrame
      title="Policies"
      intro="What every call must pass before it reaches a server, for every AI app alike."
      reads="the policies"
      before={<HeldToolsCard />}
    >
      {(settings) => (
        <>
          <DenyRulesCard rules={settings.policy.deny} servers={settings.servers.map((server) => server.name)} />
          <LeakGuardCard mode={settings.policy.leakGuard} />
          <ServerLimitsCard servers={settings.servers} gateway={settings.gateway} />
          <ToolTimeoutsCard servers={settings.servers} />
          <HooksCard hooks={settings.hooks} />
        </>
      )}
    </EngineSettingsFrame>
  );
}
