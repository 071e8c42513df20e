import { unusedHandlers } from '../../support/unused-handlers.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiHandlers } from '../../../shared/api.js';
import type { GatewayStatus, ServerStatus } from '../../../shared/domain.js';
import { SwitchyardError } from '../../../shared/errors.js';
import type { RendererLocation } from '../../../electron/main/renderer-location.js';

export const renderer: RendererLocation = { indexHtml: path.resolve('/opt/switchyard/dist/renderer/index.html') };
/** What the sender frame of our own window reports. */
export const ownRendererUrl = pathToFileURL(renderer.indexHtml).href;

export function server(name: string, state: ServerStatus['state']): ServerStatus {
  return { name, image: `mcp/${name}:latest`, state, stderrTail: [] };
}

export function gatewayStatus(state: GatewayStatus['state'], servers: ServerStatus[] = []): GatewayStatus {
  return { state, version: '0.1.0', sessions: 0, servers };
}

export const missingServer = new SwitchyardError('SERVER_NOT_FOUND', 'No server named "nope".', 'Run `switchyard server list` to see the names.');

/** Engine handlers with fixed answers; server.* fails for any name but "fetch", the way the engine would. */
export function fakeHandlers(): ApiHandlers & { calls: string[] } {
  const calls: string[] = [];
  let status = gatewayStatus('stopped', [server('fetch', 'stopped')]);
  const serverCall =
    (state: ServerStatus['state']) =>
    async ({ name }: { name: string }) => {
      calls.push(`server:${name}`);
      if (name !== 'fetch') throw missingServer;
      return server(name, state);
    };
  return {
    ...unusedHandlers(),
    calls,
    'gateway.status': async () => status,
    'gateway.start': async () => (status = { ...status, state: 'running' }),
    'gateway.stop': async () => (status = { ...status, state: 'stopped' }),
    'server.start': serverCall('running'),
    'server.stop': serverCall('stopped'),
  };
}
