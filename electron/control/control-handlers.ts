import type { ApiHandlers } from '../../shared/api.js';
import type { Gateway } from '../gateway/gateway.js';

/** The engine side of every control method. Inputs arrive validated by ControlService. */
export function createControlHandlers(gateway: Gateway): ApiHandlers {
  return {
    'gateway.status': async () => gateway.status(),
    'gateway.start': () => gateway.start(),
    'gateway.stop': () => gateway.stop(),
    'server.start': ({ name }) => gateway.startServer(name),
    'server.stop': ({ name }) => gateway.stopServer(name),
  };
}
