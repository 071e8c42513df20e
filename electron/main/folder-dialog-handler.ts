import path from 'node:path';
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { FolderChoiceRequestSchema, type FolderChoice } from '../../shared/desktop-folder.js';
import { ipcChannels } from '../../shared/ipc-channels.js';
import { answerOwnRenderer } from './own-renderer-answer.js';
import type { RendererLocation } from './renderer-location.js';
import { invalidInputError } from '../../shared/input-issues.js';

export interface FolderDialogParts {
  /** Electron's dialog.showOpenDialog, with or without the window it is modal to. */
  showOpenDialog(window: BrowserWindow | undefined, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  /** The window that asked (the picker is modal to it). */
  windowFor(event: IpcMainInvokeEvent): BrowserWindow | undefined;
}

/**
 * Serves the window's "Choose…" beside a folder field: the OS's folder picker (folders only, new ones allowed),
 * modal to the window that asked; answers { path } or {} when cancelled. Only our renderer may ask; the request
 * is checked at this edge. Returns a disposer.
 */
export function registerFolderDialogHandler(ipcMain: IpcMain, parts: FolderDialogParts, renderer: RendererLocation): () => void {
  const channel = ipcChannels.chooseFolder;
  ipcMain.handle(channel, (event, input: unknown) => answerOwnRenderer(event, renderer, channel, () => chooseFolder(parts, event, input)));
  return () => ipcMain.removeHandler(channel);
}

async function chooseFolder(parts: FolderDialogParts, event: IpcMainInvokeEvent, input: unknown): Promise<FolderChoice> {
  const parsed = FolderChoiceRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw invalidInputError('folder request', parsed.error);
  }
  const { title, defaultPath } = parsed.data;
  const chosen = await parts.showOpenDialog(parts.windowFor(event), {
    title,
    properties: ['openDirectory', 'createDirectory'],
    ...(defaultPath && path.isAbsolute(defaultPath) ? { defaultPath } : {}),
  });
  const folder = chosen.canceled ? undefined : chosen.filePaths[0];
  return folder ? { path: folder } : {};
}
