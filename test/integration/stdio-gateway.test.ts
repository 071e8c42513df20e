import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { containersWithLabels, eventually, images, inspectContainer, requireDockerAndImages } from './support/docker.js';
import { connectToGateway, tempHome } from './support/gateway-process.js';
import { initializeLine, RawGateway } from './support/raw-gateway.js';

/** `switchyard gateway run` on stdio, driven by the real MCP SDK client, fronting server-everything in Docker. */
describe('stdio gateway in front of server-everything', () => {
  const home = tempHome();
  const ours = { 'io.switchyard.managed': 'true', 'io.switchyard.home': home.homeHash };
  let client: Client;
  let stderr: () => string;

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    ({ client, stderr } = await connectToGateway(['--image', images.everything, '--name', 'everything', '--env', 'GREETING=hello'], home.home, {
      capabilities: { sampling: {} },
    }));
  });

  afterAll(() => home.remove());

  it('answers initialize itself', () => {
    expect(client.getServerVersion()?.name).toBe('switchyard');
  });

  // --image starts its one container at once, as docker run -i does (gateway-run-image-ahead.test.ts): the
  // first use takes it, and no second one starts.
  it('lists the server tools from its one container', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toContain('echo');
    expect(names).toContain('get-sum');
    expect(containersWithLabels(ours)).toHaveLength(1);
  });

  it('calls echo and returns its text', async () => {
    const result = await client.callTool({ name: 'echo', arguments: { message: 'through the yard' } });
    expect(result.content).toEqual([{ type: 'text', text: 'Echo: through the yard' }]);
  });

  it('reads a resource and gets a prompt', async () => {
    const { resources } = await client.listResources();
    expect(resources.length).toBeGreaterThan(0);
    const first = resources[0]!;
    const read = await client.readResource({ uri: first.uri });
    expect(read.contents[0]?.uri).toBe(first.uri);

    const prompt = await client.getPrompt({ name: 'args-prompt', arguments: { city: 'Lisbon', state: 'Lisboa' } });
    expect(JSON.stringify(prompt.messages)).toContain('Lisbon');
  });

  it('answers ping itself', async () => {
    await expect(client.ping()).resolves.toBeDefined();
  });

  it('relays progress notifications for the caller, in order, with its own token, before the result', async () => {
    // Raw JSON-RPC here: the SDK client runs progress handlers a tick late and may drop the last one that
    // arrives together with the result, which would hide what the gateway actually relays.
    const raw = new RawGateway(['--image', images.everything], { SWITCHYARD_HOME: home.home });
    raw.write(initializeLine);
    await raw.nextMessage();
    raw.write(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 'call-1',
        method: 'tools/call',
        params: { name: 'trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 }, _meta: { progressToken: 'mine' } },
      }),
    );
    const seen: Array<Record<string, unknown>> = [];
    for (;;) {
      const message = await raw.nextMessage();
      // The server announces its lists and logs on its own schedule, which depends on how long it has run (its
      // container starts with the gateway): only the call's progress and answer are in question here.
      if (typeof message.method === 'string' && message.method !== 'notifications/progress') continue;
      seen.push(message);
      if (message.id === 'call-1') break;
    }
    expect(seen.slice(0, 3).map((m) => m.params)).toEqual([1, 2, 3].map((progress) => ({ progress, total: 3, progressToken: 'mine' })));
    expect(seen[3]).toMatchObject({ id: 'call-1', result: { content: [{ type: 'text' }] } });
    await raw.close();
  });

  it('routes a server-to-client sampling request back to the calling client', async () => {
    let seen: unknown;
    client.setRequestHandler('sampling/createMessage', async (request) => {
      seen = request.params.messages;
      return { model: 'test-model', role: 'assistant', content: { type: 'text', text: 'sampled by the test client' } };
    });
    const result = await client.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'hello sampler', maxTokens: 10 } });
    expect(JSON.stringify(seen)).toContain('hello sampler');
    expect(JSON.stringify(result.content)).toContain('sampled by the test client');
  });

  it('runs the container with the whole security profile and no host environment', () => {
    const [id] = containersWithLabels(ours);
    const info = inspectContainer(id!);
    expect(info.HostConfig.NetworkMode).toBe('none');
    expect(info.HostConfig.CapDrop).toEqual(['ALL']);
    expect(info.HostConfig.SecurityOpt).toContain('no-new-privileges');
    expect(info.HostConfig.Memory).toBe(512 * 1024 * 1024);
    expect(info.HostConfig.NanoCpus).toBe(1e9);
    expect(info.HostConfig.PidsLimit).toBe(256);
    expect(info.HostConfig.ReadonlyRootfs).toBe(true);
    expect(info.HostConfig.Privileged).toBe(false);
    expect(info.HostConfig.Binds ?? []).toEqual([]);
    // Exactly the env we asked for, plus the PATH Docker sets for every container: nothing from the gateway's own environment.
    const env = info.Config.Env ?? [];
    expect(env.filter((entry) => !entry.startsWith('PATH='))).toEqual(['GREETING=hello']);
    expect(env).not.toContain(`PATH=${process.env.PATH}`);
    expect(env.join('\n')).not.toContain('SWITCHYARD_HOME');
    expect(info.Config.Labels['io.switchyard.server']).toBe('everything');
    expect(info.Config.Tty).toBe(false);
  });

  it('logs to stderr only', () => {
    expect(stderr()).toContain('gateway ready on stdio');
  });

  it('leaves no container behind after the client closes', async () => {
    await client.close();
    const left = await eventually(
      () => containersWithLabels(ours),
      (ids) => ids.length === 0,
      15_000,
    );
    expect(left).toEqual([]);
  });
});
