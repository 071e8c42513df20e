import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { images, requireDockerAndImages } from '../integration/support/docker.js';
import { DockerSocketProxy } from '../support/docker-socket-proxy.js';
import { containerOf, dockerKill, faultGateway, healthOf, outcomeOf } from './support/fault-gateway.js';

/**
 * On Docker's attach stream (Docker Desktop, remote engines: SWITCHYARD_CONTAINER_STDIO=attach forces it here)
 * a server's stdin and stdout go through the engine, so an engine blip cuts them. The server keeps running in
 * its container: once the engine answers again the gateway attaches to it again and keeps it, and only the
 * calls that were in flight when the stream broke fail, at once and saying why.
 */
describe('an engine blip on the attach stream', () => {
  const proxy = new DockerSocketProxy();
  let setup: Awaited<ReturnType<typeof faultGateway>>;

  beforeAll(async () => {
    requireDockerAndImages(images.hostile);
    await proxy.start();
    setup = await faultGateway(
      { h: { image: images.hostile, callTimeoutSeconds: 60 } },
      { DOCKER_HOST: proxy.dockerHost, SWITCHYARD_CONTAINER_STDIO: 'attach' },
    );
  }, 60_000);

  afterEach(() => proxy.start());

  afterAll(async () => {
    await setup?.close();
    await proxy.close();
  }, 60_000);

  const call = (name: string, args: Record<string, unknown> = {}) => outcomeOf(setup.client.callTool({ name, arguments: args }, { timeout: 60_000 }));

  it('keeps the server on the same container: the call in flight fails within 2 s, the next call is answered', async () => {
    expect((await call('h__echo', { text: 'before' })).text).toBe('before');
    const id = containerOf(setup.home.homeHash, 'h');
    const running = (await healthOf(setup.gateway.url)).running;

    const inFlight = call('h__sleep', { ms: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cutAt = Date.now();
    await proxy.blip(1000);
    const outcome = await inFlight;
    expect(outcome.failed).toBe(true);
    expect(outcome.text).toContain("Docker's attach stream to the server was cut by the Docker engine");
    expect(outcome.at - cutAt).toBeLessThan(2000);

    const next = await call('h__echo', { text: 'after' });
    expect(next).toMatchObject({ failed: false, text: 'after' });
    expect(containerOf(setup.home.homeHash, 'h')).toBe(id);
    expect((await healthOf(setup.gateway.url)).running).toBe(running);
    // And it is the same server, still watched: its end is noticed as before.
    const pending = call('h__sleep', { ms: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killedAt = Date.now();
    dockerKill(id);
    const killed = await pending;
    expect(killed.failed).toBe(true);
    expect(killed.text).toContain('Server "h" exited with code 137');
    expect(killed.at - killedAt).toBeLessThan(2000);
    expect((await healthOf(setup.gateway.url)).running).toBe(running - 1);
  }, 60_000);

  it('keeps the server through two blips in a row, with no call in flight', async () => {
    expect((await call('h__echo', { text: 'up' })).text).toBe('up');
    const id = containerOf(setup.home.homeHash, 'h');
    await proxy.blip(1000);
    await proxy.blip(1000);
    expect(await call('h__echo', { text: 'still' })).toMatchObject({ failed: false, text: 'still' });
    expect(containerOf(setup.home.homeHash, 'h')).toBe(id);
  }, 60_000);
});
