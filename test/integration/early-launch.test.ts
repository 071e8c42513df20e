import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containersWithLabels, eventually, images, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { DockerRuntime } from '../../electron/runtime/docker-runtime.js';
import { beginEarlyLaunch, launchEarly, takeEarlyLaunch, undoEarlyStart } from '../../electron/runtime/early-launch.js';
import { StderrBuffer } from '../../electron/runtime/stderr-buffer.js';
import type { ServerTransport } from '../../electron/runtime/docker-runtime.js';

/** Sends initialize on a runtime transport and resolves with the server's answer. */
function initialize(transport: ServerTransport): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    transport.onmessage = (message) => {
      if ('id' in message && message.id === 1) resolve(message as Record<string, unknown>);
    };
    void transport.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'early-launch-test', version: '1' } },
    });
  });
}

/** This process's stdio socket folders (stdio-socket.ts names them by pid). */
function socketFolders(): string[] {
  return readdirSync(os.tmpdir()).filter((name) => name.startsWith(`switchyard-io-${process.pid}-`));
}

/**
 * `gateway run --image` starts its container over plain HTTP on the engine's socket before dockerode (or the
 * CLI) loads (issue #18); the runtime then takes that container. Real Docker, real server image.
 */
describe('early launch: the --image container started before the runtime loads', () => {
  const home = tempHome();
  const ours = { 'io.switchyard.managed': 'true', 'io.switchyard.home': home.homeHash };
  const server = { name: 'early', image: images.everything, env: { GREETING: 'early' } };

  beforeAll(() => requireDockerAndImages(images.everything));
  afterAll(() => home.remove());

  it('creates and starts the container on the stdio socket; the runtime takes it, serves it, and removes it on close', async () => {
    const early = await launchEarly(server, home.home);
    expect(early).toBeDefined();
    expect(containersWithLabels({ ...ours, 'io.switchyard.server': 'early' })).toEqual([early!.containerId.slice(0, 12)]);
    expect(early!.spec.Entrypoint?.[0]).toBe('/.switchyard/stdio-socket');
    expect(early!.spec.HostConfig).toMatchObject({ NetworkMode: 'none', CapDrop: ['ALL'], ReadonlyRootfs: true });

    const runtime = new DockerRuntime({ home: home.home });
    await runtime.startAhead(server, Promise.resolve(early));
    const transport = await runtime.open({ ...server, callTimeoutMs: 30_000 }, new StderrBuffer());
    try {
      expect(transport.containerId).toBe(early!.containerId);
      const answer = await initialize(transport);
      expect(answer.result).toMatchObject({ serverInfo: expect.objectContaining({ name: expect.any(String) }) });
      expect(containersWithLabels(ours)).toHaveLength(1); // no second container
    } finally {
      await transport.close();
    }
    expect(
      await eventually(
        () => containersWithLabels(ours),
        (ids) => ids.length === 0,
        20_000,
      ),
    ).toEqual([]);
    expect(existsSync(early!.listener.folder)).toBe(false);
  }, 60_000);

  it('starts nothing and leaves nothing for an image the engine does not have (the runtime then pulls it)', async () => {
    const early = await launchEarly({ name: 'absent', image: 'switchyard-fixture/absent:never' }, home.home);
    expect(early).toBeUndefined();
    expect(containersWithLabels(ours)).toEqual([]);
    expect(socketFolders()).toEqual([]);
  });

  it('undoes the container the engine refuses to start, and resolves undefined', async () => {
    // A memory limit under the engine's minimum (6 MB): refused at create or start, depending on the engine.
    const early = await launchEarly({ name: 'refused', image: images.everything, limits: { memoryMb: 1 } }, home.home);
    expect(early).toBeUndefined();
    expect(
      await eventually(
        () => containersWithLabels(ours),
        (ids) => ids.length === 0,
        10_000,
      ),
    ).toEqual([]);
    expect(socketFolders()).toEqual([]);
  });

  it('does not apply off a local Linux engine on the stdio socket: a TCP engine, the attach stream asked for', async () => {
    expect(await launchEarly(server, home.home, { DOCKER_HOST: 'tcp://127.0.0.1:1' })).toBeUndefined();
    expect(await launchEarly(server, home.home, { ...process.env, SWITCHYARD_CONTAINER_STDIO: 'attach' })).toBeUndefined();
    expect(await launchEarly({ ...server, pullPolicy: 'always' }, home.home)).toBeUndefined();
    expect(containersWithLabels(ours)).toEqual([]);
  });

  it('hands the begun launch to the command that starts the same container, and undoes one begun for another', async () => {
    await beginEarlyLaunch(server, home.home);
    const [begun] = containersWithLabels(ours);
    const same = await takeEarlyLaunch({ ...server }, home.home);
    expect(same?.containerId.startsWith(begun!)).toBe(true);
    await undoEarlyStart(same!);

    await beginEarlyLaunch(server, home.home);
    const [other] = containersWithLabels(ours);
    const changed = await takeEarlyLaunch({ ...server, env: { GREETING: 'changed' } }, home.home);
    try {
      expect(changed).toBeDefined();
      expect(changed!.containerId.startsWith(other!)).toBe(false);
      expect(
        await eventually(
          () => containersWithLabels(ours),
          (ids) => ids.length === 1,
          10_000,
        ),
      ).toEqual([changed!.containerId.slice(0, 12)]);
    } finally {
      await undoEarlyStart(changed!);
    }
    expect(containersWithLabels(ours)).toEqual([]);
  }, 60_000);
});
