import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { containersWithLabels, eventually, images, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { bridgeClient, cli, freePort, HttpGatewayProcess, httpClient, legacySseClient, writeSettings } from './support/http-gateway.js';

/**
 * One gateway over Streamable HTTP for every client: two HTTP clients and one stdio client through the
 * `switchyard connect` bridge, three real servers from npm in containers (two of them clash on every name).
 */
describe('one HTTP gateway, many clients, many servers', () => {
  const home = tempHome();
  const ours = { 'io.switchyard.home': home.homeHash };
  let port: number;
  let token: string;
  let gateway: HttpGatewayProcess;
  let base: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    requireDockerAndImages(images.everything, images.memory);
    port = await freePort();
    writeSettings(home.home, { gateway: { port, idleTimeoutSeconds: 600 } });
    cli(home.home, ['server', 'add', 'alpha', '--image', images.everything]);
    cli(home.home, ['server', 'add', 'beta', '--image', images.everything]);
    cli(home.home, ['server', 'add', 'memory', '--image', images.memory, '--env', 'MEMORY_FILE_PATH=/tmp/memory.jsonl']);
    token = cli(home.home, ['gateway', 'token']).trim();
    gateway = new HttpGatewayProcess(home.home);
    await gateway.ready();
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    if (gateway.child.exitCode === null) await gateway.stop();
    home.remove();
  });

  it('serves /health without a token and without secrets', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'ok', service: 'switchyard', servers: 3 });
    expect(text).not.toContain(token);
  });

  it('refuses requests without the token, from a foreign Origin, or with a foreign Host', async () => {
    const init = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    };
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body: JSON.stringify(init),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
    expect((await post({ authorization: `Bearer ${token}`, origin: 'https://evil.example' })).status).toBe(403);
    const rebinding = await new Promise<number>((resolve, reject) => {
      // fetch() will not let us forge Host; a raw request can, as a DNS-rebinding page effectively does.
      import('node:http').then(({ request }) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/mcp',
            method: 'POST',
            headers: { host: `evil.example:${port}`, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          },
          (res) => resolve(res.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end(JSON.stringify(init));
      }, reject);
    });
    expect(rebinding).toBe(403);
    const ok = await post({ authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('mcp-session-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('aggregates every server, prefixing only the names that clash', async () => {
    const client = await httpClient(gateway.url, token);
    clients.push(client);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('alpha__echo');
    expect(names).toContain('beta__echo');
    expect(names).not.toContain('echo');
    expect(names).toContain('create_entities');
    expect(names).not.toContain('memory__create_entities');
    const prompts = (await client.listPrompts()).prompts.map((prompt) => prompt.name);
    expect(prompts).toContain('alpha__simple-prompt');
  });

  it('routes calls from three clients at once to the right server, one shared container per server', async () => {
    const second = await httpClient(gateway.url, token, {}, 'second');
    const bridged = await bridgeClient(home.home);
    clients.push(second, bridged);
    const callers = [clients[0]!, second, bridged];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const server = i % 2 === 0 ? 'alpha' : 'beta';
        return callers[i % 3]!.callTool({ name: `${server}__echo`, arguments: { message: `call ${i}` } }).then((result) => ({ i, result }));
      }),
    );
    for (const { i, result } of results) expect(result.content).toEqual([{ type: 'text', text: `Echo: call ${i}` }]);
    const created = await callers[2]!.callTool({
      name: 'create_entities',
      arguments: { entities: [{ name: 'yard', entityType: 'place', observations: ['busy'] }] },
    });
    expect(JSON.stringify(created.content)).toContain('yard');
    expect(containersWithLabels({ ...ours, 'io.switchyard.server': 'alpha' })).toHaveLength(1);
    expect(containersWithLabels({ ...ours, 'io.switchyard.server': 'beta' })).toHaveLength(1);
    expect(containersWithLabels({ ...ours, 'io.switchyard.server': 'memory' })).toHaveLength(1);
  });

  it('sends a sampling request only to the client whose call caused it', async () => {
    const asked: string[] = [];
    const make = async (name: string) => {
      const client = await httpClient(gateway.url, token, { capabilities: { sampling: {} } }, name);
      client.setRequestHandler('sampling/createMessage', async () => {
        asked.push(name);
        return { model: 'm', role: 'assistant', content: { type: 'text', text: `answer from ${name}` } };
      });
      clients.push(client);
      return client;
    };
    const red = await make('red');
    await make('blue');
    const result = await red.callTool({ name: 'beta__trigger-sampling-request', arguments: { prompt: 'who are you', maxTokens: 5 } });
    expect(JSON.stringify(result.content)).toContain('answer from red');
    expect(asked).toEqual(['red']);
  });

  it('tells a caller whose client cannot sample, instead of hanging', async () => {
    const result = await clients[0]!.callTool({ name: 'alpha__trigger-sampling-request', arguments: { prompt: 'x', maxTokens: 5 } }).then(
      (r) => JSON.stringify(r),
      (error: Error) => error.message,
    );
    expect(result).toMatch(/does not support sampling/);
  });

  it('relays progress over the HTTP stream of the call', async () => {
    const progress: number[] = [];
    await clients[0]!.callTool(
      { name: 'alpha__trigger-long-running-operation', arguments: { duration: 0.6, steps: 3 } },
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(progress.slice(0, 2)).toEqual([1, 2]);
  });

  it('serves an older client over the legacy HTTP+SSE transport', async () => {
    const client = await legacySseClient(base, token);
    clients.push(client);
    const result = await client.callTool({ name: 'beta__get-sum', arguments: { a: 20, b: 22 } });
    expect(JSON.stringify(result.content)).toContain('42');
  });

  it('notices a killed container at once, fails its call naming the server, and restarts it on the next call', async () => {
    const slow = clients[0]!.callTool({ name: 'alpha__trigger-long-running-operation', arguments: { duration: 20, steps: 2 } }).then(
      () => 'finished',
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [id] = containersWithLabels({ ...ours, 'io.switchyard.server': 'alpha' });
    const killedAt = Date.now();
    execFileSync('docker', ['kill', id!]);
    const outcome = await slow;
    expect(Date.now() - killedAt).toBeLessThan(2000);
    expect(outcome).toMatch(/Server "alpha" exited/);
    const again = await clients[0]!.callTool({ name: 'alpha__echo', arguments: { message: 'back' } });
    expect(again.content).toEqual([{ type: 'text', text: 'Echo: back' }]);
    expect(containersWithLabels({ ...ours, 'io.switchyard.server': 'alpha' })).toHaveLength(1);
  });

  it('follows settings changes while running: a disabled server stops and clients hear list_changed', async () => {
    let changed = 0;
    const listener = await httpClient(gateway.url, token, { listChanged: { tools: { onChanged: () => changed++ } } }, 'listener');
    clients.push(listener);
    await listener.listTools();
    cli(home.home, ['server', 'disable', 'memory']);
    await eventually(
      () => containersWithLabels({ ...ours, 'io.switchyard.server': 'memory' }),
      (ids) => ids.length === 0,
    );
    expect(containersWithLabels({ ...ours, 'io.switchyard.server': 'memory' })).toEqual([]);
    const names = (await listener.listTools()).tools.map((tool) => tool.name);
    expect(names).not.toContain('create_entities');
    expect(names).toContain('alpha__echo');
    await eventually(
      () => changed,
      (count) => count > 0,
      5000,
    );
    expect(changed).toBeGreaterThan(0);
  });

  it('removes every container when the gateway exits', async () => {
    expect(containersWithLabels(ours).length).toBeGreaterThan(0);
    await gateway.stop();
    expect(containersWithLabels(ours)).toEqual([]);
  });

  it('answers tools/list from the cache after a restart, without starting any container', async () => {
    const restarted = new HttpGatewayProcess(home.home);
    await restarted.ready();
    const client = await httpClient(restarted.url, token);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    expect(names).toContain('alpha__echo');
    expect(containersWithLabels(ours)).toEqual([]);
    await client.close();
    await restarted.stop();
  });

  it('re-announces a changed tool list when a live server differs from its cached list', async () => {
    const cacheFile = path.join(home.home, 'cache', 'server-lists', 'alpha.json');
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { lists: { tools: Array<{ name: string }> } };
    cached.lists.tools = cached.lists.tools.filter((tool) => tool.name === 'echo');
    writeFileSync(cacheFile, JSON.stringify(cached));
    const restarted = new HttpGatewayProcess(home.home);
    await restarted.ready();
    let changed = 0;
    const client = await httpClient(restarted.url, token, { listChanged: { tools: { onChanged: () => changed++ } } });
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('alpha__get-sum');
    await client.callTool({ name: 'alpha__echo', arguments: { message: 'wake up' } });
    await eventually(
      () => changed,
      (count) => count > 0,
      5000,
    );
    expect((await client.listTools()).tools.map((t) => t.name)).toContain('alpha__get-sum');
    await client.close();
    await restarted.stop();
  });
});

describe('idle servers and the stdio bridge without a gateway', () => {
  const home = tempHome();
  const ours = { 'io.switchyard.home': home.homeHash };
  afterAll(() => home.remove());

  it('stops a server container after the idle timeout, and starts it again on the next call', async () => {
    requireDockerAndImages(images.everything);
    const port = await freePort();
    writeSettings(home.home, { gateway: { port }, servers: { solo: { image: images.everything } } });
    const token = cli(home.home, ['gateway', 'token']).trim();
    const gateway = new HttpGatewayProcess(home.home, ['--idle-timeout', '2']);
    const client = await httpClient(await gateway.ready(), token);
    await client.callTool({ name: 'echo', arguments: { message: 'once' } });
    expect(containersWithLabels(ours)).toHaveLength(1);
    const left = await eventually(
      () => containersWithLabels(ours),
      (ids) => ids.length === 0,
      8000,
    );
    expect(left).toEqual([]);
    await client.callTool({ name: 'echo', arguments: { message: 'twice' } });
    expect(containersWithLabels(ours)).toHaveLength(1);
    await client.close();
    await gateway.stop();
  });

  it('runs the gateway in-process when `switchyard connect` finds none running', async () => {
    const client = await bridgeClient(home.home);
    expect(client.getServerVersion()?.name).toBe('switchyard');
    const result = await client.callTool({ name: 'echo', arguments: { message: 'in-process' } });
    expect(result.content).toEqual([{ type: 'text', text: 'Echo: in-process' }]);
    await client.close();
    expect(
      await eventually(
        () => containersWithLabels(ours),
        (ids) => ids.length === 0,
      ),
    ).toEqual([]);
  });
});
