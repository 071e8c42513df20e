import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiOutcome } from '../../../shared/api.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { createSwitchyard, type Switchyard } from '../../../electron/app/create-switchyard.js';
import { createControlService } from '../../../electron/control/create-control.js';
import { SettingsStore } from '../../../electron/settings/settings-store.js';
import { FakeRuntime } from '../engine/support/fake-runtime.js';

/** The control API's settings methods, through ControlService (input checked by the schemas in shared/) on a real settings file. */
describe('control API: custom servers, catalog sources and tool switches', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function engine(): { app: Switchyard; home: string; call: (method: string, params: unknown) => Promise<ApiOutcome> } {
    const home = mkdtempSync(path.join(tmpdir(), 'switchyard-control-'));
    const app = createSwitchyard({ home, logger: silentLogger, runtime: new FakeRuntime() });
    const control = createControlService(app, { checkResults: true });
    cleanups.push(
      () => rmSync(home, { recursive: true, force: true }),
      () => app.close(),
      () => control.close(),
    );
    return { app, home, call: (method, params) => control.dispatch(method, params) };
  }

  it('adds an image server and a remote server, refuses bad ones with a clear error, and removes one', async () => {
    const { home, call } = engine();
    const added = await call('server.add', { name: 'notes', image: 'example/notes:1', env: { MODE: 'x' } });
    expect(added).toMatchObject({ ok: true, result: { name: 'notes' } });
    const remote = await call('server.add', {
      name: 'hosted',
      remote: { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${TOKEN}' } },
      secretEnv: { TOKEN: 'hosted.token' },
    });
    expect(remote.ok).toBe(true);
    const settings = new SettingsStore(home).load().settings;
    expect(settings.servers.notes).toMatchObject({ image: 'example/notes:1', env: { MODE: 'x' }, enabled: true });
    expect(settings.servers.hosted).toMatchObject({
      remote: { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${TOKEN}' } },
      secretEnv: { TOKEN: 'hosted.token' },
    });

    expect(await call('server.add', { name: 'both', image: 'a/b', npm: 'c' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('exactly one of image, npm or remote') },
    });
    const written = await call('server.add', { name: 'leaky', remote: { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer abc123' } } });
    expect(written).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(written)).not.toContain('abc123');
    expect(await call('server.add', { name: 'Bad Name', image: 'a/b' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    expect(await call('server.remove', { name: 'notes' })).toEqual({ ok: true, result: { name: 'notes', removed: true } });
    expect(new SettingsStore(home).load().settings.servers.notes).toBeUndefined();
    expect(await call('server.remove', { name: 'notes' })).toMatchObject({ ok: false, error: { code: 'SERVER_NOT_FOUND' } });
  });

  it('adds a catalog file, lists it among the sources, and removes it', async () => {
    const { home, call } = engine();
    const file = path.join(home, 'team.yaml');
    writeFileSync(file, 'registry:\n  team-notes:\n    type: server\n    image: example/team-notes:1\n');
    expect(await call('catalog.addSource', { source: file })).toMatchObject({ ok: true, result: { kind: 'file', entries: 1 } });
    const sources = await call('catalog.sources', {});
    expect(sources.ok && (sources.result as Array<{ kind: string }>).map((source) => source.kind)).toEqual(['bundled', 'file']);
    expect(await call('catalog.addSource', { source: path.join(home, 'none.yaml') })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('No catalog file at') },
    });
    expect(await call('catalog.removeSource', { source: file })).toMatchObject({ ok: true, result: { removed: true } });
  });

  it('switches a tool off in the settings and lists it as off', async () => {
    const { app, home, call } = engine();
    await call('server.add', { name: 'fake', image: 'test/fake-mcp:1.0' });
    expect(await call('tools.setEnabled', { name: 'fake', tool: 'echo', enabled: false })).toEqual({
      ok: true,
      result: { server: 'fake', name: 'echo', enabled: false },
    });
    expect(new SettingsStore(home).load().settings.servers.fake?.disabledTools).toEqual(['echo']);
    const listed = await call('tools.list', { server: 'fake' });
    expect(listed).toMatchObject({ ok: true, result: [{ server: 'fake', name: 'echo', enabled: false }] });
    expect(app.gateway.knownTools()).toEqual([expect.objectContaining({ server: 'fake', disabled: ['echo'] })]);
  });
});
