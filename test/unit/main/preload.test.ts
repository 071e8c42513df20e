import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../../shared/api.js';
import type { SwitchyardApi } from '../../../shared/api-client.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { ControlService } from '../../../electron/control/control-service.js';
import { registerIpcHandlers } from '../../../electron/main/ipc-handlers.js';
import { fake, FakeBrowserWindow, FakeIpcMain, type IpcMain } from './fake-electron.js';
import { fakeHandlers, gatewayStatus, missingServer, ownRendererUrl, renderer } from './fixtures.js';

/*
 * The preload against a fake `electron`. What these tests see is the object the preload hands to
 * contextBridge, on the preload's side. A real contextBridge copies values into the page and keeps only the
 * message of an Error; these tests do not (and cannot) check what the page receives.
 */
vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule);

let api: SwitchyardApi;
beforeAll(async () => {
  await import('../../../electron/preload/index.js');
  api = fake.contextBridge.exposed.get('switchyard') as SwitchyardApi;
});
beforeEach(() => fake.reset());

function answer(outcome: unknown): void {
  fake.ipcRenderer.route = async () => outcome;
}

describe('preload (fake electron)', () => {
  it('exposes only `switchyard`, with the gateway, server and events domains', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['switchyard']);
    expect(Object.keys(api).sort()).toEqual(['events', 'gateway', 'server']);
    expect(Object.keys(api.gateway).sort()).toEqual(['start', 'status', 'stop']);
    expect(Object.keys(api.server).sort()).toEqual(['start', 'stop']);
    expect(typeof api.events.on).toBe('function');
  });

  it('invokes the method channel with the input and resolves the result', async () => {
    const status = gatewayStatus('running');
    answer({ ok: true, result: status });
    await expect(api.gateway.start()).resolves.toEqual(status);
    await api.server.stop('fetch');
    expect(fake.ipcRenderer.invocations).toEqual([
      { channel: ipcChannels.call('gateway.start'), input: {} },
      { channel: ipcChannels.call('server.stop'), input: { name: 'fetch' } },
    ]);
  });

  it('rejects an error outcome with a SwitchyardError keeping code and hint (preload side of the bridge)', async () => {
    answer({ ok: false, error: { code: 'DOCKER_UNREACHABLE', message: 'Docker is not running.', hint: 'Start Docker Desktop.' } });
    const error = await api.gateway.start().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: 'DOCKER_UNREACHABLE', message: 'Docker is not running.', hint: 'Start Docker Desktop.' });
  });

  it('delivers only the subscribed event, without the IPC event object, until unsubscribed', () => {
    const listener = vi.fn();
    const off = api.events.on('gateway.status', listener);
    const status = gatewayStatus('stopped');
    fake.ipcRenderer.emit(ipcChannels.event, {}, { event: 'gateway.status', payload: status });
    fake.ipcRenderer.emit(ipcChannels.event, {}, { event: 'something.else', payload: 1 });
    expect(listener.mock.calls).toEqual([[status]]);
    off();
    expect(fake.ipcRenderer.listenerCount(ipcChannels.event)).toBe(0);
  });
});

describe('preload to main over fake IPC, real ControlService', () => {
  let control: ControlService;

  beforeEach(() => {
    const ipcMain = new FakeIpcMain();
    control = new ControlService(fakeHandlers());
    registerIpcHandlers(ipcMain as unknown as IpcMain, control, renderer);
    fake.ipcRenderer.route = (channel, input) => ipcMain.invokeFrom(ownRendererUrl, channel, input);
    FakeBrowserWindow.all = [new FakeBrowserWindow()];
  });

  it('round-trips a call and an engine error with its code and hint', async () => {
    await expect(api.gateway.start()).resolves.toMatchObject({ state: 'running' });
    const error = await api.server.start('nope').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: missingServer.code, message: missingServer.message, hint: missingServer.hint });
  });

  it('carries engine events to a subscriber', () => {
    const listener = vi.fn();
    api.events.on('gateway.status', listener);
    control.emit('gateway.status', gatewayStatus('running'));
    expect(listener).toHaveBeenCalledWith(gatewayStatus('running'));
  });
});
