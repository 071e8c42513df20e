import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where our own renderer lives: the built files, and in development the Vite dev server. */
export interface RendererLocation {
  /** Absolute path of dist/renderer/index.html. */
  indexHtml: string;
  /** The dev server URL; only set when the app is not packaged. */
  devUrl?: string | undefined;
}

/**
 * True when `url` is a page of our own renderer. IPC calls and navigation trust nothing else, so a page that
 * somehow got into a window (a link, a redirect) cannot reach the control API.
 */
export function isOwnRendererUrl(url: string, renderer: RendererLocation): boolean {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed) return false;
  if (parsed.protocol === 'file:') return isInsideFolder(path.dirname(renderer.indexHtml), parsed);
  return renderer.devUrl !== undefined && URL.canParse(renderer.devUrl) && parsed.origin === new URL(renderer.devUrl).origin;
}

function isInsideFolder(folder: string, fileUrl: URL): boolean {
  let file: string;
  try {
    file = fileURLToPath(fileUrl);
  } catch {
    return false; // e.g. file://some-host/... : never ours
  }
  // path.relative is case-insensitive on Windows, matching its file system.
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
