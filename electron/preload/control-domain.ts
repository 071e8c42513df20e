import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEvent, ApiEventMessage, ApiMethod, ApiOutcome } from '../../shared/api.js';
import type { SwitchyardBridge } from '../../shared/bridge.js';
import { toWireError } from '../../shared/errors.js';
import { ipcChannels } from '../../shared/ipc-channels.js';

/** The control API's two primitives over IPC: a call resolves its ApiOutcome, events arrive without the IPC event. */
export const controlDomain: SwitchyardBridge = { invoke, subscribe };

/** One call over IPC: the main process answers an ApiOutcome, handed on as is. */
async function invoke(method: ApiMethod, input: unknown): Promise<ApiOutcome> {
  return outcomeOf(ipcChannels.call(method), input);
}

function subscribe(event: ApiEvent, listener: (payload: unknown) => void): () => void {
  // The IpcRendererEvent stays here: handing it to the page would hand it ipcRenderer.
  const onMessage = (_ipcEvent: IpcRendererEvent, message: ApiEventMessage) => {
    if (message.event === event) listener(message.payload);
  };
  ipcRenderer.on(ipcChannels.event, onMessage);
  return () => {
    ipcRenderer.removeListener(ipcChannels.event, onMessage);
  };
}

/**
 * Invokes a channel whose handler answers an ApiOutcome. Handlers never throw, but invoke rejects when no handler
 * is registered (an unknown method, or the engine not wired yet): that too becomes an outcome, so that nothing
 * crosses the bridge as an Error.
 */
export async function outcomeOf(channel: string, ...args: unknown[]): Promise<ApiOutcome> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as ApiOutcome;
  } catch (error) {
    return { ok: false, error: toWireError(error) };
  }
}
