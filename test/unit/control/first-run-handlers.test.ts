import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Switchyard } from '../../../electron/app/create-switchyard.js';
import { firstRunHandlers } from '../../../electron/control/handlers/first-run-handlers.js';
import { DockerRuntime } from '../../../electron/runtime/docker-runtime.js';
import { SettingsStore } from '../../../electron/settings/settings-store.js';

/** The first run's engine side on a real home and a real (unreachable) Docker endpoint. */
describe('first run handlers', () => {
  let home: string;
  beforeEach(() => (home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-first-run-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  function handlers(socketPath: string) {
    const settings = new SettingsStore(home);
    const app = {
      home,
      runtime: new DockerRuntime({ home, socketPath }),
      services: { settings },
      gateway: { status: () => ({ state: 'stopped' }) },
    } as unknown as Switchyard;
    return firstRunHandlers(app);
  }

  it('Docker at a socket that does not exist: not reachable, problem no-socket, the endpoint named', async () => {
    const dead = path.join(home, 'no-such-docker.sock');
    const check = await handlers(dead)['system.docker']({});
    expect(check).toMatchObject({ reachable: false, problem: 'no-socket', endpoint: `unix://${dead}`, platform: process.platform });
  });

  it('Docker at a socket nobody answers on (a dead socket file): not-running', async () => {
    const socket = path.join(home, 'dead.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    await new Promise<void>((resolve) => server.close(() => resolve())); // the file may stay; nothing listens
    const check = await handlers(socket)['system.docker']({});
    expect(check.reachable).toBe(false);
    expect(['not-running', 'no-socket']).toContain(check.problem);
  });

  it('progress is kept in the home: shown on a new home, hidden once finished, steps remembered', async () => {
    const first = handlers(path.join(home, 'x.sock'));
    expect(await first['firstRun.get']({})).toMatchObject({ show: true, finished: false, steps: {}, enabledServers: 0 });
    await first['firstRun.update']({ step: 'client', outcome: 'skipped' });
    expect(await first['firstRun.get']({})).toMatchObject({ show: true, steps: { client: 'skipped' } });
    await first['firstRun.update']({ finished: true });
    const again = handlers(path.join(home, 'x.sock'));
    expect(await again['firstRun.get']({})).toMatchObject({ show: false, finished: true, steps: { client: 'skipped' } });
  });

  it('a try-call while the gateway is stopped says so and how to start it', async () => {
    await expect(handlers(path.join(home, 'x.sock'))['tools.call']({ name: 'echo' })).rejects.toThrow(/The gateway is stopped/);
  });
});
