import { readUrlOrCommand, urlOrCommandEntry } from './entry-shapes.js';
import { inHome, pathFor } from './platform-paths.js';
import type { ClientDefinition } from './types.js';

/**
 * Cursor: ~/.cursor/mcp.json (every OS) and <project>/.cursor/mcp.json, `mcpServers.<name>` with `url` + `headers`
 * for Streamable HTTP. Cursor notices the file changing.
 */
export const cursor: ClientDefinition = {
  id: 'cursor',
  name: 'Cursor',
  format: 'json',
  transports: ['http', 'stdio'],
  location: { style: 'map', container: ['mcpServers'], name: 'switchyard' },
  configFile(ctx, scope) {
    if (scope.kind === 'project') return { candidates: [pathFor(ctx).join(scope.dir, '.cursor', 'mcp.json')] };
    return { candidates: [inHome(ctx, '.cursor', 'mcp.json')] };
  },
  detectPaths: (ctx) => [inHome(ctx, '.cursor')],
  binaries: ['cursor'],
  reload: 'automatic',
  reloadHint: 'Cursor picks up mcp.json by itself; check that "switchyard" is switched on under Settings → MCP.',
  toEntry: (target) => urlOrCommandEntry(target),
  fromEntry: (entry) => readUrlOrCommand(entry),
  docs: 'https://cursor.com/docs/mcp',
  secretsNote: 'Cursor interpolates ${env:NAME} in headers, so the token could come from an environment variable Cursor is started with.',
};
