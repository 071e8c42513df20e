import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { containersWithLabels, eventually, images, requireDockerAndImages } from '../integration/support/docker.js';
import { DockerSocketProxy } from '../support/docker-socket-proxy.js';
import { eventuallyAsync } from '../support/eventually-async.js';
import { containerOf, dockerKill, faultGateway, healthOf, outcomeOf } from './support/fault-gateway.js';

/**
 * The gateway reaches the engine through a socket proxy (DOCKER_HOST=unix://<proxy>) that the tests stop and
 * start: the engine "blips" while the containers keep running. Afterwards a container that ends is noticed at
 * once (its caller gets an error within 2 s of the cause, /health stops counting it) and the next call starts
 * the server again.
 */
describe.each<{ stdio: string; env: Record<string, string> }>([
  { stdio: 'the stdio socket', env: {} },
  { stdio: "Docker's attach stream", env: { SWITCHYARD_CONTAINER_STDIO: 'attach' } },
])('an engine blip, with servers on $stdio', ({ env }) => {
  const attach = env.SWITCHYARD_CONTAINER_STDIO === 'attach';
  const proxy = new DockerSocketProxy();
  let setup: Awaited<ReturnType<typeof faultGateway>>;

  beforeAll(async () => {
    requireDockerAndImages(images.hostile);
    await proxy.start();
    setup = await faultGateway(
      { h: { image: images.hostile, callTimeoutSeconds: 60 }, cold: { image: images.hostile, callTimeoutSeconds: 60 } },
      { DOCKER_HOST: proxy.dockerHost, ...env },
    );
  }, 60_000);

  afterEach(() => proxy.start());

  afterAll(async () => {
    await setup?.close();
    await proxy.close();
  }, 60_000);

  const running = async () => (await healthOf(setup.gateway.url)).running;
  const call = (name: string, args: Record<string, unknown> = {}) => outcomeOf(setup.client.callTool({ name, arguments: args }, { timeout: 60_000 }));

  it('notices a container killed after a 1 s blip: the caller fails within 2 s, the next call starts it again', async () => {
    expect((await call('h__echo', { text: 'before' })).text).toBe('before');
    await proxy.blip(1000);
    // On the attach stream too the server is kept: it is attached again (attach-reattach.test.ts).
    expect(await call('h__echo', { text: 'after blip' })).toMatchObject({ failed: false, text: 'after blip' });

    const runningBefore = await running();
    const pending = call('h__sleep', { ms: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killedAt = Date.now();
    dockerKill(containerOf(setup.home.homeHash, 'h'));
    const outcome = await pending;
    expect(outcome.failed).toBe(true);
    expect(outcome.text).toContain('Server "h" exited with code 137');
    expect(outcome.at - killedAt).toBeLessThan(2000);
    expect(await running()).toBe(runningBefore - 1);

    expect((await call('h__echo', { text: 'again' })).text).toBe('again');
    expect(await running()).toBe(runningBefore);
  }, 60_000);

  it('notices a container that ends while the engine is away, and removes it once the engine is back', async () => {
    expect((await call('h__echo', { text: 'up' })).text).toBe('up');
    const runningBefore = await running();
    const id = containerOf(setup.home.homeHash, 'h');
    await proxy.stop();
    const pending = call('h__sleep', { ms: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const causeAt = Date.now();
    dockerKill(id);
    const outcome = await pending;
    expect(outcome.failed).toBe(true);
    expect(outcome.at - causeAt).toBeLessThan(2000);
    if (!attach) expect(await running()).toBe(runningBefore - 1);

    await proxy.start();
    // On the attach stream the gateway sees the container only through the engine: the server was kept, waiting
    // to be attached again, and its end is found once the engine answers (within its retry period, 2 s).
    if (attach) expect(await eventuallyAsync(running, (count) => count === runningBefore - 1, 10_000)).toBe(runningBefore - 1);
    expect((await call('h__echo', { text: 'back' })).text).toBe('back');
    // The dead container could not be removed while the engine was away: it is now.
    const left = await eventually(
      () => containersWithLabels({ 'io.switchyard.home': setup.home.homeHash }).includes(id),
      (present) => !present,
      15_000,
    );
    expect(left).toBe(false);
  }, 60_000);

  it('fails a start within 2 s while the engine is away, naming it, and starts the server on the next call once it is back', async () => {
    // "cold" stopped (its container gone, the gateway told), so that the next call has to start it.
    expect((await call('cold__echo', { text: 'up' })).text).toBe('up');
    const runningBefore = await running();
    dockerKill(containerOf(setup.home.homeHash, 'cold'));
    expect(await eventuallyAsync(running, (count) => count === runningBefore - 1)).toBe(runningBefore - 1);
    await proxy.stop();
    const started = Date.now();
    const outcome = await call('cold__echo', { text: 'x' });
    expect(outcome.failed).toBe(true);
    expect(outcome.text).toContain('Docker engine not reachable');
    expect(outcome.at - started).toBeLessThan(2000);
    // A second try while it is still away: the engine's absence is not the server's crash (no back-off later).
    expect((await call('cold__echo', { text: 'x' })).failed).toBe(true);
    await proxy.start();
    expect((await call('cold__echo', { text: 'cold' })).text).toBe('cold');
  }, 60_000);
});
