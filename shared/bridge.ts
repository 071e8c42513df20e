import type { ApiEvent, ApiInput, ApiMethod, ApiOutcome, ApiResult } from './api.js';
import { createApiClient, type SwitchyardApi } from './api-client.js';
import type { FolderChoice, FolderChoiceRequest } from './desktop-folder.js';
import type { DesktopPreferenceChange, DesktopPreferenceValues } from './desktop-preferences.js';
import { fromWireError } from './errors.js';

/**
 * What the preload exposes to the page as `window.switchyard`, and what the web-mode WebSocket transport
 * implements: two primitives that carry only plain data. Electron's contextBridge copies a rejected Error into
 * the page as a bare `Error(message)`, dropping its class, code and hint (electron/electron#25596), so a call
 * never rejects across the bridge: it resolves the ApiOutcome, and the page side turns a failure back into a
 * SwitchyardError (apiFromBridge). No zod, no Node, no DOM: the sandboxed preload bundles this file.
 */
export interface SwitchyardBridge {
  /** Resolves the call's outcome, success or failure, as plain data. */
  invoke(method: ApiMethod, input: unknown): Promise<ApiOutcome>;
  /** Calls the listener with each payload of `event`; returns the unsubscriber. */
  subscribe(event: ApiEvent, listener: (payload: unknown) => void): () => void;
}

/** The result of a successful outcome; a failed one is thrown as a SwitchyardError with its code and hint. */
export function unwrapOutcome<T>(outcome: ApiOutcome): T {
  if (!outcome.ok) throw fromWireError(outcome.error);
  return outcome.result as T;
}

/** The typed domain API over a bridge, built on the page's side so that errors are real SwitchyardErrors. */
export function apiFromBridge(bridge: SwitchyardBridge): SwitchyardApi {
  const call = async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiResult<M>> =>
    unwrapOutcome<ApiResult<M>>(await bridge.invoke(method, input));
  return createApiClient(call, (event, listener) => bridge.subscribe(event, listener));
}

/**
 * The desktop app's own domain of the preload bridge (`window.switchyard.desktop`): the same plain-data outcomes
 * as the control API, on channels of their own. Absent in web mode.
 */
export interface DesktopBridge {
  preferences: {
    get(): Promise<ApiOutcome>;
    set(change: unknown): Promise<ApiOutcome>;
  };
  /** The OS's folder picker, over the window: resolves { path } (absent: cancelled). */
  chooseFolder(request: unknown): Promise<ApiOutcome>;
}

/** What the preload exposes: the control API's primitives and the desktop domain, merged (see electron/preload). */
export interface PreloadBridge extends SwitchyardBridge {
  desktop: DesktopBridge;
}

/** The desktop domain as the page uses it: typed results, failures thrown as SwitchyardErrors (code, hint, details). */
export interface DesktopApi {
  preferences: {
    get(): Promise<DesktopPreferenceValues>;
    set(change: DesktopPreferenceChange): Promise<DesktopPreferenceValues>;
  };
  /** The folder the user picked; undefined when they cancelled. */
  chooseFolder(request: FolderChoiceRequest): Promise<string | undefined>;
}

export function desktopApiFromBridge(bridge: DesktopBridge): DesktopApi {
  return {
    preferences: {
      get: async () => unwrapOutcome<DesktopPreferenceValues>(await bridge.preferences.get()),
      set: async (change) => unwrapOutcome<DesktopPreferenceValues>(await bridge.preferences.set(change)),
    },
    chooseFolder: async (request) => unwrapOutcome<FolderChoice>(await bridge.chooseFolder(request)).path,
  };
}
