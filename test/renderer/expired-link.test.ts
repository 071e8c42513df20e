import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import { WebSocketTransport } from '../../renderer/src/api/ws-transport.js';
import type { ConnectionStatus } from '../../renderer/src/api/connect.js';

/*
 * The web server refuses a wrong token at the upgrade with 401, as electron/control/web-server.ts does: the
 * socket never opens and the browser is not told why. The transport asks whether the engine's page still
 * answers: if it does, the link expired (stop retrying and say so); if not, the engine is away (retry).
 */
let server: Server;
let sockets: WebSocketServer;
let port: number;
const goodToken = 'good-token';

beforeEach(async () => {
  vi.stubGlobal('WebSocket', NodeWebSocket);
  sockets = new WebSocketServer({ noServer: true });
  server = createServer((_request, response) => response.end('ok'));
  server.on('upgrade', (request, socket, head) => {
    if (!request.url?.includes(`token=${goodToken}`)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  for (const client of sockets.clients) client.terminate();
  sockets.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  vi.unstubAllGlobals();
});

const probeOf = (target: () => number) => async () => {
  try {
    return (await fetch(`http://127.0.0.1:${target()}/`, { method: 'HEAD' })).ok;
  } catch {
    return false;
  }
};

function states(transport: WebSocketTransport): ConnectionStatus[] {
  const seen: ConnectionStatus[] = [];
  transport.watch((status) => seen.push(status));
  return seen;
}

describe('a web-mode link whose token the engine refuses', () => {
  it('is reported as expired, once, and not retried', async () => {
    const transport = new WebSocketTransport(
      `ws://127.0.0.1:${port}/control?token=stale`,
      true,
      probeOf(() => port),
    );
    const seen = states(transport);
    await vi.waitFor(() => expect(seen.at(-1)?.state).toBe('unauthorized'));
    expect(seen.at(-1)?.detail).toContain("This page's link expired");
    // No retry: the status stays put well past the first retry delay (500 ms).
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(seen.filter((status) => status.state === 'connecting')).toHaveLength(1);
    expect(seen.at(-1)?.state).toBe('unauthorized');
  });

  it('keeps retrying while the engine is away (nothing answers)', async () => {
    const away = await freePort();
    const transport = new WebSocketTransport(
      `ws://127.0.0.1:${away}/control?token=${goodToken}`,
      true,
      probeOf(() => away),
    );
    const seen = states(transport);
    await vi.waitFor(() => expect(seen.at(-1)?.state).toBe('disconnected'));
    await vi.waitFor(() => expect(seen.filter((status) => status.state === 'connecting').length).toBeGreaterThan(1), { timeout: 3_000 });
    expect(seen.some((status) => status.state === 'unauthorized')).toBe(false);
  });

  it('connects with the right token', async () => {
    const transport = new WebSocketTransport(
      `ws://127.0.0.1:${port}/control?token=${goodToken}`,
      true,
      probeOf(() => port),
    );
    const seen = states(transport);
    await vi.waitFor(() => expect(seen.at(-1)?.state).toBe('connected'));
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}
