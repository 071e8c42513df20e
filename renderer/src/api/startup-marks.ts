/**
 * Performance marks of the window's start, read by the UI benchmark (`npm run bench:ui`) and visible in any
 * browser's performance panel: when the first script ran, when the engine's connection opened, and when the
 * first screen (the catalog or My servers, with the engine's data) was painted. Each is set once per page load.
 */
export const startupMarks = {
  scriptStart: 'switchyard:script-start',
  connected: 'switchyard:connected',
  firstScreen: 'switchyard:first-screen',
} as const;

export function markOnce(name: string): void {
  if (typeof performance === 'undefined' || performance.getEntriesByName(name, 'mark').length > 0) return;
  performance.mark(name);
}
