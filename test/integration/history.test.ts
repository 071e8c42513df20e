import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { HistoryStore } from '../../electron/history/history-store.js';
import { images, requireDockerAndImages } from './support/docker.js';
import { cliPath, tempHome } from './support/gateway-process.js';
import { freePort, HttpGatewayProcess, httpClient, writeSettings } from './support/http-gateway.js';

/** Every call recorded with the right status and fields, redacted (durable across a kill -9: test/fault/gateway-kill.test.ts). */
describe('call history with the real engine', () => {
  const home = tempHome();
  const env = { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home, SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
  const secret = `hist-secret-${Date.now()}-value`;
  const dbFile = path.join(home.home, 'history.db');
  let gateway: HttpGatewayProcess;
  let client: Client;
  let token: string;

  const records = async () => {
    const store = HistoryStore.openReadOnly(dbFile);
    if (!store) return [];
    try {
      return (await store.query({ limit: 1000 })).records;
    } finally {
      store.close();
    }
  };
  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    writeSettings(home.home, {
      gateway: { port: await freePort() },
      servers: { every: { image: images.everything } },
      policy: { deny: [{ server: 'every', tool: 'get-tiny-image' }], leakGuard: 'off' },
    });
    execFileSync(process.execPath, [cliPath, 'secret', 'set', 'every.key'], { env, input: secret, stdio: ['pipe', 'pipe', 'pipe'] });
    token = execFileSync(process.execPath, [cliPath, 'gateway', 'token'], { env, encoding: 'utf8' }).trim();
    gateway = new HttpGatewayProcess(home.home, [], { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' });
    client = await httpClient(await gateway.ready(), token, {}, 'history-client');
  });

  afterAll(async () => {
    await client?.close().catch(() => undefined);
    if (gateway?.child.exitCode === null) await gateway.stop();
    home.remove();
  });

  it('records calls of every status with their fields', async () => {
    await client.callTool({ name: 'echo', arguments: { message: `the key is ${secret}` } });
    await client.callTool({ name: 'get-tiny-image', arguments: {} });
    await client.callTool({ name: 'get-sum', arguments: { a: 'not a number', b: 1 } }).catch(() => undefined);
    const [resource] = (await client.listResources()).resources;
    await client.readResource({ uri: resource!.uri });
    const controller = new AbortController();
    const slow = client
      .callTool({ name: 'trigger-long-running-operation', arguments: { duration: 10, steps: 5 } }, { signal: controller.signal })
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    controller.abort('changed my mind');
    await slow;

    const seen = await eventually(records, (rows) => rows.length >= 5 && rows.every((row) => row.status !== 'running'));
    const read = seen.find((row) => row.method === 'resources/read');
    expect(read).toMatchObject({ server: 'every', name: resource!.uri, status: 'ok' });
    const byName = new Map(seen.map((row) => [row.name, row]));
    const echo = byName.get('echo')!;
    expect(echo).toMatchObject({ server: 'every', method: 'tools/call', status: 'ok', client: { name: 'history-client' } });
    expect(echo.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(echo.durationMs).toBeGreaterThan(0);
    expect(echo.result?.contentTypes).toEqual(['text']);
    expect(echo.arguments).toContain('[redacted:every.key]');
    expect(echo.arguments).not.toContain(secret);
    expect(echo.result?.preview).not.toContain(secret);
    expect(byName.get('get-tiny-image')).toMatchObject({ status: 'denied' });
    expect(byName.get('get-tiny-image')?.error).toContain('denied by your settings');
    expect(['tool_error', 'protocol_error']).toContain(byName.get('get-sum')?.status);
    expect(byName.get('trigger-long-running-operation')?.status).toBe('cancelled');
  });

  it('never stores a secret value: not in the database file bytes', () => {
    for (const file of [dbFile, `${dbFile}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(Buffer.from(secret)), file).toBe(false);
    }
  });

  it('`switchyard logs --json` reads the records from another process', () => {
    const out = execFileSync(process.execPath, [cliPath, 'logs', '--json', '--server', 'every', '--status', 'denied'], { env, encoding: 'utf8' });
    const rows = out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { name: string; status: string });
    expect(rows.map((row) => row.name)).toEqual(['get-tiny-image']);
    expect(out).not.toContain(secret);
    for (const format of ['jsonl', 'csv']) {
      const exported = execFileSync(process.execPath, [cliPath, 'logs', '--export', format, '--server', 'every'], { env, encoding: 'utf8' });
      expect(exported).toContain('get-tiny-image');
      expect(exported).toContain('[redacted:every.key]');
      expect(exported).not.toContain(secret);
    }
  });
});

/** Polls an asynchronous read (the history's reads are) until the check passes or the time is up; returns the last value. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}
