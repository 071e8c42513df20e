import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Client } from '@modelcontextprotocol/client';
import { silentLogger } from '../../electron/core/logger.js';
import { liveRuntimeRecords, runtimeFile, writeRuntimeRecord } from '../../electron/core/gateway-runtime-file.js';
import { SettingsStore } from '../../electron/settings/settings-store.js';
import { withGatewayClient } from '../../electron/cli/gateway-client.js';
import { eventually, images, requireDockerAndImages } from './support/docker.js';
import { cliPath, connectToGateway, tempHome } from './support/gateway-process.js';
import { bridgeClient, cli, freePort, HttpGatewayProcess, writeSettings } from './support/http-gateway.js';

/**
 * Finding the running gateway from a second terminal: through the runtime file it writes (any port), the
 * stopped rule (a gateway the user stopped is refused, never replaced in-process), and HTTP sessions that
 * every CLI path ends.
 */

interface Health {
  status: string;
  sessions: number;
  running: number;
}

async function health(port: number): Promise<Health> {
  return (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as Health;
}

/** `switchyard ARGS` that may fail: exit code, stdout and stderr. */
function run(home: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One control API call over the `--ui` WebSocket. */
async function control(uiUrl: string, method: string): Promise<unknown> {
  const url = new URL(uiUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  const ws = new WebSocket(`ws://${url.host}/control?token=${encodeURIComponent(token)}`);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  try {
    ws.send(JSON.stringify({ id: 1, method, params: {} }));
    const answer = await new Promise<{ id?: number; ok?: boolean; result?: unknown; error?: unknown }>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { id?: number };
        if (message.id === 1) resolve(message);
      }),
    );
    if (answer.ok === false) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
    return answer;
  } finally {
    ws.close();
  }
}

describe('a gateway on another port than the setting', () => {
  const home = tempHome();
  let port: number;
  let gateway: HttpGatewayProcess;
  let uiUrl: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    port = await freePort();
    // The setting names a port where nothing listens: only the runtime file leads to the gateway.
    writeSettings(home.home, { gateway: { port: await freePort(), idleTimeoutSeconds: 600 } });
    cli(home.home, ['server', 'add', 'everything', '--image', images.everything]);
    cli(home.home, ['gateway', 'token']);
    gateway = new HttpGatewayProcess(home.home, ['--port', String(port), '--no-history', '--ui']);
    await gateway.ready();
    uiUrl = /Switchyard UI: (\S+)/.exec(gateway.stderr)![1]!;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    if (gateway.child.exitCode === null) await gateway.stop();
    home.remove();
  });

  it('writes a 0600 runtime file with its pid, port, transport, state and start time', () => {
    const file = runtimeFile(home.home, gateway.child.pid);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const record = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ pid: gateway.child.pid, transport: 'http', port, state: 'running', owner: 'cli' });
    expect(Date.parse(String(record.startedAt))).toBeGreaterThan(Date.now() - 60_000);
  });

  it('is found by `tools call`, which reuses its container and leaves no session behind', async () => {
    const before = (await health(port)).sessions;
    for (let i = 0; i < 3; i++) {
      const result = await run(home.home, ['tools', 'call', 'echo', `message=run ${i}`]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`Echo: run ${i}\n`);
    }
    const after = await health(port);
    expect(after.running).toBe(1); // the call ran in this gateway's container, not in-process
    expect(after.sessions).toBe(before);
  });

  it("leaves 0 extra sessions after 1,000 sessions of the CLI's own gateway client", async () => {
    const before = (await health(port)).sessions;
    const started = performance.now();
    for (let i = 0; i < 1000; i++) {
      const text = await withGatewayClient(home.home, new SettingsStore(home.home), silentLogger, async (client) => {
        await client.listTools();
        const result = await client.callTool({ name: 'echo', arguments: { message: `n${i}` } });
        return (result.content as Array<{ text: string }>)[0]!.text;
      });
      expect(text).toBe(`Echo: n${i}`);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`1,000 CLI gateway-client sessions (list + call + DELETE): ${seconds.toFixed(1)} s`);
    expect((await health(port)).sessions).toBe(before);
  }, 300_000);

  it('is named by `logs -f`', async () => {
    const child = spawn(process.execPath, [cliPath, 'logs', '-f'], { env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await eventually(
        () => stderr,
        (text) => text.includes('Following the calls'),
        10_000,
      );
      expect(stderr).toContain(`Following the calls of the gateway at http://127.0.0.1:${port} (pid ${gateway.child.pid})`);
    } finally {
      child.kill();
    }
  });

  it('when the user stops it: the runtime file says so, `tools call` and the bridge refuse with how to start it', async () => {
    const bridged = await bridgeClient(home.home);
    clients.push(bridged);
    await bridged.listTools();
    await control(uiUrl, 'gateway.stop');
    await eventually(
      () => liveRuntimeRecords(home.home)[0]?.state,
      (state) => state === 'stopped',
      5000,
    );

    const refused = await run(home.home, ['tools', 'call', 'echo', 'message=x']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`The Switchyard gateway (pid ${gateway.child.pid}, http://127.0.0.1:${port}) is stopped`);
    expect(refused.stderr).toContain('Start gateway');
    expect(refused.stderr).toContain('switchyard gateway run --transport http');
    expect(refused.stderr).not.toContain('in-process (');
    expect((await health(port)).running).toBe(0);

    // A client bridged before the stop hears that it is stopped; one that starts now is not served in-process either.
    await expect(bridged.listTools()).rejects.toThrow(/stopped/);
    const late = await bridgeClient(home.home);
    clients.push(late);
    await expect(late.callTool({ name: 'echo', arguments: { message: 'x' } })).rejects.toThrow(/stopped/);

    // Started again (the tray's Start gateway is this same control call): both bridges serve again.
    await control(uiUrl, 'gateway.start');
    expect(await late.callTool({ name: 'echo', arguments: { message: 'back' } })).toMatchObject({ content: [{ type: 'text', text: 'Echo: back' }] });
    expect(liveRuntimeRecords(home.home)[0]?.state).toBe('running');
  });

  it('a second `gateway run` on its port names the gateway that holds it', async () => {
    const second = await run(home.home, ['gateway', 'run', '--transport', 'http', '--port', String(port), '--no-history']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(
      `Port ${port} on 127.0.0.1 is already in use by a Switchyard gateway (pid ${gateway.child.pid}, \`switchyard gateway run\``,
    );
    expect(second.stderr).toContain('--port');
  });

  it('removes its runtime file when it exits', async () => {
    const file = runtimeFile(home.home, gateway.child.pid);
    expect(existsSync(file)).toBe(true);
    expect(await gateway.stop()).toBe(0);
    expect(existsSync(file)).toBe(false);
  });
});

describe('without a running gateway', () => {
  const home = tempHome();

  beforeAll(() => {
    requireDockerAndImages(images.everything);
    cli(home.home, ['server', 'add', 'everything', '--image', images.everything]);
  });
  afterAll(() => home.remove());

  it('ignores and removes a stale runtime file, and `tools call` says on stderr that it runs in-process', async () => {
    writeSettings(home.home, {
      gateway: { port: await freePort() },
      servers: JSON.parse(readFileSync(path.join(home.home, 'settings.json'), 'utf8')).servers,
    });
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    writeRuntimeRecord(home.home, {
      pid: dead.pid!,
      transport: 'http',
      port: await freePort(),
      state: 'stopped',
      startedAt: new Date().toISOString(),
      owner: 'desktop',
    });
    const result = await run(home.home, ['tools', 'call', 'echo', 'message=alone']);
    expect(result.stderr.split('\n').filter((line) => line.includes('in-process'))).toEqual([
      'switchyard: no gateway is running; running the gateway in-process (start one with `switchyard gateway run --transport http` or the desktop app to share its containers).',
    ]);
    expect(result.stdout).toBe('Echo: alone\n');
    expect(readdirSync(path.join(home.home, 'run'))).toEqual([]);
  });

  it('a stdio gateway writes its runtime file too, and removes it when its client leaves', async () => {
    const { client, transport } = await connectToGateway(['--no-history'], home.home);
    const records = liveRuntimeRecords(home.home);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ pid: transport.pid, transport: 'stdio', state: 'running' });
    expect(records[0]!.port).toBeUndefined();
    await client.close();
    await eventually(
      () => readdirSync(path.join(home.home, 'run')),
      (names) => names.length === 0,
      10_000,
    );
  });

  it('`gateway run --port` on a taken port names the port and the flag', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as { port: number }).port;
    try {
      const result = await run(home.home, ['gateway', 'run', '--transport', 'http', '--port', String(taken), '--no-history']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Port ${taken} on 127.0.0.1 is already in use.`);
      expect(result.stderr).toContain('--port');
      expect(result.stderr).not.toContain('EADDRINUSE');
      const ui = await run(home.home, ['gateway', 'run', '--transport', 'http', '--port', '0', '--ui', '--ui-port', String(taken), '--no-history']);
      expect(ui.code).toBe(1);
      expect(ui.stderr).toContain(`The UI port ${taken} on 127.0.0.1 is already in use.`);
      expect(ui.stderr).toContain('--ui-port');
    } finally {
      holder.close();
    }
  });

  it('`gateway run --session-idle-timeout` and `--max-sessions` bound the HTTP sessions', async () => {
    const port = await freePort();
    const gateway = new HttpGatewayProcess(home.home, ['--port', String(port), '--no-history', '--session-idle-timeout', '1', '--max-sessions', '2']);
    try {
      await gateway.ready();
      const token = cli(home.home, ['gateway', 'token']).trim();
      const initialize = () =>
        fetch(`http://127.0.0.1:${port}/mcp`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'initialize',
            params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
          }),
        });
      expect((await initialize()).status).toBe(200);
      expect((await initialize()).status).toBe(200);
      const refused = await initialize();
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('maximum of 2 open sessions');
      expect((await health(port)).sessions).toBe(2);
      await expect.poll(async () => (await health(port)).sessions, { timeout: 5000, interval: 200 }).toBe(0);
      expect((await initialize()).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});
