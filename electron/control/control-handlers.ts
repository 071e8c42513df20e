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
import type { ToolPins } from '../gateway/tool-pins.js';
import { secretHandlers } from './handlers/secret-handlers.js';
import { serverHandlers } from './handlers/server-handlers.js';
import { toolsHandlers } from './handlers/tools-handlers.js';

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
    ...catalogHandlers(context),
    ...secretHandlers(context.secrets),
    ...clientHandlers(context.clients),
    ...historyHandlers(context.history),
    ...toolsHandlers(context),
  } satisfies ApiHandlers;
}
