import { describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport, type ClientOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { eventually, images, requireDockerAndImages } from './support/docker.js';
import { cliPath } from './support/gateway-process.js';
import { addServersToSettings, cli, httpClient, httpGatewayForSuite } from './support/http-gateway.js';
import { RawGateway } from './support/raw-gateway.js';

/** A 2026-07-28 client (stateless, pinned: no fallback) in front of 2025-era servers from npm, and next to 2025-era clients. */
const modern: ClientOptions = { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { sampling: {}, elicitation: {} } };

function answeringClient(name: string, options: ClientOptions = modern): Client {
  const client = new Client({ name, version: '1.0.0' }, options);
  client.setRequestHandler('sampling/createMessage', async (request) => ({
    model: 'test-model',
    role: 'assistant',
    content: { type: 'text', text: `${name} sampled ${JSON.stringify(request.params.messages).length} chars` },
  }));
  client.setRequestHandler('elicitation/create', async () => ({ action: 'accept', content: { color: 'teal', number: 7, pets: 'cats' } }));
  return client;
}

describe('both protocol eras through one gateway', () => {
  const suite = httpGatewayForSuite((home) => {
    requireDockerAndImages(images.everything);
    addServersToSettings(home, { every: { image: images.everything } });
  });

  it('answers server/discover on stdio with the modern revision and its capabilities', async () => {
    const raw = new RawGateway([], { SWITCHYARD_HOME: suite.home.home });
    raw.write(
      JSON.stringify({ jsonrpc: '2.0', id: 'd', method: 'server/discover', params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } } }),
    );
    const answer = await raw.nextMessage();
    expect(answer).toMatchObject({
      id: 'd',
      result: { supportedVersions: ['2026-07-28'], resultType: 'complete', capabilities: { tools: { listChanged: true } } },
    });
    await raw.close();
  });

  it('serves a pinned 2026 client on stdio, translating a 2025 server’s sampling request into input_required and back', async () => {
    const client = answeringClient('modern-stdio');
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [cliPath, 'gateway', 'run'],
        env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: suite.home.home },
        stderr: 'ignore',
      }),
    );
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('echo');
    expect((await client.callTool({ name: 'echo', arguments: { message: 'new era' } })).content).toEqual([{ type: 'text', text: 'Echo: new era' }]);
    const sampled = await client.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'from the past', maxTokens: 5 } });
    expect(JSON.stringify(sampled.content)).toContain('modern-stdio sampled');
    const elicited = await client.callTool({ name: 'trigger-elicitation-request', arguments: {} });
    expect(JSON.stringify(elicited.content)).toContain('teal');
    await client.close();
  });

  it('serves pinned 2026 clients over stateless HTTP, concurrently, without mixing up their request ids', async () => {
    const clients = await Promise.all(
      ['a', 'b', 'c'].map(async (name) => {
        const client = answeringClient(`modern-${name}`);
        await client.connect(new StreamableHTTPClientTransport(suite.url, { authProvider: { token: async () => suite.token } }));
        return client;
      }),
    );
    // Every client numbers its requests from the same start: the gateway must keep them apart.
    const results = await Promise.all(
      clients.flatMap((client, c) =>
        Array.from({ length: 10 }, (_, i) => client.callTool({ name: 'echo', arguments: { message: `${c}-${i}` } }).then((r) => ({ c, i, r }))),
      ),
    );
    for (const { c, i, r } of results) expect(r.content).toEqual([{ type: 'text', text: `Echo: ${c}-${i}` }]);
    const sampled = await clients[1]!.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'over http', maxTokens: 5 } });
    expect(JSON.stringify(sampled.content)).toContain('modern-b sampled');
    await Promise.all(clients.map((client) => client.close()));
  });

  it('serves a 2025 client and a 2026 client side by side, and tells both when the tool list changes', async () => {
    let legacyHeard = 0;
    let modernHeard = 0;
    const legacy = await httpClient(suite.url.toString(), suite.token, { listChanged: { tools: { onChanged: () => legacyHeard++ } } }, 'legacy');
    const current = new Client({ name: 'current', version: '1.0.0' }, { ...modern, listChanged: { tools: { onChanged: () => modernHeard++ } } });
    await current.connect(new StreamableHTTPClientTransport(suite.url, { authProvider: { token: async () => suite.token } }));
    expect((await legacy.listTools()).tools.length).toBe((await current.listTools()).tools.length);

    cli(suite.home.home, ['server', 'add', 'second', '--image', images.everything]);
    await eventually(
      () => legacyHeard + modernHeard,
      () => legacyHeard > 0 && modernHeard > 0,
      15_000,
    );
    expect(legacyHeard).toBeGreaterThan(0);
    expect(modernHeard).toBeGreaterThan(0);
    expect((await current.listTools()).tools.map((tool) => tool.name)).toContain('second__echo');
    await Promise.all([legacy.close(), current.close()]);
  });
});
