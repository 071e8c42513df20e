import type { ApiHandlers } from '../../../shared/api.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { setToolEnabled, toolRows } from '../../app/tool-settings.js';
import type { Gateway } from '../../gateway/gateway.js';
import { describeChange, type ToolPins } from '../../gateway/tool-pins.js';
import type { Catalog } from '../../catalog/catalog-loader.js';
import type { SettingsStore } from '../../settings/settings-store.js';
import { settingsApplier } from './apply-settings.js';

export function toolsHandlers(context: {
  gateway: Gateway;
  store: SettingsStore;
  pins: ToolPins;
  catalog: () => Promise<Catalog>;
}): Pick<ApiHandlers, 'tools.list' | 'tools.setEnabled' | 'tools.pending' | 'tools.approve'> {
  const apply = settingsApplier(context);
  return {
    'tools.list': async ({ server }) => {
      if (server !== undefined && !context.gateway.knownTools().some((entry) => entry.server === server)) {
        throw new SwitchyardError('SERVER_NOT_FOUND', `No enabled server named "${server}".`, 'See the enabled servers with `switchyard server ls`.');
      }
      return toolRows(context.gateway.knownTools(), server);
    },
    // Clients hear tools/list_changed; the server's container keeps running.
    'tools.setEnabled': async ({ name, tool, enabled }) => {
      const changed = setToolEnabled(context.store, name, tool, enabled);
      await apply();
      return changed;
    },
    'tools.pending': async () => context.pins.pendingChanges().map((change) => ({ server: change.server, tool: change.tool, diff: describeChange(change) })),
    'tools.approve': async ({ name, tool }) => {
      const approved = context.pins.approve(name, tool);
      context.gateway.pinsChanged();
      return { server: name, approved };
    },
  };
}
