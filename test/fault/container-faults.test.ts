import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containersWithLabels, images, requireDockerAndImages } from '../integration/support/docker.js';
import { containerOf, dockerKill, faultGateway, healthOf, outcomeOf } from './support/fault-gateway.js';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Containers that die under the gateway (real engine, the HTTP gateway as a process, the SDK client): a `docker
 * kill` mid-call, a server that exits mid-call, and a server that crashes on every start. Each caller gets an
 * error within 2 s of the cause, the next call recovers where the server can, and the other servers' calls stay fast.
 */
describe('container faults', () => {
  let setup: Awaited<ReturnType<typeof faultGateway>>;

  beforeAll(async () => {
    requireDockerAndImages(images.hostile, images.crash);
    setup = await faultGateway({
      victim: { image: images.hostile, callTimeoutSeconds: 60 },
      quitter: { image: images.hostile, callTimeoutSeconds: 60 },
      other: { image: images.hostile, callTimeoutSeconds: 60 },
      looping: { image: images.crash },
    });
  }, 60_000);

  afterAll(async () => {
    await setup?.close();
  }, 60_000);

  const call = (name: string, args: Record<string, unknown> = {}) => outcomeOf(setup.client.callTool({ name, arguments: args }, { timeout: 60_000 }));

  it('fails a call within 2 s of a docker kill of its container, and the next call starts the server again', async () => {
    expect((await call('victim__echo', { text: 'up' })).text).toBe('up');
    const pending = call('victim__sleep', { ms: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killedAt = Date.now();
    dockerKill(containerOf(setup.home.homeHash, 'victim'));
    const outcome = await pending;
    expect(outcome.failed).toBe(true);
    expect(outcome.text).toContain('Server "victim" exited with code 137');
    expect(outcome.at - killedAt).toBeLessThan(2000);
    expect((await call('victim__echo', { text: 'again' })).text).toBe('again');
  }, 60_000);

  it('fails a call at once when its server exits without answering, and the next call recovers', async () => {
    expect((await call('quitter__echo', { text: 'up' })).text).toBe('up');
    const asked = Date.now();
    const outcome = await call('quitter__exit_mid_call');
    expect(outcome.failed).toBe(true);
    expect(outcome.text).toContain('Server "quitter" exited with code 7');
    expect(outcome.at - asked).toBeLessThan(2000);
    expect((await call('quitter__echo', { text: 'recovered' })).text).toBe('recovered');
  }, 60_000);

  it('answers a crash loop without a call timeout, leaves none of its containers behind, and keeps the other servers fast', async () => {
    expect((await call('other__echo', { text: 'warm' })).text).toBe('warm');
    const latencies: number[] = [];
    const crashes: string[] = [];
    const deadline = Date.now() + 6000;
    while (Date.now() < deadline) {
      const asked = Date.now();
      const crash = await call('looping__anything');
      expect(crash.failed).toBe(true);
      // A start that crashes takes the start's time (creating a container), never a call timeout.
      expect(crash.at - asked).toBeLessThan(10_000);
      crashes.push(crash.text);
      const started = performance.now();
      expect((await call('other__echo', { text: 'fine' })).text).toBe('fine');
      latencies.push(performance.now() - started);
    }
    expect(crashes.join('\n')).toContain('fixture crash: boom');
    expect(crashes.every((text) => text.includes('Server "looping" could not start'))).toBe(true);
    expect(percentile(latencies, 99)).toBeLessThan(250);
    // Nothing of the loop is left behind: its containers are removed as they die.
    const left = containersWithLabels({ 'io.switchyard.home': setup.home.homeHash, 'io.switchyard.server': 'looping' });
    expect(left.length).toBeLessThanOrEqual(1);
    expect((await healthOf(setup.gateway.url)).status).toBe('ok');
  }, 60_000);
});
