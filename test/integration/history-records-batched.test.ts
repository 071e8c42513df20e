import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Client } from '@modelcontextprotocol/client';
import type { ApiEventMessage, ApiEventPayload } from '../../shared/api.js';
import { historyBatch } from '../../electron/control/control-events.js';
import { images, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { HttpGatewayProcess, cli, freePort, httpClient, writeSettings } from './support/http-gateway.js';

type Batch = ApiEventPayload<'history.records'>;

/**
 * The window's live feed through the real control WebSocket of `gateway run --ui`: calls from SDK clients of both
 * protocol eras to a real server (the everything fixture in Docker) arrive as history.records batches of at most
 * 100 events, every call's start and end once, each start before its end, in the order the calls were made.
 */
describe('history.records: recorded calls reach the window in batches', () => {
  const home = tempHome();
  let gateway: HttpGatewayProcess;
  let socket: WebSocket;
  const batches: { at: number; batch: Batch }[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    writeSettings(home.home, { gateway: { port: await freePort() }, servers: { everything: { image: images.everything } } });
    gateway = new HttpGatewayProcess(home.home, ['--ui', '--ui-port', '0']);
    const mcpUrl = await gateway.ready(30_000);
    const ui = new URL(/Switchyard UI: (\S+)/.exec(gateway.stderr)![1]!);
    const uiToken = new URLSearchParams(ui.hash.slice(1)).get('token')!;
    socket = new WebSocket(`ws://${ui.host}/control?token=${uiToken}`, { origin: ui.origin });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Partial<ApiEventMessage>;
      if (message.event === 'history.records') batches.push({ at: performance.now(), batch: message.payload as Batch });
    });
    const token = cli(home.home, ['gateway', 'token']).trim();
    clients.push(await httpClient(mcpUrl, token, {}, 'era-2025'));
    clients.push(await httpClient(mcpUrl, token, { versionNegotiation: { mode: { pin: '2026-07-28' } } }, 'era-2026'));
    // The container starts with the first call.
    await clients[0]!.callTool({ name: 'echo', arguments: { message: 'warm-up' } });
  }, 120_000);

  afterAll(async () => {
    socket?.terminate();
    for (const client of clients) await client.close().catch(() => undefined);
    await gateway?.stop();
    home.remove();
  });

  it('250 calls, one after another from both eras: every start and end once, in order, in batches of at most 100', async () => {
    await waitFor(() => batches.some(({ batch }) => batch.events.some((event) => event.kind === 'end' && event.record.arguments.includes('warm-up'))));
    batches.length = 0;
    const messages: string[] = [];
    for (let index = 0; index < 250; index++) {
      const message = `call-${String(index).padStart(3, '0')}`;
      messages.push(message);
      const result = await clients[index % 2]!.callTool({ name: 'echo', arguments: { message } });
      expect(JSON.stringify(result.content)).toContain(message);
    }
    await waitFor(() => batches.flatMap(({ batch }) => batch.events).filter((event) => event.kind === 'end').length >= 250);

    const events = batches.flatMap(({ batch }) => batch.events);
    expect(events).toHaveLength(500);
    // One after another: call n starts, ends, then call n+1 starts.
    const expected = messages.flatMap((message) => [`start ${message}`, `end ${message}`]);
    expect(events.map((event) => `${event.kind} ${(JSON.parse(event.record.arguments) as { message: string }).message}`)).toEqual(expected);
    expect(events.filter((event) => event.kind === 'end').every((event) => event.record.status === 'ok')).toBe(true);
    const ends = events.filter((event) => event.kind === 'end');
    expect(ends.filter((event) => event.record.client.name === 'era-2025')).toHaveLength(125);
    expect(ends.filter((event) => event.record.client.name === 'era-2026')).toHaveLength(125);
    for (const { batch } of batches) expect(batch.events.length).toBeLessThanOrEqual(historyBatch.maxItems);
  }, 120_000);

  it('calls made at once arrive in fewer messages than calls, none lost, and the last batch within the wait after the last call', async () => {
    batches.length = 0;
    const count = 300;
    await Promise.all(Array.from({ length: count }, (_, index) => clients[index % 2]!.callTool({ name: 'echo', arguments: { message: `burst-${index}` } })));
    const answered = performance.now();
    await waitFor(() => batches.flatMap(({ batch }) => batch.events).filter((event) => event.kind === 'end').length >= count);
    const events = batches.flatMap(({ batch }) => batch.events);
    const ends = events.filter((event) => event.kind === 'end').map((event) => event.record.id);
    const starts = events.filter((event) => event.kind === 'start').map((event) => event.record.id);
    expect(new Set(ends).size).toBe(count);
    expect(new Set(starts)).toEqual(new Set(ends));
    // Each call's start comes before its end.
    for (const id of ends)
      expect(events.findIndex((event) => event.record.id === id && event.kind === 'start')).toBeLessThan(
        events.findIndex((event) => event.record.id === id && event.kind === 'end'),
      );
    expect(batches.length).toBeLessThan(events.length / 4);
    // The last batch is sent at most maxWaitMs after its first event; a loaded machine adds its own delay.
    expect(batches.at(-1)!.at - answered).toBeLessThan(historyBatch.maxWaitMs + 1_000);
  }, 120_000);
});

async function waitFor(ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the history.records events');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
