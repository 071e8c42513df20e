import type { ApiHandlers } from '../../shared/api.js';
import type { Switchyard } from '../app/create-switchyard.js';
import { packageVersion } from '../core/version.js';
import type { ControlEmit } from './control-events.js';
import { catalogHandlers } from './handlers/catalog-handlers.js';
import { clientHandlers } from './handlers/client-handlers.js';
import { firstRunHandlers } from './handlers/first-run-handlers.js';
import { gatewayHandlers } from './handlers/gateway-handlers.js';
import { historyHandlers } from './handlers/history-handlers.js';
import { secretHandlers } from './handlers/secret-handlers.js';
import { settingsHandlers } from './handlers/settings-handlers.js';
import { serverHandlers } from './handlers/server-handlers.js';
import { toolsHandlers } from './handlers/tools-handlers.js';
import { profileHandlers } from './handlers/profile-handlers.js';

/**
 * The engine side of every control method, one small object per domain, on the services the composition root
 * built (never a store opened here). Inputs arrive validated by ControlService.
 */
export function createControlHandlers(app: Switchyard, emit: ControlEmit): ApiHandlers {
  const { services, gateway, settingsSync, pins } = app;
  return {
    ...gatewayHandlers(gateway),
    ...serverHandlers({ servers: services.servers, signIn: services.signIn, settingsSync }),
    ...catalogHandlers({ catalog: services.catalog.get, store: services.settings, home: services.home, settingsSync }),
    ...secretHandlers({ secrets: services.secrets, settings: () => services.settings.load().settings, emit }),
    ...clientHandlers(services.clients),
    ...historyHandlers(app.history),
    ...firstRunHandlers(app),
    ...toolsHandlers({ gateway, store: services.settings, pins, settingsSync, emit }),
    ...settingsHandlers({ store: services.settings, settingsSync, home: services.home, pinsFile: pins.file, version: packageVersion() }),
    ...profileHandlers({ profiles: services.profiles, transfer: services.profileTransfer, settingsSync }),
  } satisfies ApiHandlers;
}
