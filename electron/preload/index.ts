import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannels, type ApiEvent, type ApiEventMessage, type ApiInput, type ApiMethod, type ApiOutcome, type ApiResult } from '../../shared/api.js';
import { createApiClient } from '../../shared/api-client.js';
import { fromWireError } from '../../shared/errors.js';

/**
 * Exposes the typed control API to the renderer as `window.switchyard`, and nothing else: no ipcRenderer, no
 * channel names. Runs sandboxed, so the build bundles shared/ in and leaves only `electron` to require.
 */
contextBridge.exposeInMainWorld('switchyard', createApiClient(call, subscribe));

/** One call over IPC. The main process answers an outcome; a failure becomes a SwitchyardError again here. */
async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> {
  const outcome = (await ipcRenderer.invoke(ipcChannels.call(method), input)) as ApiOutcome;
  if (!outcome.ok) throw fromWireError(outcome.error);
  return outcome.result as ApiResult<M>;
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
