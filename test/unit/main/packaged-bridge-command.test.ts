import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagedBridgeCommand } from '../../../electron/main/packaged-bridge-command.js';

const repo = path.resolve(import.meta.dirname, '../../..');

describe('the bridge command the packaged desktop app writes into AI apps', () => {
  it('macOS: the app bundle executable as Node, with the CLI inside the bundle', () => {
    expect(
      packagedBridgeCommand({
        platform: 'darwin',
        execPath: '/Applications/Switchyard.app/Contents/MacOS/Switchyard',
        resourcesPath: '/Applications/Switchyard.app/Contents/Resources',
      }),
    ).toEqual({
      command: '/Applications/Switchyard.app/Contents/MacOS/Switchyard',
      args: ['/Applications/Switchyard.app/Contents/Resources/app.asar/bin/switchyard.js', 'connect'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
  });

  it('Windows: backslash paths under the install folder, and the home when one is set', () => {
    expect(
      packagedBridgeCommand({
        platform: 'win32',
        execPath: 'C:\\Users\\me\\AppData\\Local\\Programs\\Switchyard\\Switchyard.exe',
        resourcesPath: 'C:\\Users\\me\\AppData\\Local\\Programs\\Switchyard\\resources',
        home: 'D:\\switchyard-home',
      }),
    ).toEqual({
      command: 'C:\\Users\\me\\AppData\\Local\\Programs\\Switchyard\\Switchyard.exe',
      args: ['C:\\Users\\me\\AppData\\Local\\Programs\\Switchyard\\resources\\app.asar\\bin\\switchyard.js', 'connect'],
      env: { ELECTRON_RUN_AS_NODE: '1', SWITCHYARD_HOME: 'D:\\switchyard-home' },
    });
  });

  it('Linux (deb): the installed executable and its resources', () => {
    expect(packagedBridgeCommand({ platform: 'linux', execPath: '/opt/Switchyard/switchyard-desktop', resourcesPath: '/opt/Switchyard/resources' })).toEqual({
      command: '/opt/Switchyard/switchyard-desktop',
      args: ['/opt/Switchyard/resources/app.asar/bin/switchyard.js', 'connect'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
  });

  it('Linux (AppImage): the .AppImage file, never its per-launch mount, finding the CLI at run time', () => {
    const command = packagedBridgeCommand({
      platform: 'linux',
      execPath: '/tmp/.mount_SwitchAbC123/switchyard-desktop',
      resourcesPath: '/tmp/.mount_SwitchAbC123/resources',
      appImage: '/home/me/Applications/Switchyard.AppImage',
    });
    expect(command.command).toBe('/home/me/Applications/Switchyard.AppImage');
    expect(command.args.join(' ')).not.toContain('.mount_');
    expect(command.args.slice(2)).toEqual(['--', 'connect']);
    expect(command.env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
  });

  it('the AppImage form runs the CLI: `-e` code that imports bin/switchyard.js from resourcesPath, then the CLI arguments', () => {
    // Plain Node stands in for Electron-as-Node: process.resourcesPath is what Electron would set.
    const { args } = packagedBridgeCommand({ platform: 'linux', execPath: '/x', resourcesPath: '/x', appImage: '/x.AppImage' });
    const code = `process.resourcesPath = ${JSON.stringify(path.join(repo, 'test-resources'))}; ${args[1]!.replace('/app.asar/', '/../')}`;
    const output = execFileSync(process.execPath, ['-e', code, '--', '--version'], { encoding: 'utf8' });
    expect(output.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
