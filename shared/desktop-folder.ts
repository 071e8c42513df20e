import { z } from 'zod';

/**
 * The window asks the desktop app for a folder (the OS's folder picker: a project folder to connect an app for).
 * Checked by the main process at the IPC edge; web mode has no picker and the page offers a text field alone.
 */
export const FolderChoiceRequestSchema = z
  .object({
    /** The picker's title (what the folder is for). */
    title: z.string().min(1).max(200),
    /** Where the picker opens (an absolute path); the OS's default when absent. */
    defaultPath: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type FolderChoiceRequest = z.input<typeof FolderChoiceRequestSchema>;

/** The folder chosen; absent when the user cancelled. */
export interface FolderChoice {
  path?: string;
}
