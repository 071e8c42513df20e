import type { IpcMainInvokeEvent } from 'electron';
import type { ApiOutcome } from '../../shared/api.js';
import { SwitchyardError, toWireError } from '../../shared/errors.js';
import { isOwnRendererUrl, type RendererLocation } from './renderer-location.js';

/**
 * Answers a desktop-domain IPC call as an ApiOutcome, never a throw (contextBridge would strip an Error's code
 * and hint): refused unless it comes from our renderer, else what `run` returns, or its failure as data.
 */
export async function answerOwnRenderer<T>(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  renderer: RendererLocation,
  channel: string,
  run: () => T | Promise<T>,
): Promise<ApiOutcome> {
  const url = event.senderFrame?.url ?? '';
  try {
    if (!isOwnRendererUrl(url, renderer)) {
      throw new SwitchyardError(
        'UNAUTHORIZED',
        `Refused "${channel}" from ${url === '' ? 'a frame that is gone' : url}: only the Switchyard window may use it.`,
      );
    }
    return { ok: true, result: await run() };
  } catch (error) {
    return { ok: false, error: toWireError(error) };
  }
}
