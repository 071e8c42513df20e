import type { ApiHandlers } from '../../../shared/api.js';
import type { Gateway } from '../../gateway/gateway.js';

export function gatewayHandlers(gateway: Gateway): Pick<ApiHandlers, 'gateway.status' | 'gateway.start' | 'gateway.stop' | 'server.start' | 'server.stop'> {
  return {
    'gateway.status': async () => gateway.status(),
    'gateway.start': () => gateway.start(),
    'gateway.stop': () => gateway.stop(),
    'server.start': ({ name }) => gateway.startServer(name),
    'server.stop': ({ name }) => gateway.stopServer(name),
  };
}
