import type { ApiHandlers } from '../../../shared/api.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { setToolEnabled, toolRows } from '../../servers/tool-settings.js';
import type { Gateway } from '../../gateway/gateway.js';
import { describeChange, type ToolPins } from '../../gateway/tool-pins.js';
import { serverNameOrGiven } from '../../servers/server-names.js';
import type { SettingsSync } from '../../servers/settings-sync.js';
import type { SettingsStore } from '../../settings/settings-store.js';
import type { ControlEmit } from '../control-events.js';

export function toolsHandlers(context: {
  gateway: Gateway;
  store: SettingsStore;
  pins: ToolPins;
  settingsSync: SettingsSync;
  emit: ControlEmit;
}): Pick<ApiHandlers, 'tools.list' | 'tools.setEnabled' | 'tools.pending' | 'tools.approve'> {
  return {
    'tools.list': async ({ server: given }) => {
      const server = given === undefined ? undefined : serverNameOrGiven(given, context.store.load().settings);
      if (server !== undefined && !context.gateway.knownTools().some((entry) => entry.server === server)) {
        throw new SwitchyardError('SERVER_NOT_FOUND', `No enabled server named "${server}".`, 'See the enabled servers with `switchyard server ls`.', {
          name: server,
        });
      }
      return toolRows(context.gateway.knownTools(), server);
    },
    // Clients hear tools/list_changed; the server's container keeps running; the sync emits tools.changed.
    'tools.setEnabled': async ({ name, tool, enabled }) => {
      const changed = setToolEnabled(context.store, name, tool, enabled);
      await context.settingsSync.sync();
      return changed;
    },
    // A tool kept blocked (switched off) stays hidden whatever its definition: its change waits until it is switched on.
    'tools.pending': async () => {
      const { servers } = context.store.load().settings;
      return context.pins
        .pendingChanges()
        .filter((change) => !servers[change.server]?.disabledTools?.includes(change.tool))
        .map((change) => ({ server: change.server, tool: change.tool, diff: describeChange(change) }));
    },
    'tools.approve': async ({ name: given, tool }) => {
      const name = serverNameOrGiven(given, context.store.load().settings);
      const approved = context.pins.approve(name, tool);
      context.gateway.pinsChanged();
      context.emit('tools.changed', { server: name });
      return { server: name, approved };
    },
  };
}
