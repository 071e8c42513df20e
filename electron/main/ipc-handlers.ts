import { BrowserWindow, type IpcMain, type IpcMainInvokeEvent } from 'electron';
import { apiMethodNames, type ApiEventMessage, type ApiMethod, type ApiOutcome } from '../../shared/api.js';
import { SwitchyardError, toWireError } from '../../shared/errors.js';
import { ipcChannels } from '../../shared/ipc-channels.js';
import type { ControlService } from '../control/control-service.js';
import { isOwnRendererUrl, type RendererLocation } from './renderer-location.js';

/**
 * Serves the control API over Electron IPC: one `ipcMain.handle` per API method, each answering an ApiOutcome
 * (never a throw: ipcRenderer.invoke flattens thrown errors into a string), and pushes control events to every
 * window. Calls from any page other than our renderer are refused. Returns a disposer.
 */
export function registerIpcHandlers(ipcMain: IpcMain, control: Pick<ControlService, 'dispatch' | 'onEvent'>, renderer: RendererLocation): () => void {
  for (const method of apiMethodNames) {
    ipcMain.handle(ipcChannels.call(method), (event, input: unknown) => handleCall(event, method, input, control, renderer));
  }
  const stopForwarding = control.onEvent((event, payload) => broadcast({ event, payload }));
  return () => {
    stopForwarding();
    for (const method of apiMethodNames) ipcMain.removeHandler(ipcChannels.call(method));
  };
}

async function handleCall(
  event: IpcMainInvokeEvent,
  method: ApiMethod,
  input: unknown,
  control: Pick<ControlService, 'dispatch'>,
  renderer: RendererLocation,
): Promise<ApiOutcome> {
  // senderFrame is null when the frame navigated away or was destroyed mid-call: refuse that too.
  const url = event.senderFrame?.url ?? '';
  if (!isOwnRendererUrl(url, renderer)) return refusal(method, url);
  return control.dispatch(method, input);
}

function refusal(method: ApiMethod, url: string): ApiOutcome {
  const from = url === '' ? 'a frame that is gone' : url;
  const error = new SwitchyardError('UNAUTHORIZED', `Refused "${method}" from ${from}: only the Switchyard window may use the control API.`);
  return { ok: false, error: toWireError(error) };
}

function broadcast(message: ApiEventMessage): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.webContents.send(ipcChannels.event, message);
  }
}
