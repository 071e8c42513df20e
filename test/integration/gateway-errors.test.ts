import { createServer, type Server, type Socket } from 'node:net';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as LegacyStdioTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { containersWithLabels, eventually, images, requireDockerAndImages } from './support/docker.js';
import { cliPath, connectToGateway, tempHome } from './support/gateway-process.js';
import { initializeLine, RawGateway } from './support/raw-gateway.js';

describe('gateway error paths, with the real engine', () => {
  const home = tempHome();
  beforeAll(() => requireDockerAndImages(images.everything, images.crash));
  afterAll(() => home.remove());

  it('fails within 2 s with one clear error when the Docker socket does not exist (HTTP gateway)', async () => {
    const gateway = new RawGateway(['--transport', 'http', '--port', '0', '--image', images.everything], {
      SWITCHYARD_HOME: home.home,
      DOCKER_HOST: 'unix:///tmp/switchyard-no-such-docker.sock',
    });
    const { code, ms } = await gateway.exited;
    expect(code).toBe(1);
    expect(ms).toBeLessThan(2500);
    expect(gateway.stderr).toContain('Docker engine not reachable at unix:///tmp/switchyard-no-such-docker.sock');
    expect(gateway.stderr).toContain('Start Docker');
  });

  it('on stdio, serves without the engine and answers each call with its error within 2 s', async () => {
    const gateway = new RawGateway(['--image', images.everything], { SWITCHYARD_HOME: home.home, DOCKER_HOST: 'unix:///tmp/switchyard-no-such-docker.sock' });
    gateway.write(initializeLine);
    const initialized = await gateway.nextMessage();
    expect((initialized.result as { serverInfo: { name: string } }).serverInfo.name).toBe('switchyard');
    gateway.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    gateway.write(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }));
    expect(((await gateway.nextMessage()).result as { tools: unknown[] }).tools).toEqual([]);
    const asked = Date.now();
    gateway.write(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get-sum', arguments: { a: 1, b: 2 } } }));
    const answer = JSON.stringify(await gateway.nextMessage());
    expect(Date.now() - asked).toBeLessThan(2000);
    expect(answer).toContain('Docker engine not reachable at unix:///tmp/switchyard-no-such-docker.sock');
    expect(answer).toContain('Start Docker');
    expect(gateway.stderr).toContain('serving anyway');
    expect(gateway.child.exitCode).toBeNull();
    await gateway.close();
  });

  describe('when the engine accepts connections but never answers', () => {
    let silent: Server;
    let port = 0;
    const held = new Set<Socket>();
    /** When the gateway first connected: from then on it is waiting for the engine. */
    let firstConnectionAt: number | undefined;
    beforeAll(async () => {
      silent = createServer((socket) => {
        firstConnectionAt ??= Date.now();
        held.add(socket);
      });
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      port = (silent.address() as { port: number }).port;
    });
    afterAll(async () => {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('gives up within 2 s instead of hanging', async () => {
      const gateway = new RawGateway(['--transport', 'http', '--port', '0', '--image', images.everything], {
        SWITCHYARD_HOME: home.home,
        DOCKER_HOST: `tcp://127.0.0.1:${port}`,
      });
      const { code, at } = await gateway.exited;
      expect(code).toBe(1);
      // Measured from its first connection to the engine, so a slow process start on a busy machine does not count.
      expect(firstConnectionAt).toBeDefined();
      expect(at - firstConnectionAt!).toBeLessThan(2500);
      expect(gateway.stderr).toMatch(/Docker engine not reachable at tcp:\/\/127\.0\.0\.1:\d+: GET \/_ping got no answer within 2 s/);
    });

    it('on stdio, answers a call with the engine error within 2 s of asking the engine', async () => {
      const gateway = new RawGateway(['--image', images.everything], { SWITCHYARD_HOME: home.home, DOCKER_HOST: `tcp://127.0.0.1:${port}` });
      gateway.write(initializeLine);
      expect((await gateway.nextMessage()).result).toBeDefined();
      const asked = Date.now();
      gateway.write(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get-sum', arguments: { a: 1, b: 2 } } }));
      const answer = JSON.stringify(await gateway.nextMessage());
      expect(Date.now() - asked).toBeLessThan(2500);
      expect(answer).toMatch(/Docker engine not reachable at tcp:\/\/127\.0\.0\.1:\d+: GET \/_ping got no answer within 2 s/);
      await gateway.close();
    });
  });

  it('answers a tool call for a missing image with a tool error that names the image', async () => {
    const { client } = await connectToGateway(['--image', '127.0.0.1:1/switchyard-fixture/no-such-image:1.0', '--name', 'ghost'], home.home);
    // tools/list still answers (one failing server never takes the gateway down) ...
    expect((await client.listTools()).tools).toEqual([]);
    // ... and a call explains which server could not start, why, and what to do.
    const failure = await client.callTool({ name: 'anything', arguments: {} }).then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    expect(failure).toContain('Unknown tool "anything"');
    expect(failure).toContain('Server "ghost" could not start');
    expect(failure).toContain('127.0.0.1:1/switchyard-fixture/no-such-image:1.0');
    expect(failure).toContain('could not be pulled');
    expect(failure).toContain('docker login');
    await client.close();
  });

  it('reports a server that crashes on start with its last stderr lines, and cleans up its container', async () => {
    const { client } = await connectToGateway(['--image', images.crash, '--name', 'crashy'], home.home);
    expect((await client.listTools()).tools).toEqual([]);
    const failure = await client.callTool({ name: 'x', arguments: {} }).then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    expect(failure).toContain('fixture crash: boom');
    expect(failure).toMatch(/code 3/);
    await client.close();
    expect(containersWithLabels({ 'io.switchyard.home': home.homeHash, 'io.switchyard.server': 'crashy' })).toEqual([]);
  });

  it('answers malformed JSON-RPC with JSON-RPC errors and keeps serving', async () => {
    const gateway = new RawGateway(['--image', images.everything], { SWITCHYARD_HOME: home.home });
    gateway.write('this is not json');
    const parseError = await gateway.nextMessage();
    expect(parseError).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    gateway.write(JSON.stringify({ jsonrpc: '2.0', id: 7 }));
    expect(await gateway.nextMessage()).toMatchObject({ id: 7, error: { code: -32600 } });
    gateway.write(JSON.stringify({ jsonrpc: '1.0', id: 8, method: 'ping' }));
    expect(await gateway.nextMessage()).toMatchObject({ id: 8, error: { code: -32600, message: expect.stringContaining('jsonrpc') } });
    gateway.write(initializeLine);
    expect(await gateway.nextMessage()).toMatchObject({ id: 0, result: { serverInfo: { name: 'switchyard' } } });
    await gateway.close();
  });

  it('sweeps containers left behind by a gateway that was killed', async () => {
    const sweepHome = tempHome();
    const ours = { 'io.switchyard.home': sweepHome.homeHash };
    const gateway = new RawGateway(['--image', images.everything], { SWITCHYARD_HOME: sweepHome.home });
    gateway.write(initializeLine);
    await gateway.nextMessage();
    gateway.write(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }));
    await gateway.nextMessage();
    expect(containersWithLabels(ours)).toHaveLength(1);
    gateway.child.kill('SIGKILL');
    await gateway.exited;
    const orphans = containersWithLabels(ours);
    expect(orphans).toHaveLength(1);

    // The next gateway (whose --image container starts at once, a container of its own) removes the orphan.
    const next = await connectToGateway(['--image', images.everything], sweepHome.home);
    expect(
      await eventually(
        () => containersWithLabels(ours).filter((id) => orphans.includes(id)),
        (ids) => ids.length === 0,
      ),
    ).toEqual([]);
    await next.client.close();
    sweepHome.remove();
  });

  it('serves an older-era client (SDK v1, protocol 2025-06-18)', async () => {
    const transport = new LegacyStdioTransport({
      command: process.execPath,
      args: [cliPath, 'gateway', 'run', '--image', images.everything],
      env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home },
      stderr: 'ignore',
    });
    const client = new LegacyClient({ name: 'legacy', version: '1' });
    await client.connect(transport);
    const result = await client.callTool({ name: 'get-sum', arguments: { a: 2, b: 40 } });
    expect(JSON.stringify(result.content)).toContain('42');
    await client.close();
  });

  it('prints --help and --version without touching Docker', async () => {
    const run = (args: string[]) =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [cliPath, ...args], { env: { PATH: process.env.PATH ?? '', DOCKER_HOST: 'unix:///nonexistent' } });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('exit', () => resolve(out));
      });
    expect(await run(['--version'])).toMatch(/^\d+\.\d+\.\d+/);
    expect(await run(['--help'])).toContain('gateway');
  });
});
