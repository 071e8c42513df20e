import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiMethodNames } from '../../../shared/api.js';
import { ipcChannels } from '../../../shared/ipc-channels.js';
import { ControlService } from '../../../electron/control/control-service.js';
import { registerIpcHandlers } from '../../../electron/main/ipc-handlers.js';
import { fake, FakeBrowserWindow, FakeIpcMain, type IpcMain } from './fake-electron.js';
import { fakeHandlers, gatewayStatus, missingServer, ownRendererUrl, renderer } from './fixtures.js';

// Our IPC adapter against a fake `electron` (see fake-electron.ts) and a real ControlService: no Electron runs.
vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectronModule);

describe('IPC handlers (fake electron, real ControlService)', () => {
  let ipcMain: FakeIpcMain;
  let handlers: ReturnType<typeof fakeHandlers>;
  let control: ControlService;
  let dispose: () => void;

  beforeEach(() => {
    fake.reset();
    ipcMain = new FakeIpcMain();
    handlers = fakeHandlers();
    control = new ControlService(handlers);
    dispose = registerIpcHandlers(ipcMain as unknown as IpcMain, control, renderer);
  });
  afterEach(() => dispose());

  it('registers exactly one handler per API method, on its channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(apiMethodNames.map((method) => ipcChannels.call(method)).sort());
  });

  it('answers every method from our renderer with an outcome', async () => {
    const fakeEngineMethods = new Set(['gateway.status', 'gateway.start', 'gateway.stop', 'server.start', 'server.stop']);
    const inputs: Record<string, unknown> = { 'server.start': { name: 'fetch' }, 'server.stop': { name: 'fetch' } };
    for (const method of apiMethodNames) {
      // Every method has a handler that answers with an outcome (the fake engine implements only the gateway
      // and server start/stop methods; the others answer with an error outcome, never a missing handler).
      const outcome = (await ipcMain.invokeFrom(ownRendererUrl, ipcChannels.call(method), inputs[method] ?? {})) as { ok: boolean };
      expect(typeof outcome.ok, method).toBe('boolean');
      if (fakeEngineMethods.has(method)) expect(outcome, method).toMatchObject({ ok: true });
    }
    expect(await ipcMain.invokeFrom(ownRendererUrl, ipcChannels.call('gateway.start'), {})).toEqual({
      ok: true,
      result: gatewayStatus('running', [expect.objectContaining({ name: 'fetch' })]),
    });
  });

  it('returns an engine failure as an error outcome with its code and hint', async () => {
    const outcome = await ipcMain.invokeFrom(ownRendererUrl, ipcChannels.call('server.start'), { name: 'nope' });
    expect(outcome).toEqual({ ok: false, error: { code: 'SERVER_NOT_FOUND', message: missingServer.message, hint: missingServer.hint } });
  });

  it('returns invalid input as an INVALID_INPUT outcome, not a throw', async () => {
    const outcome = await ipcMain.invokeFrom(ownRendererUrl, ipcChannels.call('server.stop'), { name: 42 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it.each([
    ['a web page', 'https://evil.example/'],
    ['a file outside the renderer folder', 'file:///opt/switchyard/dist/other/index.html'],
    ['a frame that is gone', null],
  ])('refuses a call from %s without running the handler', async (_label, senderUrl) => {
    const outcome = await ipcMain.invokeFrom(senderUrl, ipcChannels.call('server.start'), { name: 'fetch' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(handlers.calls).toEqual([]);
  });

  it('accepts the dev server origin only when one is configured', async () => {
    const devIpc = new FakeIpcMain();
    const disposeDev = registerIpcHandlers(devIpc as unknown as IpcMain, control, { ...renderer, devUrl: 'http://localhost:5173/' });
    const channel = ipcChannels.call('gateway.status');
    expect(await devIpc.invokeFrom('http://localhost:5173/#/servers', channel, {})).toMatchObject({ ok: true });
    expect(await devIpc.invokeFrom('http://localhost:5174/', channel, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await ipcMain.invokeFrom('http://localhost:5173/', channel, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    disposeDev();
  });

  it('forwards control events to every live window', () => {
    const open = new FakeBrowserWindow();
    const destroyed = Object.assign(new FakeBrowserWindow(), { destroyed: true });
    FakeBrowserWindow.all = [open, destroyed];
    const status = gatewayStatus('running');
    control.emit('gateway.status', status);
    expect(open.webContents.sent).toEqual([{ channel: ipcChannels.event, message: { event: 'gateway.status', payload: status } }]);
    expect(destroyed.webContents.sent).toEqual([]);
  });

  it('disposer removes every handler and stops forwarding events', () => {
    const window = new FakeBrowserWindow();
    FakeBrowserWindow.all = [window];
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    control.emit('gateway.status', gatewayStatus('stopped'));
    expect(window.webContents.sent).toEqual([]);
  });
});
