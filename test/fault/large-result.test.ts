import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../electron/history/history-store.js';
import { images, requireDockerAndImages } from '../integration/support/docker.js';
import { tempHome } from '../integration/support/gateway-process.js';
import { cli, httpClient, HttpGatewayProcess, writeSettings } from '../integration/support/http-gateway.js';
import { eventuallyAsync } from '../support/eventually-async.js';
import type { Client } from '@modelcontextprotocol/client';
import path from 'node:path';

const MB = 1024 * 1024;
const env = { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
const secretValue = 'sk-large-result-guard-0123456789';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * What the big call's own client saw, from a process of its own (so that parsing 50 MB in the test's client does
 * not count as the gateway's delay): the text's length, whether every character is "x", and the call's time.
 */
interface BigOutcome {
  length: number;
  allX: boolean;
  isError: boolean;
  ms: number;
  error?: string;
}

/** Runs one tools/call in a separate Node process with the SDK's HTTP client and reports what came back. */
function callInOwnProcess(url: string, token: string, name: string, args: Record<string, unknown>): Promise<BigOutcome> {
  const script = `
    import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
    const client = new Client({ name: 'big-caller', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(process.env.URL), { authProvider: { token: async () => process.env.TOKEN } }));
    const started = performance.now();
    try {
      const result = await client.callTool({ name: process.env.TOOL, arguments: JSON.parse(process.env.ARGS) }, { timeout: 120000 });
      const text = result.content?.[0]?.text ?? '';
      process.stdout.write(JSON.stringify({ length: text.length, allX: /^x*$/.test(text), isError: result.isError === true, ms: performance.now() - started }));
    } catch (error) {
      process.stdout.write(JSON.stringify({ length: 0, allX: false, isError: true, ms: performance.now() - started, error: String(error) }));
    }
    await client.close();
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '', URL: url, TOKEN: token, TOOL: name, ARGS: JSON.stringify(args) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      try {
        resolve(JSON.parse(out) as BigOutcome);
      } catch {
        reject(new Error(`the big caller printed no outcome: ${out}`));
      }
    });
  });
}

/**
 * A 50 MB result through the real HTTP gateway (history on, a stored secret so the leak guard and redaction are
 * live): it arrives whole, and another server's calls stay fast while it passes (the gateway's event loop is never
 * held for long). The history keeps a summary of it, and a large result that carries a stored secret is still
 * withheld.
 */
describe('a 50 MB result', () => {
  const home = tempHome();
  let gateway: HttpGatewayProcess;
  let client: Client;
  let token: string;

  beforeAll(async () => {
    requireDockerAndImages(images.hostile);
    writeSettings(home.home, {
      gateway: { alwaysPrefix: true },
      servers: {
        big: { image: images.hostile, maxMessageMb: 64, limits: { memoryMb: 1024 }, callTimeoutSeconds: 120 },
        quiet: { image: images.hostile },
      },
    });
    cli(home.home, ['secret', 'set', 'quiet.token'], { env, input: secretValue });
    gateway = new HttpGatewayProcess(home.home, [], env);
    await gateway.ready();
    token = cli(home.home, ['gateway', 'token'], { env }).trim();
    client = await httpClient(gateway.url, token, {}, 'large-result-client');
  }, 60_000);

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await gateway?.stop();
    home.remove();
  }, 60_000);

  const echo = async (text: string) => {
    const result = (await client.callTool({ name: 'quiet__echo', arguments: { text } })) as { content: Array<{ text: string }> };
    return result.content[0]!.text;
  };

  it("arrives whole while another server's calls keep a p99 under 150 ms", async () => {
    expect(await echo('warm')).toBe('warm');
    const warm = await callInOwnProcess(gateway.url, token, 'big__big_result', { bytes: MB });
    expect(warm).toMatchObject({ length: MB, allX: true, isError: false });

    let done = false;
    const big = callInOwnProcess(gateway.url, token, 'big__big_result', { bytes: 50 * MB }).finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const started = performance.now();
      expect(await echo('still here')).toBe('still here');
      latencies.push(performance.now() - started);
      // A steady pace (not a busy loop) so that the test's own process leaves the CPU to the gateway.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const outcome = await big;
    expect(outcome).toMatchObject({ length: 50 * MB, allX: true, isError: false });
    const p99 = percentile(latencies, 99);
    const max = Math.max(...latencies);
    console.log(`50 MB result in ${outcome.ms.toFixed(0)} ms; other server: ${latencies.length} calls, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(0)} ms`);
    expect(latencies.length).toBeGreaterThan(10);
    expect(p99).toBeLessThan(150);
  }, 180_000);

  it('records the large call in the history with its size and a capped preview', async () => {
    const records = async () => {
      const store = HistoryStore.openReadOnly(path.join(home.home, 'history.db'));
      if (!store) return [];
      try {
        return (await store.query({ server: 'big', limit: 100 })).records;
      } finally {
        store.close();
      }
    };
    const isBig = (row: Awaited<ReturnType<typeof records>>[number]) => row.name === 'big_result' && (row.result?.sizeBytes ?? 0) > 50 * MB;
    const rows = await eventuallyAsync(records, (all) => all.some(isBig));
    const row = rows.find(isBig);
    expect(row, JSON.stringify(rows.map(({ name, status, result }) => ({ name, status, result })))).toBeDefined();
    expect(row!.status).toBe('ok');
    expect(row!.result!.preview.length).toBeLessThanOrEqual(512);
    expect(row!.result!.preview.startsWith('xxxx')).toBe(true);
  }, 60_000);
});
