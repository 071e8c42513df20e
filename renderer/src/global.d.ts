import type { SwitchyardApi } from '../../shared/api-client.js';

declare global {
  interface Window {
    /** Exposed by electron/preload in the desktop app; absent in web mode. */
    switchyard?: SwitchyardApi;
  }
}

export {};
