import type { IpcMain } from 'electron';
import { DesktopPreferenceChangeSchema, type DesktopPreferenceValues } from '../../shared/desktop-preferences.js';
import { SwitchyardError } from '../../shared/errors.js';
import { ipcChannels } from '../../shared/ipc-channels.js';
import type { DesktopPreferencesStore } from './desktop-preferences.js';
import type { LoginItem } from './login-item.js';
import { answerOwnRenderer } from './own-renderer-answer.js';
import type { RendererLocation } from './renderer-location.js';
import { invalidInputError } from '../../shared/input-issues.js';

export interface DesktopPreferenceParts {
  preferences: DesktopPreferencesStore;
  loginItem: LoginItem;
  /** After a change was applied (the tray's "Start at login" item follows it). */
  onChange?: (values: DesktopPreferenceValues) => void;
}

/**
 * Serves the window's view of the desktop app's own preferences over IPC: get, and set (checked against the zod
 * schema of shared/desktop-preferences.ts at this edge). Like the control API's handlers, each answers an
 * ApiOutcome (never a throw), and only our renderer may ask. Returns a disposer.
 */
export function registerDesktopPreferenceHandlers(ipcMain: IpcMain, parts: DesktopPreferenceParts, renderer: RendererLocation): () => void {
  const channels = ipcChannels.desktopPreferences;
  ipcMain.handle(channels.get, (event) => answerOwnRenderer(event, renderer, channels.get, () => currentValues(parts)));
  ipcMain.handle(channels.set, (event, input: unknown) => answerOwnRenderer(event, renderer, channels.set, () => applyChange(parts, input)));
  return () => {
    ipcMain.removeHandler(channels.get);
    ipcMain.removeHandler(channels.set);
  };
}

function currentValues({ preferences, loginItem }: DesktopPreferenceParts): DesktopPreferenceValues {
  const { startHidden, notifications } = preferences.get();
  return { startAtLogin: loginItem.isEnabled(), startHidden, notifications };
}

function applyChange(parts: DesktopPreferenceParts, input: unknown): DesktopPreferenceValues {
  const parsed = DesktopPreferenceChangeSchema.safeParse(input);
  if (!parsed.success) {
    throw invalidInputError('desktop preferences', parsed.error);
  }
  const { startAtLogin, ...stored } = parsed.data;
  if (startAtLogin !== undefined) {
    try {
      parts.loginItem.setEnabled(startAtLogin);
    } catch (error) {
      // E.g. the autostart folder is not writable: the OS's reason, and which preference it was.
      const reason = error instanceof Error ? error.message : String(error);
      const errno = (error as { code?: unknown }).code;
      throw new SwitchyardError('INTERNAL', `Could not ${startAtLogin ? 'add' : 'remove'} the login item: ${reason}`, undefined, {
        field: 'startAtLogin',
        ...(typeof errno === 'string' ? { errno } : {}),
      });
    }
  }
  if (Object.keys(stored).length > 0) parts.preferences.set(stored);
  const values = currentValues(parts);
  parts.onChange?.(values);
  return values;
}
