import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { containersWithLabels, eventually, images, requireDockerAndImages } from '../integration/support/docker.js';
import { DockerSocketProxy } from '../support/docker-socket-proxy.js';
import { eventuallyAsync } from '../support/eventually-async.js';
import { containerOf, dockerKill, faultGateway, outcomeOf } from './support/fault-gateway.js';

/** The engine timeout of these tests (SWITCHYARD_ENGINE_TIMEOUT_SECONDS): low, so that waiting it out is quick, yet above what
 * creating and starting a container takes on a loaded machine (2 s was not). */
const engineTimeoutMs = 5000;

interface EngineHealth {
  reachable: boolean;
  dockerHost: string;
  timeoutMs: number;
  engineCall?: string;
  reason?: string;
}

/**
 * An engine that keeps its connections but stops answering (the proxy forwards nothing, closes nothing): every
 * engine request has a time limit, so nothing in the gateway waits on it for ever. A server whose container ends
 * meanwhile fails its caller, /health says the engine is unreachable and which call found it out, a call that
 * has to start a server answers with the engine's error, and everything works again once the engine answers.
 */
describe.each<{ stdio: string; env: Record<string, string>; inFlightBoundMs: number }>([
  // The container's end closes its stdio socket (not the engine's): the grace for its exit code, one inspect.
  { stdio: 'the stdio socket', env: {}, inFlightBoundMs: 3000 },
  // Through the engine, only a ping that goes unanswered tells the silence: a ping period and the timeout, then the cut.
  { stdio: "Docker's attach stream", env: { SWITCHYARD_CONTAINER_STDIO: 'attach' }, inFlightBoundMs: 2 * engineTimeoutMs + 3000 },
])('an engine that stops answering, with servers on $stdio', ({ env, inFlightBoundMs }) => {
  const proxy = new DockerSocketProxy();
  let setup: Awaited<ReturnType<typeof faultGateway>>;

  beforeAll(async () => {
    requireDockerAndImages(images.hostile);
    await proxy.start();
    setup = await faultGateway(
      { h: { image: images.hostile, callTimeoutSeconds: 60 }, cold: { image: images.hostile, callTimeoutSeconds: 60 } },
      { DOCKER_HOST: proxy.dockerHost, SWITCHYARD_ENGINE_TIMEOUT_SECONDS: String(engineTimeoutMs / 1000), ...env },
    );
  }, 60_000);

  afterEach(() => proxy.forward());

  afterAll(async () => {
    await setup?.close();
    await proxy.close();
  }, 60_000);

  const call = (name: string, args: Record<string, unknown> = {}) => outcomeOf(setup.client.callTool({ name, arguments: args }, { timeout: 60_000 }));
  const health = async () => (await (await fetch(new URL('/health', setup.gateway.url))).json()) as { running: number; engine?: EngineHealth };

  it('fails the call in flight, reports the engine unreachable, answers a start with the engine error, and recovers', async () => {
    expect((await call('h__echo', { text: 'before' })).text).toBe('before');
    // "cold" stopped (its container gone, the gateway told), so that a call to it has to start it.
    expect((await call('cold__echo', { text: 'up' })).text).toBe('up');
    dockerKill(containerOf(setup.home.homeHash, 'cold'));
    expect((await eventuallyAsync(health, (answer) => answer.running === 1)).running).toBe(1);
    expect((await health()).engine).toMatchObject({ reachable: true, dockerHost: proxy.dockerHost, timeoutMs: engineTimeoutMs });
    const id = containerOf(setup.home.homeHash, 'h');

    const inFlight = call('h__sleep', { ms: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.silence();
    const silentAt = Date.now();
    dockerKill(id);
    const outcome = await inFlight;
    expect(outcome.failed).toBe(true);
    expect(outcome.at - silentAt).toBeLessThan(inFlightBoundMs);

    // /health tells the engine's silence, naming the engine call that went unanswered.
    const silent = await eventuallyAsync(health, (answer) => answer.engine?.reachable === false, 3 * engineTimeoutMs);
    expect(silent.engine).toMatchObject({ reachable: false, dockerHost: proxy.dockerHost, reason: 'timeout' });
    expect(silent.engine?.engineCall).toMatch(/^(GET|POST|DELETE) \//);
    expect(setup.gateway.stderr).toContain(`the Docker engine at ${proxy.dockerHost} is not answering: ${silent.engine?.engineCall} got no answer within 5 s`);

    // A call that has to start a server answers with the engine's error (code, call, DOCKER_HOST) within the bound.
    const askedAt = Date.now();
    const start = await call('cold__echo', { text: 'x' });
    expect(start.failed).toBe(true);
    expect(start.text).toContain(`Docker engine not reachable at ${proxy.dockerHost}: GET /_ping got no answer within 2 s`);
    // A start asks the engine first, with 2 s of its own (docker-engine.ts), whatever the engine timeout.
    expect(start.at - askedAt).toBeLessThan(2000 + 1500);

    // The engine answers again: both servers start (h in a new container), /health says so, the dead one is removed.
    proxy.forward();
    // On the attach stream the container's end is found only now, through the engine (it retries within 2 s).
    expect((await eventuallyAsync(health, (answer) => answer.running === 0, 10_000)).running).toBe(0);
    expect(await call('cold__echo', { text: 'cold' })).toMatchObject({ failed: false, text: 'cold' });
    expect(await call('h__echo', { text: 'back' })).toMatchObject({ failed: false, text: 'back' });
    expect((await eventuallyAsync(health, (answer) => answer.engine?.reachable === true, 3 * engineTimeoutMs)).engine?.reachable).toBe(true);
    expect(setup.gateway.stderr).toContain(`the Docker engine at ${proxy.dockerHost} answers again`);
    const left = await eventually(
      () => containersWithLabels({ 'io.switchyard.home': setup.home.homeHash }).includes(id),
      (present) => !present,
      15_000,
    );
    expect(left).toBe(false);
  }, 90_000);
});
