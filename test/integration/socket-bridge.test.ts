import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { liveRuntimeRecords } from '../../electron/core/gateway-runtime-file.js';
import { eventually, images, requireDockerAndImages } from './support/docker.js';
import { cliPath, repoRoot, tempHome } from './support/gateway-process.js';
import { cli, freePort, HttpGatewayProcess, writeSettings } from './support/http-gateway.js';

const modern: ClientOptions = { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { sampling: {}, elicitation: {} } };
const current: ClientOptions = { capabilities: { sampling: {}, elicitation: {} } };

/** A client launched the way AI apps launch Switchyard: `switchyard connect`, answering sampling and elicitation itself. */
async function bridged(home: string, name: string, options: ClientOptions, args = ['connect']): Promise<{ client: Client; stderr: () => string }> {
  const client = new Client({ name, version: '1.0.0' }, options);
  client.setRequestHandler('sampling/createMessage', async () => ({ model: 'm', role: 'assistant', content: { type: 'text', text: `${name} sampled` } }));
  client.setRequestHandler('elicitation/create', async () => ({ action: 'accept', content: { color: 'teal', number: 7, pets: 'cats' } }));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cliPath, ...args],
    env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home, SWITCHYARD_LOG_LEVEL: 'info' },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

/** `switchyard connect` driven by hand under a module-trace hook: what its start path loads to reach the gateway. */
async function bridgeStartPath(home: string, args = ['connect']): Promise<{ answer: unknown; loaded: string[] }> {
  const hook = `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('RESOLVED ' + r.url + '\\n'); return r; }`;
  const register = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));`;
  const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, cliPath, ...args], {
    env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const initialize = { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'by-hand', version: '1' } };
  child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: initialize }) + '\n');
  await eventually(
    () => stdout,
    (text) => text.includes('\n'),
    10_000,
  );
  child.stdin.end();
  await new Promise((resolve) => child.on('exit', resolve));
  const loaded = stderr
    .split('\n')
    .filter((line) => line.startsWith('RESOLVED file:'))
    .map((line) => path.relative(repoRoot, fileURLToPath(line.slice('RESOLVED '.length))));
  return { answer: JSON.parse(stdout.split('\n')[0]!), loaded };
}

describe('the connect bridge on the gateway socket', () => {
  const home = tempHome();
  let gateway: HttpGatewayProcess;
  const clients: Client[] = [];

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    writeSettings(home.home, {
      gateway: { port: await freePort() },
      servers: { every: { image: images.everything } },
      profiles: { coding: { servers: { every: { allow: ['echo'] } } } },
    });
    gateway = new HttpGatewayProcess(home.home);
    await gateway.ready();
  });

  afterAll(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await gateway.stop();
    home.remove();
  });

  it('the HTTP gateway listens on an owner-only socket in the run folder and names it in its runtime file', () => {
    const [record] = liveRuntimeRecords(home.home);
    expect(record?.socket).toBe(path.join(home.home, 'run', `gateway-${gateway.child.pid}.sock`));
    const socket = statSync(record!.socket!);
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(record!.socket!)).mode & 0o777).toBe(0o700);
  });

  it('reaches the gateway without loading the SDK, the HTTP bridge or the engine', async () => {
    const { answer, loaded } = await bridgeStartPath(home.home);
    expect(answer).toMatchObject({ id: 1, result: { serverInfo: { name: 'switchyard' } } });
    expect(loaded.filter((file) => file.includes('node_modules'))).toEqual([]);
    expect(loaded.filter((file) => /http-bridge|engine-context|gateway-command/.test(file))).toEqual([]);
    // Not even the command parser: the launcher hands `connect` to the bridge entry alone.
    expect(loaded.slice(0, 2)).toEqual(['bin/switchyard.js', 'dist/cli/bridge.js']);
    expect(loaded.filter((file) => file === 'dist/cli/index.js' || /-command-/.test(file))).toEqual([]);
  });

  it('bridges `connect --profile NAME` on the socket too: the profile’s tools only, nothing loaded but the bridge entry', async () => {
    const { answer, loaded } = await bridgeStartPath(home.home, ['connect', '--profile', 'coding']);
    expect(answer).toMatchObject({ id: 1, result: { serverInfo: { name: 'switchyard' } } });
    expect(loaded.filter((file) => file.includes('node_modules'))).toEqual([]);
    expect(loaded.slice(0, 2)).toEqual(['bin/switchyard.js', 'dist/cli/bridge.js']);
    expect(loaded.filter((file) => file === 'dist/cli/index.js' || /http-bridge/.test(file))).toEqual([]);

    for (const [args, options] of [
      [['connect', '--profile', 'coding'], current],
      [['connect', '--profile=coding'], modern],
    ] as const) {
      const { client, stderr } = await bridged(home.home, 'bridged-coding', options, [...args]);
      clients.push(client);
      await eventually(stderr, (text) => text.includes('on its socket'), 5000);
      expect((await client.listTools()).tools.map((tool) => tool.name)).toEqual(['echo']);
      expect((await client.callTool({ name: 'echo', arguments: { message: 'profiled' } })).content).toEqual([{ type: 'text', text: 'Echo: profiled' }]);
    }
    const logged = await eventually(
      () => cli(home.home, ['logs', '--json', '--client', 'bridged-coding']),
      (text) => text.trim().split('\n').length === 2,
      10_000,
    );
    expect(logged.trim().split('\n')).toHaveLength(2);
    for (const line of logged.trim().split('\n'))
      expect(JSON.parse(line)).toMatchObject({ name: 'echo', client: { name: 'bridged-coding', profile: 'coding' } });
  });

  it('refuses a profile that does not exist with an error naming it, on the socket path', async () => {
    const connecting = bridged(home.home, 'bridged-nowhere', current, ['connect', '--profile', 'nowhere']);
    await expect(connecting).rejects.toThrow(/there is no profile "nowhere"/);
  });

  it('serves a 2025-11-25 client: calls, sampling and elicitation routed back to it, its name in the history', async () => {
    const { client, stderr } = await bridged(home.home, 'bridged-current', current);
    clients.push(client);
    expect(stderr()).toContain('bridging stdio to the running gateway');
    expect(stderr()).toContain('on its socket');
    expect((await client.callTool({ name: 'echo', arguments: { message: 'piped' } })).content).toEqual([{ type: 'text', text: 'Echo: piped' }]);
    const sampled = await client.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'p', maxTokens: 5 } });
    expect(JSON.stringify(sampled.content)).toContain('bridged-current sampled');
    const elicited = await client.callTool({ name: 'trigger-elicitation-request', arguments: {} });
    expect(JSON.stringify(elicited.content)).toContain('teal');
    const logged = await eventually(
      () => cli(home.home, ['logs', '--json', '--client', 'bridged-current']),
      (text) => text.includes('"echo"'),
      10_000,
    );
    expect(JSON.parse(logged.trim().split('\n')[0]!)).toMatchObject({ client: { name: 'bridged-current' } });
  });

  it('serves a pinned 2026-07-28 client, translating a 2025 server’s sampling request for it', async () => {
    const { client } = await bridged(home.home, 'bridged-modern', modern);
    clients.push(client);
    expect((await client.callTool({ name: 'echo', arguments: { message: 'new era' } })).content).toEqual([{ type: 'text', text: 'Echo: new era' }]);
    const sampled = await client.callTool({ name: 'trigger-sampling-request', arguments: { prompt: 'p', maxTokens: 5 } });
    expect(JSON.stringify(sampled.content)).toContain('bridged-modern sampled');
    // It names itself in each request (there is no initialize in its era): the history keeps that name.
    const logged = await eventually(
      () => cli(home.home, ['logs', '--json', '--client', 'bridged-modern', '--tool', 'echo']),
      (text) => text.includes('"echo"'),
      10_000,
    );
    expect(JSON.parse(logged.trim().split('\n')[0]!)).toMatchObject({ client: { name: 'bridged-modern', version: '1.0.0' } });
  });

  it('passes a cancellation through: the aborted call ends at once and the session keeps serving', async () => {
    const { client } = await bridged(home.home, 'bridged-cancel', current);
    clients.push(client);
    const abort = new AbortController();
    const started = Date.now();
    const slow = client.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 20, steps: 2 } }, { signal: abort.signal });
    setTimeout(() => abort.abort('enough'), 300);
    await expect(slow).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
    const logged = await eventually(
      () => cli(home.home, ['logs', '--json', '--client', 'bridged-cancel']),
      (text) => text.includes('trigger-long-running-operation'),
      10_000,
    );
    expect(logged).toContain('"cancelled"');
    expect((await client.callTool({ name: 'echo', arguments: { message: 'still here' } })).content).toEqual([{ type: 'text', text: 'Echo: still here' }]);
  });

  it('exits when its client closes stdin, ending the session in the gateway', async () => {
    const sessions = async () => ((await fetch(new URL('/health', gateway.url)).then((response) => response.json())) as { sessions: number }).sessions;
    const before = await sessions();
    const { client } = await bridged(home.home, 'bridged-leaving', current);
    await client.callTool({ name: 'echo', arguments: { message: 'bye' } });
    expect(await sessions()).toBe(before + 1);
    await client.close();
    const deadline = Date.now() + 5000;
    while ((await sessions()) !== before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await sessions()).toBe(before);
  });
});
