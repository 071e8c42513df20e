import type { ApiHandlers } from '../../../shared/api.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { setToolEnabled, toolRows } from '../../app/tool-settings.js';
import type { Gateway } from '../../gateway/gateway.js';
import { describeChange, type ToolPins } from '../../gateway/tool-pins.js';
import type { SettingsStore } from '../../settings/settings-store.js';

export function toolsHandlers(context: { gateway: Gateway; store: SettingsStore; pins: ToolPins }): Pick<ApiHandlers, 'tools.list' | 'tools.setEnabled' | 'tools.pending' | 'tools.approve'> {
  return {
    'tools.list': async ({ server }) => {
      if (server !== undefined && !context.gateway.knownTools().some((entry) => entry.server === server)) {
        throw new SwitchyardError('SERVER_NOT_FOUND', `No enabled server named "${server}".`, 'See the enabled servers with `switchyard server ls`.');
      }
      return toolRows(context.gateway.knownTools(), server);
    },
    // The running gateway follows the settings file, so the change reaches clients as tools/list_changed.
    'tools.setEnabled': async ({ name, tool, enabled }) => setToolEnabled(context.store, name, tool, enabled),
    'tools.pending': async () => context.pins.pendingChanges().map((change) => ({ server: change.server, tool: change.tool, diff: describeChange(change) })),
    'tools.approve': async ({ name, tool }) => {
      const approved = context.pins.approve(name, tool);
      context.gateway.pinsChanged();
      return { server: name, approved };
    },
  };
}
