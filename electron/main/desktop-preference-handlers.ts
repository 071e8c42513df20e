import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ApiOutcome } from '../../shared/api.js';
import { DesktopPreferenceChangeSchema, type DesktopPreferenceValues } from '../../shared/desktop-preferences.js';
import { SwitchyardError, toWireError } from '../../shared/errors.js';
import { ipcChannels } from '../../shared/ipc-channels.js';
import type { DesktopPreferencesStore } from './desktop-preferences.js';
import type { LoginItem } from './login-item.js';
import { isOwnRendererUrl, type RendererLocation } from './renderer-location.js';

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
  ipcMain.handle(channels.get, (event) => answer(event, renderer, channels.get, () => currentValues(parts)));
  ipcMain.handle(channels.set, (event, input: unknown) => answer(event, renderer, channels.set, () => applyChange(parts, input)));
  return () => {
    ipcMain.removeHandler(channels.get);
    ipcMain.removeHandler(channels.set);
  };
}

function answer(event: IpcMainInvokeEvent, renderer: RendererLocation, channel: string, run: () => DesktopPreferenceValues): ApiOutcome {
  const url = event.senderFrame?.url ?? '';
  try {
    if (!isOwnRendererUrl(url, renderer)) {
      throw new SwitchyardError(
        'UNAUTHORIZED',
        `Refused "${channel}" from ${url === '' ? 'a frame that is gone' : url}: only the Switchyard window may use it.`,
      );
    }
    return { ok: true, result: run() };
  } catch (error) {
    return { ok: false, error: toWireError(error) };
  }
}

function currentValues({ preferences, loginItem }: DesktopPreferenceParts): DesktopPreferenceValues {
  const { startHidden, notifications } = preferences.get();
  return { startAtLogin: loginItem.isEnabled(), startHidden, notifications };
}

function applyChange(parts: DesktopPreferenceParts, input: unknown): DesktopPreferenceValues {
  const parsed = DesktopPreferenceChangeSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String), code: issue.code, message: issue.message }));
    const detail = issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`).join('; ');
    throw new SwitchyardError('INVALID_INPUT', `Invalid desktop preferences: ${detail}`, undefined, { issues });
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
