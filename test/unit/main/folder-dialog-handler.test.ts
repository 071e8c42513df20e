import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { desktopApiFromBridge, type DesktopApi, type PreloadBridge } from '../../../shared/bridge.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { ipcChannels } from '../../../shared/ipc-channels.js';
import { registerFolderDialogHandler, type FolderDialogParts } from '../../../electron/main/folder-dialog-handler.js';
import { fake, FakeIpcMain, type IpcMain } from './fake-electron.js';
import { ownRendererUrl, renderer } from './fixtures.js';

// The folder picker's handler against a fake `electron`, reached from the page through the real preload and the
// modelled contextBridge. The OS dialog is a stand-in that records what it was asked and answers as told.
vi.mock('electron', async () => ({ default: {}, ...(await import('./fake-electron.js')).fakeElectronModule }));

type DialogAnswer = { canceled: boolean; filePaths: string[] };

let inPage: PreloadBridge;
beforeAll(async () => {
  await import('../../../electron/preload/index.js');
  inPage = fake.contextBridge.inPage.get('switchyard') as PreloadBridge;
});

describe('the folder picker over IPC (fake electron, real preload)', () => {
  let ipcMain: FakeIpcMain;
  let asked: Array<{ window: unknown; options: Parameters<FolderDialogParts['showOpenDialog']>[1] }>;
  let answer: DialogAnswer;
  let desktop: DesktopApi;
  let dispose: () => void;
  const window = { id: 'the window that asked' };

  beforeEach(() => {
    fake.reset();
    ipcMain = new FakeIpcMain();
    asked = [];
    answer = { canceled: false, filePaths: ['/home/me/code/site'] };
    dispose = registerFolderDialogHandler(
      ipcMain as unknown as IpcMain,
      {
        showOpenDialog: async (parent, options) => {
          asked.push({ window: parent, options });
          return answer;
        },
        windowFor: () => window as never,
      },
      renderer,
    );
    fake.ipcRenderer.route = (channel, input) => ipcMain.invokeFrom(ownRendererUrl, channel, input);
    desktop = desktopApiFromBridge(inPage.desktop);
  });

  it('opens the OS picker for folders (new ones allowed), modal to the window, and answers the folder chosen', async () => {
    await expect(desktop.chooseFolder({ title: 'Project folder for Cursor', defaultPath: '/home/me/code' })).resolves.toBe('/home/me/code/site');
    expect(asked).toEqual([
      { window, options: { title: 'Project folder for Cursor', properties: ['openDirectory', 'createDirectory'], defaultPath: '/home/me/code' } },
    ]);
  });

  it('cancelled: undefined; a relative starting folder is left to the OS', async () => {
    answer = { canceled: true, filePaths: [] };
    await expect(desktop.chooseFolder({ title: 'Project folder', defaultPath: 'code/site' })).resolves.toBeUndefined();
    expect(asked[0]?.options).not.toHaveProperty('defaultPath');
  });

  it('refuses a request without a title at the edge, with the issue path, and opens nothing', async () => {
    const error = await desktop.chooseFolder({} as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', details: { issues: [expect.objectContaining({ path: ['title'] })] } });
    expect(asked).toEqual([]);
  });

  it('refuses a frame that is not our renderer, opening nothing; dispose removes the channel', async () => {
    const outcome = await ipcMain.invokeFrom('https://evil.example/', ipcChannels.chooseFolder, { title: 'x' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(asked).toEqual([]);
    dispose();
    expect(ipcMain.handlers.has(ipcChannels.chooseFolder)).toBe(false);
  });
});
