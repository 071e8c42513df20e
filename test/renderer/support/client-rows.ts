import type { ClientRow } from '../../../shared/catalog-types.js';

/** Cursor as client.list reports it: installed, not connected, both transports, with project-level files and none connected. */
export const cursorRow: ClientRow = {
  id: 'cursor',
  name: 'Cursor',
  installed: true,
  transports: ['stdio', 'http'],
  state: 'not-connected',
  file: '/home/u/.cursor/mcp.json',
  projectScope: true,
  projects: [],
};
