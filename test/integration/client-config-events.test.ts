import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiEvents, type ApiEventPayload, type ApiOutcome } from '../../shared/api.js';
import { createSwitchyard } from '../../electron/app/create-switchyard.js';
import { openEngineServices } from '../../electron/app/engine-services.js';
import { createControlService } from '../../electron/control/create-control.js';
import type { ControlService } from '../../electron/control/control-service.js';
import { silentLogger } from '../../electron/core/logger.js';
import { openSecretStore } from '../../electron/secrets/open-secret-store.js';

type ClientsChanged = ApiEventPayload<'clients.changed'>;

/** The bound the Clients page promises: a file edited by hand shows within a second. */
const withinMs = 1000;

/**
 * AI apps' config files changed on disk while the engine runs, seen through the control API: real files under a
 * temporary HOME, the real file watcher, the real ControlService and its `clients.changed` events.
 */
describe('clients.changed: config files edited on disk reach the control API', () => {
  let home: string;
  let clientHome: string;
  let control: ControlService;
  let close: () => Promise<void>;
  let seen: Array<{ at: number; payload: ClientsChanged }>;
  const cursorFile = () => path.join(clientHome, '.cursor', 'mcp.json');

  beforeEach(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-client-events-'));
    clientHome = mkdtempSync(path.join(os.tmpdir(), 'switchyard-client-events-home-'));
    await openEngine();
  });

  /** The engine on this home, as the desktop app opens it (its watcher started by the control API's listener). */
  async function openEngine(): Promise<void> {
    const services = openEngineServices({
      home,
      logger: silentLogger,
      secrets: () => openSecretStore({ home, backend: 'encrypted-file' }),
      clientContext: { platform: process.platform, homedir: clientHome, env: { XDG_CONFIG_HOME: path.join(clientHome, '.config') } },
    });
    const app = createSwitchyard({ home, services, logger: silentLogger });
    control = createControlService(app, { checkResults: true });
    seen = [];
    control.onEvent((event, payload) => {
      if (event !== 'clients.changed') return;
      expect(apiEvents['clients.changed'].safeParse(payload).success, JSON.stringify(payload)).toBe(true);
      seen.push({ at: Date.now(), payload: payload as ClientsChanged });
    });
    close = async () => {
      control.close();
      await app.close();
    };
    // The listener started the watch; it is in place once the connector's module has loaded.
    await services.clientConfigs.ready();
  }

  afterEach(async () => {
    await close();
    rmSync(home, { recursive: true, force: true });
    rmSync(clientHome, { recursive: true, force: true });
  });

  async function ok<T>(outcome: Promise<ApiOutcome>): Promise<T> {
    const settled = await outcome;
    if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.message}`);
    return settled.result as T;
  }

  /** Writes the file and waits for the event that matches; returns it with how long it took. */
  async function writeAndSee(file: string, text: string, match: (change: ClientsChanged) => boolean, timeoutMs = 5000) {
    const from = seen.length;
    const start = Date.now();
    writeFileSync(file, text);
    const deadline = start + timeoutMs;
    while (Date.now() < deadline) {
      const found = seen.slice(from).find((entry) => match(entry.payload));
      if (found) return { change: found.payload, ms: found.at - start };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no matching clients.changed within ${timeoutMs} ms; saw ${JSON.stringify(seen.slice(from).map((entry) => entry.payload))}`);
  }

  it('a file written by hand in a folder that did not exist: connected, outside, within a second', async () => {
    // The listener is on: the watcher has started. ~/.cursor does not exist yet (a fresh install creates it).
    const plan = await ok<{ after: string }>(control.dispatch('client.plan', { id: 'cursor', action: 'connect' }));
    mkdirSync(path.dirname(cursorFile()));
    const { change, ms } = await writeAndSee(cursorFile(), plan.after, (each) => each.id === 'cursor' && each.state === 'connected');
    expect(change).toMatchObject({ id: 'cursor', name: 'Cursor', file: cursorFile(), state: 'connected', previous: 'not-connected', outside: true });
    expect(change.projectDir).toBeUndefined();
    expect(ms).toBeLessThan(withinMs);
    const rows = await ok<Array<{ id: string; state: string }>>(control.dispatch('client.list', {}));
    expect(rows.find((row) => row.id === 'cursor')?.state).toBe('connected');
  });

  it('malformed by hand: config unreadable with the line and column, and client.list says the same', async () => {
    await ok(control.dispatch('client.connect', { id: 'cursor' }));
    const { change, ms } = await writeAndSee(
      cursorFile(),
      '{\n  "mcpServers": {\n    "switchyard": { "command": "x", }\n',
      (each) => each.state === 'unreadable',
    );
    expect(change).toMatchObject({
      id: 'cursor',
      state: 'unreadable',
      previous: 'connected',
      outside: true,
      position: { line: 3, column: expect.any(Number) },
    });
    expect(change.reason).toMatch(/^line 3, column \d+: /);
    expect(ms).toBeLessThan(withinMs);
    const rows = await ok<Array<{ id: string; state: string; position?: unknown }>>(control.dispatch('client.list', {}));
    expect(rows.find((row) => row.id === 'cursor')).toMatchObject({ state: 'unreadable', position: change.position });
  });

  it('our entry removed or pointed elsewhere by hand: not connected / stale, each from the state before', async () => {
    await ok(control.dispatch('client.connect', { id: 'cursor' }));
    const connected = JSON.parse(readFileSync(cursorFile(), 'utf8')) as { mcpServers: Record<string, { command: string; args: string[] }> };
    const edited = structuredClone(connected);
    edited.mcpServers.switchyard!.command = '/opt/old-switchyard/bin/switchyard';
    const stale = await writeAndSee(cursorFile(), JSON.stringify(edited, null, 2), (each) => each.state === 'stale');
    expect(stale.change).toMatchObject({ id: 'cursor', previous: 'connected', outside: true });
    expect(stale.change.reason).toContain('/opt/old-switchyard/bin/switchyard');

    const gone = await writeAndSee(
      cursorFile(),
      JSON.stringify({ mcpServers: { other: { command: 'other' } } }, null, 2),
      (each) => each.state === 'not-connected',
    );
    expect(gone.change).toMatchObject({ id: 'cursor', previous: 'stale', outside: true });
  });

  it("this engine's own connect and disconnect are reported as not outside", async () => {
    const from = seen.length;
    await ok(control.dispatch('client.connect', { id: 'cursor' }));
    await expect
      .poll(() => seen.slice(from).map((entry) => entry.payload), { timeout: 5000 })
      .toContainEqual(expect.objectContaining({ id: 'cursor', state: 'connected', previous: 'not-connected', outside: false }));
    const next = seen.length;
    await ok(control.dispatch('client.disconnect', { id: 'cursor' }));
    await expect
      .poll(() => seen.slice(next).map((entry) => entry.payload), { timeout: 5000 })
      .toContainEqual(expect.objectContaining({ id: 'cursor', state: 'not-connected', previous: 'connected', outside: false }));
  });

  it('a project-level file connected from the engine is watched from then on', async () => {
    const project = mkdtempSync(path.join(clientHome, 'project-'));
    await ok(control.dispatch('client.connect', { id: 'cursor', projectDir: project }));
    const file = path.join(project, '.cursor', 'mcp.json');
    const { change, ms } = await writeAndSee(file, '{ "mcpServers": {} }\n', (each) => each.projectDir === project && each.state === 'not-connected');
    expect(change).toMatchObject({ id: 'cursor', file, previous: 'connected', outside: true });
    expect(ms).toBeLessThan(withinMs);
  });

  it('a project connected before a restart is listed and watched after it; disconnect or a hand edit takes it off the list', async () => {
    const project = mkdtempSync(path.join(clientHome, 'project-'));
    const other = mkdtempSync(path.join(clientHome, 'other-'));
    // A trailing separator names the same folder: remembered once.
    await ok(control.dispatch('client.connect', { id: 'cursor', projectDir: project + path.sep }));
    await ok(control.dispatch('client.connect', { id: 'cursor', projectDir: other }));
    await close();

    await openEngine();
    const cursorRow = async () =>
      (await ok<Array<{ id: string; projects: Array<{ dir: string; state: string; file: string }> }>>(control.dispatch('client.list', {}))).find(
        (row) => row.id === 'cursor',
      )!;
    const file = path.join(project, '.cursor', 'mcp.json');
    expect((await cursorRow()).projects).toEqual(
      [
        { dir: project, state: 'connected', file },
        { dir: other, state: 'connected', file: path.join(other, '.cursor', 'mcp.json') },
      ].sort((a, b) => (a.dir < b.dir ? -1 : 1)),
    );

    // Watched from the start, though this engine never wrote it: a hand edit that breaks it is seen.
    const broken = await writeAndSee(file, '{ "mcpServers": { "switchyard": ', (each) => each.projectDir === project && each.state === 'unreadable');
    expect(broken.change).toMatchObject({ id: 'cursor', file, previous: 'connected', outside: true });
    expect(broken.ms).toBeLessThan(withinMs);
    expect((await cursorRow()).projects.find((each) => each.dir === project)?.state).toBe('unreadable');

    // Our entry removed by hand: off the list (nothing of ours is left there).
    await writeAndSee(file, '{ "mcpServers": {} }\n', (each) => each.projectDir === project && each.state === 'not-connected');
    expect((await cursorRow()).projects.map((each) => each.dir)).toEqual([other]);

    // Disconnected from the engine: off the list and out of the record.
    const otherFile = path.join(other, '.cursor', 'mcp.json');
    await ok(control.dispatch('client.disconnect', { id: 'cursor', projectDir: other }));
    expect((await cursorRow()).projects).toEqual([]);
    expect(readFileSync(path.join(home, 'client-projects.json'), 'utf8')).not.toContain(other);
    expect(JSON.parse(readFileSync(otherFile, 'utf8'))).toEqual({ mcpServers: {} });
  });
});
