import path from 'node:path';
import type { GatewayStatus } from '../../../shared/domain.js';

export type TrayIconState = 'running' | 'stopped' | 'error';

/** Error when a server failed, else the gateway's own state. */
export function trayIconState(status: GatewayStatus): TrayIconState {
  if (status.servers.some((server) => server.state === 'error')) return 'error';
  return status.state;
}

/**
 * The image for a state (assets/tray, rendered by `npm run icons`). macOS takes a template image (black and
 * alpha, tinted by the menu bar) and shows the state in the title instead; Windows and Linux take a coloured
 * dot. The `@2x` file beside each is picked up on HiDPI screens.
 */
export function trayIconFile(assetsDir: string, state: TrayIconState, platform: NodeJS.Platform): string {
  return path.join(assetsDir, 'tray', platform === 'darwin' ? 'trayTemplate.png' : `tray-${state}.png`);
}
