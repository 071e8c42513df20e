import type { ApiMethod } from './api-method-names.js';

/**
 * The IPC channel names used by the preload and the main process. Kept apart from shared/api.ts (which
 * builds zod schemas) so that the sandboxed preload bundles only this, not zod.
 */
export const ipcChannels = {
  call: (method: ApiMethod) => `switchyard:${method}`,
  event: 'switchyard:event',
  /** The desktop app's own preferences (shared/desktop-preferences.ts): not control API methods, no web-mode twin. */
  desktopPreferences: { get: 'switchyard-desktop:preferences.get', set: 'switchyard-desktop:preferences.set' },
  /** The OS's folder picker (shared/desktop-folder.ts). */
  chooseFolder: 'switchyard-desktop:folder.choose',
} as const;
