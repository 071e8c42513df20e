import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEvent, ApiEventMessage, ApiMethod, ApiOutcome } from '../../shared/api.js';
import type { SwitchyardBridge } from '../../shared/bridge.js';
import { toWireError } from '../../shared/errors.js';
import { ipcChannels } from '../../shared/ipc-channels.js';

/**
 * Exposes the control API to the renderer as `window.switchyard`, a SwitchyardBridge, and nothing else: no
 * ipcRenderer, no channel names. Only plain data crosses contextBridge: a call resolves its ApiOutcome, never
 * rejects with an Error (contextBridge would strip its class, code and hint); the page rebuilds the typed API
 * and its SwitchyardErrors with apiFromBridge. Runs sandboxed, so the build bundles shared/ in and leaves only
 * `electron` to require; type-only imports of shared/api.ts keep zod out of the bundle.
 */
const bridge: SwitchyardBridge = { invoke, subscribe };
contextBridge.exposeInMainWorld('switchyard', bridge);

/** One call over IPC: the main process answers an ApiOutcome, handed on as is. */
async function invoke(method: ApiMethod, input: unknown): Promise<ApiOutcome> {
  try {
    return (await ipcRenderer.invoke(ipcChannels.call(method), input)) as ApiOutcome;
  } catch (error) {
    // Handlers never throw, but invoke rejects when no handler is registered (an unknown method, or the engine
    // not wired yet): that too becomes an outcome, so that nothing crosses the bridge as an Error.
    return { ok: false, error: toWireError(error) };
  }
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
