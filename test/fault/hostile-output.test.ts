import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createSwitchyard, type Switchyard } from '../../electron/app/create-switchyard.js';
import { createLogger } from '../../electron/core/logger.js';
import { images, requireDockerAndImages } from '../integration/support/docker.js';
import { tempHome } from '../integration/support/gateway-process.js';

const MB = 1024 * 1024;

function textOf(result: unknown): string {
  return ((result as { content: Array<{ text: string }> }).content[0] ?? { text: '' }).text;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Hostile output on a server's stdout (real containers, real SDK client): large results, a flood, who it runs as. */
describe('a server with hostile output', () => {
  const home = tempHome();
  const warnings: string[] = [];
  let app: Switchyard;
  let client: Client;

  beforeAll(async () => {
    requireDockerAndImages(images.hostile);
    app = createSwitchyard({
      home: home.home,
      logger: createLogger('warn', (line) => warnings.push(line)),
      servers: [
        { name: 'big', image: images.hostile, maxMessageBytes: 64 * MB, limits: { memoryMb: 1024 } },
        { name: 'flooder', image: images.hostile, maxMessageBytes: 32 * MB },
        { name: 'quiet', image: images.hostile },
        { name: 'rooted', image: images.hostile, runAsRoot: true },
        { name: 'named', image: images.hostile, user: '4242:4343' },
      ],
      alwaysPrefix: true,
    });
    await app.gateway.start();
    const [clientSide, gatewaySide] = InMemoryTransport.createLinkedPair();
    await app.gateway.connect(gatewaySide);
    client = new Client({ name: 'hostile-output-test', version: '1.0.0' });
    await client.connect(clientSide);
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await app?.close();
    home.remove();
  }, 60_000);

  it('relays 10 MB and 50 MB results whole, in time linear in their size', async () => {
    await client.callTool({ name: 'big__echo', arguments: { text: 'warm' } });
    const times: number[] = [];
    for (const size of [10 * MB, 50 * MB]) {
      const started = performance.now();
      const result = await client.callTool({ name: 'big__big_result', arguments: { bytes: size } }, { timeout: 120_000 });
      times.push(performance.now() - started);
      expect(textOf(result).length).toBe(size);
    }
    // Quadratic reading made 5x the size cost ~25x the time (50 MB: ~29 s of CPU).
    expect(times[1]!).toBeLessThan(times[0]! * 10 + 500);
  }, 180_000);

  it('fails the caller of a 200 MB flood without a newline, clearly, while another server stays fast', async () => {
    await client.callTool({ name: 'quiet__echo', arguments: { text: 'warm' } });
    await client.callTool({ name: 'flooder__echo', arguments: { text: 'warm' } });
    const started = performance.now();
    const flood = client
      .callTool({ name: 'flooder__flood', arguments: { bytes: 200 * MB } }, { timeout: 60_000 })
      .then(JSON.stringify, (error: unknown) => String(error));
    const latencies: number[] = [];
    let floodOutcome: string | undefined;
    void flood.then((outcome) => (floodOutcome = outcome));
    while (floodOutcome === undefined && performance.now() - started < 30_000) {
      const call = performance.now();
      expect(textOf(await client.callTool({ name: 'quiet__echo', arguments: { text: 'still here' } }))).toBe('still here');
      latencies.push(performance.now() - call);
    }
    const outcome = await flood;
    expect(outcome).toMatch(/Server "flooder" sent a message larger than 32 MB/);
    expect(outcome).toContain('maxMessageMb');
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(latencies.length).toBeGreaterThan(5);
    expect(percentile(latencies, 99)).toBeLessThan(250);
    expect(warnings.join('')).toContain('server "flooder" sent a message larger than 32 MB');
    const tail = app.gateway
      .status()
      .servers.find((server) => server.name === 'flooder')!
      .stderrTail.join('\n');
    expect(tail).toContain('dropping a message larger than 32 MB');
    // The gateway kept none of it.
    expect(process.memoryUsage().rss).toBeLessThan(900 * MB);
  }, 90_000);

  it('runs an image without USER as nobody, unless the server may run as root or names its user', async () => {
    expect(textOf(await client.callTool({ name: 'quiet__whoami', arguments: {} }))).toBe('uid=65534 gid=65534');
    expect(textOf(await client.callTool({ name: 'rooted__whoami', arguments: {} }))).toBe('uid=0 gid=0');
    expect(textOf(await client.callTool({ name: 'named__whoami', arguments: {} }))).toBe('uid=4242 gid=4343');
    const tail = app.gateway
      .status()
      .servers.find((server) => server.name === 'quiet')!
      .stderrTail.join('\n');
    expect(tail).toContain('running as 65534:65534');
  }, 60_000);
});
