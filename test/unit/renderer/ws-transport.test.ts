import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import type { ApiRequestMessage, ApiResponseMessage } from '../../../shared/api.js';
import { apiFromBridge } from '../../../shared/bridge.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { WebSocketTransport } from '../../../renderer/src/api/ws-transport.js';

/*
 * The web-mode transport is a SwitchyardBridge like the preload's: it resolves outcomes as plain data, and
 * apiFromBridge turns failures into SwitchyardErrors. Runs against a small `ws` server; Node 20 has no global
 * WebSocket, so the test lends it the `ws` client, which has the same browser-style interface.
 */
let server: WebSocketServer;
let url: string;
/** How the fake engine answers a request; undefined: it never answers. */
let reply: (request: ApiRequestMessage) => ApiResponseMessage | undefined;

beforeEach(async () => {
  vi.stubGlobal('WebSocket', NodeWebSocket);
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/control`;
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const response = reply(JSON.parse(String(data)) as ApiRequestMessage);
      if (response) socket.send(JSON.stringify(response));
    });
  });
});

/** Closes the engine side as a refused token would, and waits until the transport has given up (no retry timer). */
async function refuse(transport: WebSocketTransport): Promise<void> {
  await vi.waitFor(() => expect(server.clients.size).toBe(1));
  server.clients.forEach((client) => client.close(4401));
  await new Promise<void>((resolve) => transport.watch((status) => status.state === 'unauthorized' && resolve()));
}

afterEach(async () => {
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
  vi.unstubAllGlobals();
});

describe('WebSocketTransport as a SwitchyardBridge', () => {
  it('resolves an error response as an outcome, which apiFromBridge rethrows with its code and hint', async () => {
    const error = { code: 'DOCKER_UNREACHABLE', message: 'Docker is not running.', hint: 'Start Docker Desktop.' } as const;
    reply = (request) => ({ id: request.id, ok: false, error });
    const transport = new WebSocketTransport(url, true);
    await expect(transport.invoke('gateway.status', {})).resolves.toEqual({ ok: false, error });
    const thrown = await apiFromBridge(transport)
      .gateway.status()
      .catch((caught: unknown) => caught);
    expect(thrown).toBeInstanceOf(SwitchyardError);
    expect(thrown).toMatchObject(error);
    await refuse(transport);
  });

  it('fails a call in flight when the engine refuses us, with the reason as the hint', async () => {
    reply = () => undefined;
    const transport = new WebSocketTransport(url, true);
    const call = apiFromBridge(transport)
      .server.start({ name: 'fetch' })
      .catch((caught: unknown) => caught);
    await refuse(transport);
    const thrown = await call;
    expect(thrown).toBeInstanceOf(SwitchyardError);
    expect(thrown).toMatchObject({
      code: 'INTERNAL',
      message: 'Not connected to the Switchyard engine.',
      hint: expect.stringContaining('refused the access token'),
    });
    // Refused: no reconnection, and later calls fail the same way at once.
    await expect(transport.invoke('gateway.status', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
