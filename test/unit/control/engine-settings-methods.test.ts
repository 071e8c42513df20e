import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent, ApiOutcome } from '../../../shared/api.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { createSwitchyard, type Switchyard } from '../../../electron/app/create-switchyard.js';
import { createControlService } from '../../../electron/control/create-control.js';
import { SettingsStore } from '../../../electron/settings/settings-store.js';
import type { Settings } from '../../../electron/settings/settings-schema.js';
import { FakeRuntime } from '../engine/support/fake-runtime.js';

/** settings.get / settings.update / gateway.token / gateway.rotateToken through ControlService on a real settings file. */
describe('control API: the engine settings a window edits', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function engine(settings?: Record<string, unknown>) {
    const home = mkdtempSync(path.join(tmpdir(), 'switchyard-settings-'));
    if (settings) writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ version: 1, ...settings }));
    const app: Switchyard = createSwitchyard({ home, logger: silentLogger, runtime: new FakeRuntime() });
    const control = createControlService(app, { checkResults: true });
    const events: Array<{ event: ApiEvent; payload: unknown }> = [];
    control.onEvent((event, payload) => events.push({ event, payload }));
    cleanups.push(
      () => rmSync(home, { recursive: true, force: true }),
      () => app.close(),
      () => control.close(),
    );
    const call = (method: string, params: unknown): Promise<ApiOutcome> => control.dispatch(method, params);
    return { app, home, call, events, file: () => JSON.parse(readFileSync(path.join(home, 'settings.json'), 'utf8')) as Settings };
  }

  it('shows the settings without the token or telemetry header values, and where the files are', async () => {
    const { home, call } = engine({
      gateway: { token: 'x'.repeat(32), port: 9000 },
      telemetry: { otlpEndpoint: 'http://127.0.0.1:4318/v1/traces', headers: { 'x-api-key': 'collector-key' } },
      servers: { notes: { image: 'example/notes:1', callTimeoutSeconds: 5 } },
    });
    const got = await call('settings.get', {});
    expect(got).toMatchObject({
      ok: true,
      result: {
        gateway: { port: 9000, idleTimeoutSeconds: 600, callTimeoutSeconds: 300, maxMessageMb: 32, alwaysPrefix: false },
        policy: { deny: [], leakGuard: 'block' },
        telemetry: { otlpEndpoint: 'http://127.0.0.1:4318/v1/traces', headerNames: ['x-api-key'] },
        servers: [{ name: 'notes', callTimeoutSeconds: 5 }],
        places: { home, settingsFile: path.join(home, 'settings.json'), historyFile: path.join(home, 'history.db') },
      },
    });
    expect(JSON.stringify(got)).not.toContain('x'.repeat(32));
    expect(JSON.stringify(got)).not.toContain('collector-key');
  });

  it('writes a change, keeps the other fields, and tells windows which sections changed', async () => {
    const { call, events, file } = engine({ gateway: { token: 'x'.repeat(32) }, servers: { notes: { image: 'example/notes:1' } } });
    const updated = await call('settings.update', {
      gateway: { idleTimeoutSeconds: 42 },
      policy: { deny: [{ server: 'notes', tool: 'delete_note' }] },
      servers: { notes: { callTimeoutSeconds: 7 } },
    });
    expect(updated).toMatchObject({
      ok: true,
      result: { gateway: { idleTimeoutSeconds: 42, port: 8819 }, policy: { deny: [{ server: 'notes', tool: 'delete_note' }] } },
    });
    expect(file().gateway).toMatchObject({ idleTimeoutSeconds: 42, token: 'x'.repeat(32), port: 8819 });
    expect(file().servers.notes ?? {}).toMatchObject({ image: 'example/notes:1', callTimeoutSeconds: 7 });
    const changed = events.filter((event) => event.event === 'settings.changed');
    expect(changed).toEqual([{ event: 'settings.changed', payload: { sections: ['gateway', 'policy', 'servers'] } }]);

    await call('settings.update', { servers: { notes: { callTimeoutSeconds: null } }, telemetry: { otlpEndpoint: 'http://127.0.0.1:4318/v1/traces' } });
    expect(file().servers.notes?.callTimeoutSeconds).toBeUndefined();
    expect(file().telemetry.otlpEndpoint).toBe('http://127.0.0.1:4318/v1/traces');
    await call('settings.update', { telemetry: { otlpEndpoint: null } });
    expect(file().telemetry.otlpEndpoint).toBeUndefined();
  });

  it('refuses a bad value naming the field, and writes nothing', async () => {
    const { call, file, home } = engine({ gateway: { token: 'x'.repeat(32) } });
    const before = readFileSync(path.join(home, 'settings.json'), 'utf8');
    expect(await call('settings.update', { gateway: { port: 70000 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { issues: [{ path: ['gateway', 'port'] }] } },
    });
    // Only the engine knows this one: plain http to another host is refused for hooks (they see every call).
    const hook = { name: 'audit', when: 'before', url: 'http://example.com/hook', timeoutMs: 1000 };
    const refused = await call('settings.update', { gateway: { idleTimeoutSeconds: 5 }, hooks: [hook] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ path: ['hooks', '0', 'url'] }] } } });
    expect(await call('settings.update', { telemetry: { otlpEndpoint: 'grpc://127.0.0.1:4317' } })).toMatchObject({
      ok: false,
      error: { details: { issues: [{ path: ['telemetry', 'otlpEndpoint'] }] } },
    });
    expect(await call('settings.update', { servers: { ghost: { callTimeoutSeconds: 1 } } })).toMatchObject({ ok: false, error: { code: 'SERVER_NOT_FOUND' } });
    expect(readFileSync(path.join(home, 'settings.json'), 'utf8')).toBe(before);
    expect(file().gateway.idleTimeoutSeconds).toBeUndefined();
  });

  it('history, the image pull policy and per-tool call timeouts: shown, changed, refused by field path', async () => {
    const { call, events, file, home } = engine({ servers: { notes: { image: 'example/notes:1' } } });
    expect(await call('settings.get', {})).toMatchObject({
      ok: true,
      result: { history: { enabled: true, retentionDays: 30, maxRecords: 1_000_000 }, gateway: { imagePullPolicy: 'missing' }, servers: [{ name: 'notes' }] },
    });
    const updated = await call('settings.update', {
      history: { enabled: false, retentionDays: 7 },
      gateway: { imagePullPolicy: 'never' },
      servers: { notes: { toolCallTimeoutSeconds: { export: 900, lookup: 5 } } },
    });
    expect(updated).toMatchObject({
      ok: true,
      result: {
        history: { enabled: false, retentionDays: 7, maxRecords: 1_000_000 },
        gateway: { imagePullPolicy: 'never' },
        servers: [{ name: 'notes', toolCallTimeoutSeconds: { export: 900, lookup: 5 } }],
      },
    });
    expect(file().history).toEqual({ enabled: false, retentionDays: 7, maxRecords: 1_000_000 });
    expect(file().servers.notes?.toolCallTimeoutSeconds).toEqual({ export: 900, lookup: 5 });
    expect(events.filter((event) => event.event === 'settings.changed')).toEqual([
      { event: 'settings.changed', payload: { sections: ['gateway', 'servers', 'history'] } },
    ]);

    // null gives a tool its server's limit again; the last one removes the field.
    await call('settings.update', { servers: { notes: { toolCallTimeoutSeconds: { export: null } } } });
    expect(file().servers.notes?.toolCallTimeoutSeconds).toEqual({ lookup: 5 });
    await call('settings.update', { servers: { notes: { toolCallTimeoutSeconds: { lookup: null } } } });
    expect(file().servers.notes?.toolCallTimeoutSeconds).toBeUndefined();

    const before = readFileSync(path.join(home, 'settings.json'), 'utf8');
    expect(await call('settings.update', { servers: { notes: { toolCallTimeoutSeconds: { export: -1 } } } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { issues: [{ path: ['servers', 'notes', 'toolCallTimeoutSeconds', 'export'] }] } },
    });
    expect(await call('settings.update', { history: { maxRecords: -1 } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { issues: [{ path: ['history', 'maxRecords'] }] } },
    });
    expect(await call('settings.update', { gateway: { imagePullPolicy: 'sometimes' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { issues: [{ path: ['gateway', 'imagePullPolicy'] }] } },
    });
    expect(readFileSync(path.join(home, 'settings.json'), 'utf8')).toBe(before);
  });

  it('shows and rotates the gateway token; the settings file keeps the new one', async () => {
    const { call, events, home } = engine();
    const first = await call('gateway.token', {});
    const token = first.ok ? (first.result as { token: string }).token : '';
    expect(token.length).toBeGreaterThanOrEqual(32);
    const rotated = await call('gateway.rotateToken', {});
    const next = rotated.ok ? (rotated.result as { token: string }).token : '';
    expect(next).not.toBe(token);
    expect(new SettingsStore(home).load().settings.gateway.token).toBe(next);
    expect(events).toContainEqual({ event: 'settings.changed', payload: { sections: ['token'] } });
  });
});
