import { z } from 'zod';

/**
 * What the window shows and changes of the desktop app's own preferences (not the engine's settings.json, which
 * the CLI shares): start at login (the OS login item), start hidden in the tray, and OS notifications. Served
 * by the main process over IPC only: web mode has none of them.
 */
export const DesktopPreferenceValuesSchema = z.object({
  startAtLogin: z.boolean(),
  startHidden: z.boolean(),
  notifications: z.boolean(),
});
export type DesktopPreferenceValues = z.infer<typeof DesktopPreferenceValuesSchema>;

/** A change: any of the values, at least one; checked by the main process at the IPC edge. */
export const DesktopPreferenceChangeSchema = DesktopPreferenceValuesSchema.partial()
  .strict()
  .refine((change) => Object.keys(change).length > 0, { message: 'change at least one of startAtLogin, startHidden, notifications' });
export type DesktopPreferenceChange = z.input<typeof DesktopPreferenceChangeSchema>;
