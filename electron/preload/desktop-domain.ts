import type { DesktopBridge } from '../../shared/bridge.js';
import { ipcChannels } from '../../shared/ipc-channels.js';
import { outcomeOf } from './control-domain.js';

/** The desktop app's own preferences (start at login, start hidden, notifications) and folder picker, answered by electron/main. */
export const desktopDomain: DesktopBridge = {
  preferences: {
    get: () => outcomeOf(ipcChannels.desktopPreferences.get),
    set: (change) => outcomeOf(ipcChannels.desktopPreferences.set, change),
  },
  chooseFolder: (request) => outcomeOf(ipcChannels.chooseFolder, request),
};
