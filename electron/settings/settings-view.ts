import type { EngineSettings } from '../../shared/settings-types.js';
import type { Settings } from './settings-schema.js';

/**
 * The settings as settings.get shows them: every field a window edits, with no secret value (the gateway token
 * is left out, telemetry headers appear by name only), and where Switchyard keeps its files.
 */
export function engineSettingsView(settings: Settings, places: EngineSettings['places'], version: string): EngineSettings {
  const { token: _token, ...gateway } = settings.gateway;
  const { headers, ...telemetry } = settings.telemetry;
  return {
    gateway,
    policy: { deny: settings.policy.deny.map((rule) => ({ ...rule })), leakGuard: settings.policy.leakGuard },
    hooks: settings.hooks.map((hook) => ({ ...hook })),
    telemetry: { ...telemetry, headerNames: Object.keys(headers ?? {}).sort() },
    servers: Object.entries(settings.servers)
      .map(([name, server]) => ({
        name,
        ...(server.callTimeoutSeconds !== undefined ? { callTimeoutSeconds: server.callTimeoutSeconds } : {}),
        ...(server.maxMessageMb !== undefined ? { maxMessageMb: server.maxMessageMb } : {}),
        ...(server.toolCallTimeoutSeconds && Object.keys(server.toolCallTimeoutSeconds).length > 0
          ? { toolCallTimeoutSeconds: { ...server.toolCallTimeoutSeconds } }
          : {}),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    history: { ...settings.history },
    places,
    version,
  };
}
