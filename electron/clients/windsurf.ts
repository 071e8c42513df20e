import { readUrlOrCommand, urlOrCommandEntry } from './entry-shapes.js';
import { inHome } from './platform-paths.js';
import type { ClientDefinition } from './types.js';

/**
 * Windsurf: ~/.codeium/windsurf/mcp_config.json (every OS), `mcpServers.<name>`; a remote server is `serverUrl`
 * (not `url`) + `headers`. Cascade's MCP panel has a refresh button.
 */
export const windsurf: ClientDefinition = {
  id: 'windsurf',
  name: 'Windsurf',
  format: 'json',
  transports: ['http', 'stdio'],
  location: { style: 'map', container: ['mcpServers'], name: 'switchyard' },
  configFile(ctx, scope) {
    if (scope.kind !== 'global') return undefined;
    return { candidates: [inHome(ctx, '.codeium', 'windsurf', 'mcp_config.json')] };
  },
  detectPaths: (ctx) => [inHome(ctx, '.codeium', 'windsurf')],
  binaries: ['windsurf'],
  reload: 'refresh',
  reloadHint: "Press refresh in Cascade's MCP servers panel (or restart Windsurf).",
  toEntry: (target) => urlOrCommandEntry(target, 'serverUrl'),
  fromEntry: (entry) => readUrlOrCommand(entry, 'serverUrl'),
  docs: 'https://docs.windsurf.com/windsurf/cascade/mcp',
  secretsNote: 'Windsurf interpolates ${env:NAME} in serverUrl and headers.',
};
