import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { apiEvents, type ApiEvent, type ApiEventPayload, type ApiOutcome } from '../../../shared/api.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { createSwitchyard } from '../../../electron/app/create-switchyard.js';
import { openEngineServices } from '../../../electron/app/engine-services.js';
import { openSettingsEngine } from '../../../electron/app/settings-engine.js';
import { createControlService } from '../../../electron/control/create-control.js';
import type { ControlService } from '../../../electron/control/control-service.js';
import { openSecretStore } from '../../../electron/secrets/open-secret-store.js';
import { SettingsStore } from '../../../electron/settings/settings-store.js';
import { FakeRuntime } from '../engine/support/fake-runtime.js';
import { openStore } from '../history/support.js';

const run = promisify(execFile);
const cli = path.resolve('bin/switchyard.js');

interface Seen {
  event: ApiEvent;
  payload: unknown;
}

/** Every change the window and the tray follow reaches a control-service listener as a typed, schema-valid event. */
describe('control events', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function tempHome(): string {
    const home = mkdtempSync(path.join(tmpdir(), 'switchyard-events-'));
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    return home;
  }

  function listen(control: ControlService): Seen[] {
    const seen: Seen[] = [];
    control.onEvent((event, payload) => {
      // Every payload matches the schema the renderer relies on.
      expect(apiEvents[event].safeParse(payload).success, `${event} ${JSON.stringify(payload)}`).toBe(true);
      seen.push({ event, payload });
    });
    return seen;
  }

  function engine(): { home: string; control: ControlService; seen: Seen[]; call: (method: string, params: unknown) => Promise<ApiOutcome> } {
    const home = tempHome();
    const services = openEngineServices({ home, secrets: () => openSecretStore({ home, backend: 'encrypted-file' }) });
    const app = createSwitchyard({ home, services, logger: silentLogger, runtime: new FakeRuntime() });
    const control = createControlService(app, { checkResults: true });
    cleanups.push(
      () => app.close(),
      () => control.close(),
    );
    const seen = listen(control);
    return { home, control, seen, call: (method, params) => control.dispatch(method, params) };
  }

  async function ok(outcome: Promise<ApiOutcome>): Promise<unknown> {
    const settled = await outcome;
    if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.message}`);
    return settled.result;
  }

  it('server list changes: servers.changed (list) and gateway.status with the new list', async () => {
    const { seen, call } = engine();
    await ok(call('server.add', { name: 'notes', image: 'example/notes:1' }));
    expect(seen).toContainEqual({ event: 'servers.changed', payload: { change: 'list', names: ['notes'] } });
    const status = seen.filter((item) => item.event === 'gateway.status').at(-1)?.payload as { servers: Array<{ name: string }> } | undefined;
    expect(status?.servers.map((server) => server.name)).toEqual(['notes']);

    seen.length = 0;
    await ok(call('server.disable', { name: 'notes' }));
    expect(seen).toContainEqual({ event: 'servers.changed', payload: { change: 'list', names: ['notes'] } });
    expect(seen.filter((item) => item.event === 'gateway.status').at(-1)?.payload).toMatchObject({ servers: [] });

    seen.length = 0;
    await ok(call('server.enable', { name: 'notes' }));
    await ok(call('server.remove', { name: 'notes' }));
    expect(seen.filter((item) => item.event === 'servers.changed')).toEqual([
      { event: 'servers.changed', payload: { change: 'list', names: ['notes'] } },
      { event: 'servers.changed', payload: { change: 'list', names: ['notes'] } },
    ]);
    expect(seen.filter((item) => item.event === 'gateway.status')).toHaveLength(2);
  });

  it('config and secret changes: servers.changed (config) and (secrets), once each', async () => {
    const { seen, call } = engine();
    await ok(call('server.add', { name: 'notes', image: 'example/notes:1', secretEnv: { TOKEN: 'notes.token' } }));
    seen.length = 0;
    await ok(call('config.set', { name: 'notes', key: 'mode', value: 'fast' }));
    expect(seen.filter((item) => item.event === 'servers.changed')).toEqual([{ event: 'servers.changed', payload: { change: 'config', names: ['notes'] } }]);

    seen.length = 0;
    await ok(call('secret.set', { key: 'notes.token', value: 'v-1' }));
    expect(seen).toEqual([{ event: 'servers.changed', payload: { change: 'secrets', names: ['notes'] } }]);
    seen.length = 0;
    await ok(call('secret.delete', { key: 'notes.token' }));
    expect(seen).toEqual([{ event: 'servers.changed', payload: { change: 'secrets', names: ['notes'] } }]);
  });

  it('tool switches, approvals and a live tool list: tools.changed for that server', async () => {
    const { seen, call } = engine();
    await ok(call('server.add', { name: 'fake', image: 'test/fake-mcp:1.0' }));
    seen.length = 0;
    await ok(call('tools.setEnabled', { name: 'fake', tool: 'echo', enabled: false }));
    expect(seen.filter((item) => item.event === 'tools.changed')).toEqual([{ event: 'tools.changed', payload: { server: 'fake' } }]);

    seen.length = 0;
    await ok(call('tools.approve', { name: 'fake' }));
    expect(seen).toEqual([{ event: 'tools.changed', payload: { server: 'fake' } }]);

    // The server's first live list (its container started) is a tool list change too.
    await ok(call('gateway.start', {}));
    seen.length = 0;
    await ok(call('server.start', { name: 'fake' }));
    expect(seen).toContainEqual({ event: 'tools.changed', payload: { server: 'fake' } });
  });

  it('catalog sources added, removed and refreshed: catalog.changed', async () => {
    const { home, seen, call } = engine();
    const yaml = 'registry:\n  team-notes:\n    type: server\n    image: example/team-notes:1\n';
    const file = path.join(home, 'team.yaml');
    writeFileSync(file, yaml);
    await ok(call('catalog.addSource', { source: file }));
    expect(seen).toEqual([{ event: 'catalog.changed', payload: { sources: [file] } }]);
    seen.length = 0;
    await ok(call('catalog.removeSource', { source: file }));
    expect(seen).toEqual([{ event: 'catalog.changed', payload: { sources: [file] } }]);

    const server = createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'application/yaml' }).end(yaml));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/catalog.yaml`;
    await ok(call('catalog.addSource', { source: url }));
    seen.length = 0;
    await ok(call('catalog.refresh', {}));
    expect(seen).toEqual([{ event: 'catalog.changed', payload: { sources: [url] } }]);
  });

  it('a server added by the real CLI in another process reaches a listener within about a second', async () => {
    expect(existsSync(path.resolve('dist/node/electron/cli/index.js')), 'run `npm run build:node` first').toBe(true);
    const home = tempHome();
    new SettingsStore(home).save(new SettingsStore(home).load().settings);
    const engineWithWatcher = await openSettingsEngine({ home, logger: silentLogger, history: false });
    const control = createControlService(engineWithWatcher.app, { checkResults: true });
    cleanups.push(
      () => engineWithWatcher.close(),
      () => control.close(),
    );
    const seen = listen(control);
    await run(process.execPath, [cli, 'server', 'add', 'outside', '--image', 'example/outside:1'], { env: { ...process.env, SWITCHYARD_HOME: home } });
    const written = Date.now();
    await expect
      .poll(() => seen.map((item) => item.event), { timeout: 1500, interval: 20 })
      .toEqual(expect.arrayContaining(['servers.changed', 'gateway.status']));
    expect(Date.now() - written).toBeLessThan(1500);
    expect(seen).toContainEqual({ event: 'servers.changed', payload: { change: 'list', names: ['outside'] } });
    expect(seen.filter((item) => item.event === 'gateway.status').at(-1)?.payload).toMatchObject({ servers: [expect.objectContaining({ name: 'outside' })] });
  });

  it('a secret set and deleted by the real CLI in another process reaches a listener as servers.changed (secrets)', async () => {
    expect(existsSync(path.resolve('dist/node/electron/cli/index.js')), 'run `npm run build:node` first').toBe(true);
    const home = tempHome();
    const env = { ...process.env, SWITCHYARD_HOME: home, SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
    await run(process.execPath, [cli, 'server', 'add', 'vault', '--image', 'example/vault:1', '--secret', 'vault.token:TOKEN'], { env });
    const saved = process.env.SWITCHYARD_SECRET_BACKEND;
    process.env.SWITCHYARD_SECRET_BACKEND = 'encrypted-file';
    cleanups.push(() => {
      if (saved === undefined) delete process.env.SWITCHYARD_SECRET_BACKEND;
      else process.env.SWITCHYARD_SECRET_BACKEND = saved;
    });
    const engineWithWatcher = await openSettingsEngine({ home, logger: silentLogger, history: false });
    const control = createControlService(engineWithWatcher.app, { checkResults: true });
    cleanups.push(
      () => engineWithWatcher.close(),
      () => control.close(),
    );
    const seen = listen(control);
    const secretEvents = () => seen.filter((item) => item.event === 'servers.changed' && (item.payload as { change: string }).change === 'secrets');

    const execution = run(process.execPath, [cli, 'secret', 'set', 'vault.token'], { env });
    execution.child.stdin?.end('s3cret-value-from-the-cli');
    await execution;
    const written = Date.now();
    await expect.poll(() => secretEvents().length, { timeout: 1500, interval: 20 }).toBe(1);
    expect(Date.now() - written).toBeLessThan(1500);
    expect(secretEvents()[0]?.payload).toEqual({ change: 'secrets', names: ['vault'] });

    await run(process.execPath, [cli, 'secret', 'rm', 'vault.token'], { env });
    await expect.poll(() => secretEvents().length, { timeout: 1500, interval: 20 }).toBe(2);
  });

  it('recorded calls: one history.records batch, in order; closing the control sends what waits (nothing lost at shutdown)', async () => {
    const home = tempHome();
    const history = openStore(path.join(home, 'history.db'));
    const services = openEngineServices({ home, secrets: () => openSecretStore({ home, backend: 'encrypted-file' }) });
    const app = createSwitchyard({ home, services, logger: silentLogger, runtime: new FakeRuntime(), history });
    const control = createControlService(app, { checkResults: true });
    cleanups.push(
      () => history.close(),
      () => app.close(),
    );
    const seen = listen(control);
    const call = { client: { sessionId: 's-1' }, server: 'notes', method: 'tools/call' as const, name: 'echo', arguments: {} };
    const first = history.begin(call);
    const second = history.begin(call);
    history.end(first.id, { status: 'ok', result: { content: [] } });
    history.end(second.id, { status: 'tool_error', result: { content: [], isError: true } });
    // Gathered, not sent per call: the batch waits for its 50 ms or 100 events.
    expect(seen.filter((item) => item.event === 'history.records')).toEqual([]);
    control.close();
    const batches = seen.filter((item) => item.event === 'history.records').map((item) => item.payload as ApiEventPayload<'history.records'>);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events.map((event) => [event.kind, event.record.id, event.record.status])).toEqual([
      ['start', first.id, 'running'],
      ['start', second.id, 'running'],
      ['end', first.id, 'ok'],
      ['end', second.id, 'tool_error'],
    ]);
  });
});
