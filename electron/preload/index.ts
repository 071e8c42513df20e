import { contextBridge } from 'electron';
import type { PreloadBridge } from '../../shared/bridge.js';
import { controlDomain } from './control-domain.js';
import { desktopDomain } from './desktop-domain.js';

/**
 * Exposes `window.switchyard` and nothing else: no ipcRenderer, no channel names. One domain per file, merged
 * here (`satisfies` checks the merge against the bridge the page expects): the control API's primitives and the
 * desktop app's own preferences. Only plain data crosses contextBridge: a call resolves its ApiOutcome, never
 * rejects with an Error (contextBridge would strip its class, code and hint); the page rebuilds typed APIs and
 * their SwitchyardErrors with apiFromBridge and desktopApiFromBridge. Runs sandboxed, so the build bundles shared/
 * in and leaves only `electron` to require; type-only imports of shared/api.ts keep zod out of the bundle.
 */
const bridge = { ...controlDomain, desktop: desktopDomain } satisfies PreloadBridge;
contextBridge.exposeInMainWorld('switchyard', bridge);
