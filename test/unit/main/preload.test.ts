import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiOutcome } from '../../../shared/api.js';
import { apiFromBridge, type SwitchyardBridge } from '../../../shared/bridge.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { ipcChannels } from '../../../shared/ipc-channels.js';
import { ControlService } from '../../../electron/control/control-service.js';
import { registerIpcHandlers } from '../../../electron/main/ipc-handlers.js';
import { copiedByContextBridge, fake, FakeBrowserWindow, FakeIpcMain, type IpcMain } from './fake-electron.js';
import { fakeHandlers, gatewayStatus, missingServer, ownRendererUrl, renderer } from './fixtures.js';

/*
 * The preload against a fake `electron`. `bridge` is the object the preload hands to contextBridge, on the
 * preload's side; `inPage` is what the page gets from the fake contextBridge, which copies it the way
 * Electron documents (see copiedByContextBridge): an Error crossing it keeps only its message. Only plain data
 * crosses, so the page rebuilds the typed API, SwitchyardErrors included, with apiFromBridge.
 */
vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule);

const dockerDown: ApiOutcome = {
  ok: false,
  error: { code: 'DOCKER_UNREACHABLE', message: 'Docker is not running.', hint: 'Start Docker Desktop.' },
};

let bridge: SwitchyardBridge;
let inPage: SwitchyardBridge;
beforeAll(async () => {
  await import('../../../electron/preload/index.js');
  bridge = fake.contextBridge.exposed.get('switchyard') as SwitchyardBridge;
  inPage = fake.contextBridge.inPage.get('switchyard') as SwitchyardBridge;
});
beforeEach(() => fake.reset());

function answer(outcome: unknown): void {
  fake.ipcRenderer.route = async () => outcome;
}

describe('preload (fake electron)', () => {
  it('exposes only `switchyard`: the control domain (invoke, subscribe) merged with the desktop domain', () => {
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['switchyard']);
    expect(Object.keys(bridge).sort()).toEqual(['desktop', 'invoke', 'subscribe']);
    expect(Object.keys((bridge as unknown as { desktop: { preferences: object } }).desktop).sort()).toEqual(['chooseFolder', 'preferences']);
    expect(Object.keys((bridge as unknown as { desktop: { preferences: object } }).desktop.preferences).sort()).toEqual(['get', 'set']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.subscribe).toBe('function');
  });

  it('invokes the method channel with the input and resolves the outcome as plain data', async () => {
    const success: ApiOutcome = { ok: true, result: gatewayStatus('running') };
    answer(success);
    const outcome = await bridge.invoke('gateway.start', {});
    expect(outcome).toEqual(success);
    expect(structuredClone(outcome)).toEqual(outcome);
    await bridge.invoke('server.stop', { name: 'fetch' });
    expect(fake.ipcRenderer.invocations).toEqual([
      { channel: ipcChannels.call('gateway.start'), input: {} },
      { channel: ipcChannels.call('server.stop'), input: { name: 'fetch' } },
    ]);
  });

  it('resolves an error outcome as is, never rejecting with an Error', async () => {
    answer(dockerDown);
    const outcome = await bridge.invoke('gateway.start', {});
    expect(outcome).toEqual(dockerDown);
    expect(structuredClone(outcome)).toEqual(dockerDown);
  });

  it('turns a rejected invoke (no handler in the main process) into an error outcome', async () => {
    fake.ipcRenderer.route = () => Promise.reject(new Error("No handler registered for 'switchyard:gateway.start'"));
    const outcome = await bridge.invoke('gateway.start', {});
    expect(outcome).toEqual({ ok: false, error: { code: 'INTERNAL', message: "No handler registered for 'switchyard:gateway.start'" } });
    expect(structuredClone(outcome)).toEqual(outcome);
  });

  it('delivers only the subscribed event, without the IPC event object, until unsubscribed', () => {
    const listener = vi.fn();
    const off = bridge.subscribe('gateway.status', listener);
    const status = gatewayStatus('stopped');
    fake.ipcRenderer.emit(ipcChannels.event, {}, { event: 'gateway.status', payload: status });
    fake.ipcRenderer.emit(ipcChannels.event, {}, { event: 'something.else', payload: 1 });
    expect(listener.mock.calls).toEqual([[status]]);
    off();
    expect(fake.ipcRenderer.listenerCount(ipcChannels.event)).toBe(0);
  });
});

describe('page side of the (modelled) contextBridge', () => {
  it('gets the outcome intact, and apiFromBridge rethrows a SwitchyardError with its code and hint', async () => {
    answer(dockerDown);
    await expect(inPage.invoke('gateway.start', {})).resolves.toEqual(dockerDown);
    const error = await apiFromBridge(inPage)
      .gateway.start()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: 'DOCKER_UNREACHABLE', message: 'Docker is not running.', hint: 'Start Docker Desktop.' });
  });

  it('would lose the code and hint if the preload exposed the typed API itself (why it exposes a bridge)', async () => {
    answer(dockerDown);
    const exposedApi = copiedByContextBridge(apiFromBridge(bridge)) as ReturnType<typeof apiFromBridge>;
    const error = await exposedApi.gateway.start().catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ message: 'Docker is not running.' });
    expect(error).not.toHaveProperty('hint');
  });
});

describe('page to preload to main over fake IPC, real ControlService', () => {
  let control: ControlService;

  beforeEach(() => {
    const ipcMain = new FakeIpcMain();
    control = new ControlService(fakeHandlers());
    registerIpcHandlers(ipcMain as unknown as IpcMain, control, renderer);
    fake.ipcRenderer.route = (channel, input) => ipcMain.invokeFrom(ownRendererUrl, channel, input);
    FakeBrowserWindow.all = [new FakeBrowserWindow()];
  });

  it('round-trips a call and an engine error with its code and hint', async () => {
    const api = apiFromBridge(inPage);
    await expect(api.gateway.start()).resolves.toMatchObject({ state: 'running' });
    const error = await api.server.start({ name: 'nope' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: missingServer.code, message: missingServer.message, hint: missingServer.hint });
  });

  it('carries engine events to a subscriber', () => {
    const listener = vi.fn();
    apiFromBridge(inPage).events.on('gateway.status', listener);
    control.emit('gateway.status', gatewayStatus('running'));
    expect(listener).toHaveBeenCalledWith(gatewayStatus('running'));
  });
});
