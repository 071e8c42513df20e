import { readUrlOrCommand, urlOrCommandEntry } from './entry-shapes.js';
import { inHome, pathFor } from './platform-paths.js';
import type { ClientDefinition } from './types.js';

/**
 * Kiro (IDE and CLI): ~/.kiro/settings/mcp.json and <workspace>/.kiro/settings/mcp.json, `mcpServers.<name>` with
 * `url` + `headers` for a remote server. Kiro reconnects when the file is saved.
 */
export const kiro: ClientDefinition = {
  id: 'kiro',
  name: 'Kiro',
  format: 'json',
  transports: ['http', 'stdio'],
  location: { style: 'map', container: ['mcpServers'], name: 'switchyard' },
  configFile(ctx, scope) {
    if (scope.kind === 'project') return { candidates: [pathFor(ctx).join(scope.dir, '.kiro', 'settings', 'mcp.json')] };
    return { candidates: [inHome(ctx, '.kiro', 'settings', 'mcp.json')] };
  },
  detectPaths: (ctx) => [inHome(ctx, '.kiro')],
  binaries: ['kiro', 'kiro-cli'],
  reload: 'automatic',
  reloadHint: 'Kiro reconnects MCP servers when the file changes (see the MCP servers tab of the Kiro panel).',
  toEntry: (target) => urlOrCommandEntry(target),
  fromEntry: (entry) => readUrlOrCommand(entry),
  docs: 'https://kiro.dev/docs/mcp/configuration',
  secretsNote: 'Kiro expands ${VAR} in headers (after you approve the variable), which keeps the token out of the file.',
};
