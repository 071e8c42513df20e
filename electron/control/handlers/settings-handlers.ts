import path from 'node:path';
import type { ApiHandlers } from '../../../shared/api.js';
import type { SettingsSync } from '../../servers/settings-sync.js';
import { ensureGatewayToken, rotateGatewayToken } from '../../settings/gateway-token.js';
import type { SettingsStore } from '../../settings/settings-store.js';
import { applySettingsUpdate } from '../../settings/settings-update.js';
import { engineSettingsView } from '../../settings/settings-view.js';

/**
 * The engine's own settings (gateway options, policy, hooks, telemetry, per-server limits) and the gateway token.
 * A change is written to settings.json (checked whole first: a refused value writes nothing) and then synced,
 * so the running gateway applies it and settings.changed reaches every window, as for a change made by the CLI.
 */
export function settingsHandlers(context: {
  store: SettingsStore;
  settingsSync: SettingsSync;
  home: string;
  pinsFile: string;
  version: string;
}): Pick<ApiHandlers, 'settings.get' | 'settings.update' | 'gateway.token' | 'gateway.rotateToken'> {
  const places = {
    home: context.home,
    settingsFile: context.store.file,
    historyFile: path.join(context.home, 'history.db'),
    pinsFile: context.pinsFile,
  };
  return {
    'settings.get': async () => engineSettingsView(context.store.load().settings, places, context.version),
    'settings.update': async (update) => {
      const settings = context.store.update((settings) => applySettingsUpdate(settings, update));
      await context.settingsSync.sync();
      return engineSettingsView(settings, places, context.version);
    },
    'gateway.token': async () => ({ token: ensureGatewayToken(context.store) }),
    'gateway.rotateToken': async () => {
      const token = rotateGatewayToken(context.store);
      await context.settingsSync.sync();
      return { token };
    },
  };
}
