import type { ApiHandlers } from '../../../../shared/api.js';
import type { GatewayStatus, ServerStatus } from '../../../../shared/domain.js';
import { unusedHandlers } from '../../../support/unused-handlers.js';

export const sampleStatus: GatewayStatus = { state: 'running', version: '0.0.0-test', sessions: 0, servers: [] };

export function sampleServer(name: string): ServerStatus {
  return { name, image: `test/${name}:1`, state: 'running', stderrTail: [] };
}

/** Control handlers that answer from memory and record what they were called with. */
export function fakeHandlers(overrides: Partial<ApiHandlers> = {}): ApiHandlers & { calls: Array<[string, unknown]> } {
  const calls: Array<[string, unknown]> = [];
  const handlers: ApiHandlers = {
    ...unusedHandlers(),
    'gateway.status': async (input) => {
      calls.push(['gateway.status', input]);
      return sampleStatus;
    },
    'gateway.start': async (input) => {
      calls.push(['gateway.start', input]);
      return sampleStatus;
    },
    'gateway.stop': async (input) => {
      calls.push(['gateway.stop', input]);
      return { ...sampleStatus, state: 'stopped' };
    },
    'server.start': async (input) => {
      calls.push(['server.start', input]);
      return sampleServer(input.name);
    },
    'server.stop': async (input) => {
      calls.push(['server.stop', input]);
      return { ...sampleServer(input.name), state: 'stopped' };
    },
    ...overrides,
  };
  return Object.assign(handlers, { calls });
}
