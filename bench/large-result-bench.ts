import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { createSwitchyard } from '../electron/app/create-switchyard.js';
import { silentLogger } from '../electron/core/logger.js';
import { summarize } from './stats.js';

const MB = 1024 * 1024;

/**
 * Large results through the gateway (the hostile fixture's big_result tool): for 1, 10 and 50 MB, the call's time
 * and the gateway process's peak RSS while it ran (sampled every 10 ms); then the latency of another server's
 * echo calls, one after another, while a 50 MB result is on its way (target: p99 < 50 ms).
 */
export async function benchLargeResults(image = process.env.BENCH_HOSTILE_IMAGE ?? 'switchyard-fixture/hostile:latest'): Promise<string[]> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-large-'));
  const app = createSwitchyard({
    home,
    logger: silentLogger,
    servers: [
      { name: 'big', image, maxMessageBytes: 64 * MB, limits: { memoryMb: 1024 } },
      { name: 'quiet', image },
    ],
    alwaysPrefix: true,
  });
  const lines = ['large results (in-process gateway, hostile fixture; cap raised to 64 MB for the 50 MB one)'];
  try {
    await app.gateway.start();
    const [clientSide, gatewaySide] = InMemoryTransport.createLinkedPair();
    await app.gateway.connect(gatewaySide);
    const client = new Client({ name: 'bench-large', version: '1' });
    await client.connect(clientSide);
    const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }, { timeout: 300_000 });
    await call('big__echo', { text: 'warm' });
    await call('quiet__echo', { text: 'warm' });
    for (const mb of [1, 10, 50]) {
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const before = process.memoryUsage().rss;
      const started = performance.now();
      await call('big__big_result', { bytes: mb * MB });
      const ms = performance.now() - started;
      clearInterval(sampler);
      lines.push(
        `  ${String(mb).padStart(2)} MB result: ${ms.toFixed(0)} ms, peak RSS ${(peak / MB).toFixed(0)} MB (+${((peak - before) / MB).toFixed(0)} MB)`,
      );
      globalThis.gc?.();
    }
    const latencies: number[] = [];
    let done = false;
    const window = performance.now();
    const big = call('big__big_result', { bytes: 50 * MB }).finally(() => (done = true));
    while (!done) {
      const started = performance.now();
      await call('quiet__echo', { text: 'x' });
      latencies.push(performance.now() - started);
    }
    await big;
    const summary = summarize(latencies, performance.now() - window);
    lines.push(
      `  other server's echo during a 50 MB result: ${latencies.length} calls, p50 ${summary.p50.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(0)} ms (target p99 < 50 ms)`,
    );
    await client.close();
  } finally {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  }
  return lines;
}
