import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containersWithLabels, eventually, images, requireDockerAndImages } from './support/docker.js';
import { connectToGateway, tempHome } from './support/gateway-process.js';
import { DockerRuntime } from '../../electron/runtime/docker-runtime.js';
import { StderrBuffer } from '../../electron/runtime/stderr-buffer.js';

/**
 * `gateway run --image` on stdio starts its one server's container at once, as `docker run -i` does (the client
 * launched it to call that server): the first call then takes that container instead of starting one (issue #18).
 */
describe('gateway run --image starts its container before the first call', () => {
  const home = tempHome();
  const ours = { 'io.switchyard.managed': 'true', 'io.switchyard.home': home.homeHash };

  beforeAll(() => requireDockerAndImages(images.everything));
  afterAll(() => home.remove());

  it('has the container running after initialize, and the first call uses it (no second container)', async () => {
    const { client } = await connectToGateway(['--image', images.everything, '--name', 'everything'], home.home);
    try {
      // No call yet: the container was started by the gateway's start, not by a call.
      const started = await eventually(
        () => containersWithLabels({ ...ours, 'io.switchyard.server': 'everything' }),
        (ids) => ids.length === 1,
        20_000,
      );
      expect(started).toHaveLength(1);
      const result = await client.callTool({ name: 'echo', arguments: { message: 'ahead' } });
      expect(result.content).toEqual([{ type: 'text', text: 'Echo: ahead' }]);
      expect(containersWithLabels(ours)).toEqual(started);
    } finally {
      await client.close();
    }
    // The client leaving ends the gateway, and the gateway removes the container.
    expect(
      await eventually(
        () => containersWithLabels(ours),
        (ids) => ids.length === 0,
        20_000,
      ),
    ).toEqual([]);
  }, 60_000);

  it('removes the container when the client leaves without calling', async () => {
    const { client } = await connectToGateway(['--image', images.everything, '--name', 'unused'], home.home);
    await eventually(
      () => containersWithLabels(ours),
      (ids) => ids.length === 1,
      20_000,
    );
    await client.close();
    expect(
      await eventually(
        () => containersWithLabels(ours),
        (ids) => ids.length === 0,
        20_000,
      ),
    ).toEqual([]);
  }, 60_000);

  it('serves a 2026-era client through the container started ahead', async () => {
    const { client } = await connectToGateway(['--image', images.everything, '--name', 'modern'], home.home, {
      versionNegotiation: { mode: { pin: '2026-07-28' } },
    });
    try {
      const result = await client.callTool({ name: 'echo', arguments: { message: 'modern' } });
      expect(result.content).toEqual([{ type: 'text', text: 'Echo: modern' }]);
      expect(containersWithLabels(ours)).toHaveLength(1);
    } finally {
      await client.close();
    }
  }, 60_000);
});

describe('DockerRuntime.startAhead: the container goes to the first open() of the same launch', () => {
  const home = tempHome();
  const ours = { 'io.switchyard.managed': 'true', 'io.switchyard.home': home.homeHash };

  beforeAll(() => requireDockerAndImages(images.everything));
  afterAll(() => home.remove());

  it('takes the container for the same launch; a changed launch gets a new one and the early one is removed', async () => {
    const runtime = new DockerRuntime({ home: home.home });
    const server = { name: 'early', image: images.everything, env: { GREETING: 'one' } };
    await runtime.startAhead(server);
    const early = await eventually(
      () => containersWithLabels(ours),
      (ids) => ids.length === 1,
      20_000,
    );
    expect(early).toHaveLength(1);
    const same = await runtime.open({ ...server, callTimeoutMs: 30_000 }, new StderrBuffer());
    expect(same.containerId?.startsWith(early[0]!)).toBe(true);
    await same.close();

    await runtime.startAhead(server);
    const changed = await runtime.open({ ...server, env: { GREETING: 'two' } }, new StderrBuffer());
    try {
      const left = await eventually(
        () => containersWithLabels(ours),
        (ids) => ids.length === 1,
        20_000,
      );
      expect(left).toHaveLength(1);
      expect(changed.containerId?.startsWith(left[0]!)).toBe(true);
    } finally {
      await changed.close();
    }
    await runtime.discardStartedAhead();
    expect(
      await eventually(
        () => containersWithLabels(ours),
        (ids) => ids.length === 0,
        20_000,
      ),
    ).toEqual([]);
  }, 90_000);
});
