import path from 'node:path';
import type { BridgeCommand } from '../clients/switchyard-command.js';

/** Where the packaged desktop app runs from: what Electron's `process` says about it. */
export interface PackagedApp {
  platform: NodeJS.Platform;
  /** The app's executable (process.execPath). */
  execPath: string;
  /** Electron's process.resourcesPath: where app.asar is. */
  resourcesPath: string;
  /** Set by the AppImage runtime to the .AppImage file; the executable itself is in a mount that changes per launch. */
  appImage?: string | undefined;
  /** SWITCHYARD_HOME when set, passed on so the bridge reads the same settings. */
  home?: string | undefined;
}

/**
 * The command an AI app launches to reach the packaged desktop app's gateway: the app's own executable run as
 * Node (ELECTRON_RUN_AS_NODE=1, the one fuse electron-builder.yml keeps for this) with the CLI shipped inside
 * app.asar, `bin/switchyard.js connect`. Absolute paths only, since an AI app launches it with a bare PATH.
 *   macOS    /Applications/Switchyard.app/Contents/MacOS/Switchyard  .../Contents/Resources/app.asar/bin/switchyard.js connect
 *   Windows  C:\Users\me\AppData\Local\Programs\Switchyard\Switchyard.exe  ...\resources\app.asar\bin\switchyard.js connect
 *   Linux    /opt/Switchyard/switchyard-desktop  /opt/Switchyard/resources/app.asar/bin/switchyard.js connect  (deb, unpacked)
 *   AppImage the .AppImage file itself; its mount point changes at every launch, so the script is found at run
 *            time from Electron's process.resourcesPath (`-e`, with `--` before the CLI's own arguments).
 */
export function packagedBridgeCommand(app: PackagedApp): BridgeCommand {
  const paths = app.platform === 'win32' ? path.win32 : path.posix;
  const env: Record<string, string> = { ELECTRON_RUN_AS_NODE: '1' };
  if (app.home) env.SWITCHYARD_HOME = paths.resolve(app.home);
  if (app.platform === 'linux' && app.appImage) {
    const locate = "import(process.resourcesPath + '/app.asar/bin/switchyard.js')";
    return { command: app.appImage, args: ['-e', locate, '--', 'connect'], env };
  }
  return { command: app.execPath, args: [paths.join(app.resourcesPath, 'app.asar', 'bin', 'switchyard.js'), 'connect'], env };
}
