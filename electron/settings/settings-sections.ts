import type { SettingsSection } from '../../shared/settings-types.js';
import type { Settings } from './settings-schema.js';

/** The engine-settings sections (as settings.changed names them) that differ between two versions of the settings. */
export function changedSettingsSections(before: Settings, after: Settings): SettingsSection[] {
  const sections: SettingsSection[] = [];
  const { token: tokenBefore, ...gatewayBefore } = before.gateway;
  const { token: tokenAfter, ...gatewayAfter } = after.gateway;
  if (!same(gatewayBefore, gatewayAfter)) sections.push('gateway');
  if (tokenBefore !== tokenAfter) sections.push('token');
  if (!same(before.policy, after.policy)) sections.push('policy');
  if (!same(before.hooks, after.hooks)) sections.push('hooks');
  if (!same(before.telemetry, after.telemetry)) sections.push('telemetry');
  if (!same(serverLimits(before), serverLimits(after))) sections.push('servers');
  if (!same(before.history, after.history)) sections.push('history');
  return sections;
}

function serverLimits(settings: Settings): Array<[string, number | undefined, number | undefined, Record<string, number> | undefined]> {
  return Object.entries(settings.servers)
    .map(([name, server]): [string, number | undefined, number | undefined, Record<string, number> | undefined] => [
      name,
      server.callTimeoutSeconds,
      server.maxMessageMb,
      server.toolCallTimeoutSeconds,
    ])
    .sort(([a], [b]) => a.localeCompare(b));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
