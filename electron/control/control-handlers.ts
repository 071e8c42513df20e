import type { ApiHandlers } from '../../shared/api.js';
import type { Catalog } from '../catalog/catalog-loader.js';
import type { ClientConnector } from '../clients/connector.js';
import type { Gateway } from '../gateway/gateway.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { catalogHandlers } from './handlers/catalog-handlers.js';
import { clientHandlers } from './handlers/client-handlers.js';
import { gatewayHandlers } from './handlers/gateway-handlers.js';
import { historyHandlers } from './handlers/history-handlers.js';
import type { HistoryStore } from '../history/history-store.js';
import { describeChange, type ToolPins } from '../gateway/tool-pins.js';
import { secretHandlers } from './handlers/secret-handlers.js';
import { serverHandlers } from './handlers/server-handlers.js';

export interface ControlContext {
  home: string;
  gateway: Gateway;
  store: SettingsStore;
  catalog: () => Promise<Catalog>;
  secrets: () => Promise<SecretStore>;
  clients: () => ClientConnector;
  history?: HistoryStore;
  pins: ToolPins;
}

/** The engine side of every control method, one small object per domain. Inputs arrive validated by ControlService. */
export function createControlHandlers(context: ControlContext): ApiHandlers {
  return {
    ...gatewayHandlers(context.gateway),
    ...serverHandlers(context),
    ...catalogHandlers(context.catalog),
    ...secretHandlers(context.secrets),
    ...clientHandlers(context.clients),
    ...historyHandlers(context.history),
    'tools.pending': async () => context.pins.pendingChanges().map((change) => ({ server: change.server, tool: change.tool, diff: describeChange(change) })),
    'tools.approve': async ({ name, tool }) => {
      const approved = context.pins.approve(name, tool);
      context.gateway.pinsChanged();
      return { server: name, approved };
    },
  } satisfies ApiHandlers;
}
