import type { PreloadBridge } from '../../shared/bridge.js';

declare global {
  interface Window {
    /**
     * Exposed by electron/preload in the desktop app; absent in web mode. Plain data only: build the typed API
     * over it with apiFromBridge and desktopApiFromBridge (renderer/src/api/connect.ts), never call it directly.
     */
    switchyard?: PreloadBridge;
  }
}

export {};
