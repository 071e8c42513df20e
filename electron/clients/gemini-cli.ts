import { commandEntry, readCommand, readUrl } from './entry-shapes.js';
import { isRecord } from './formats/common.js';
import { inHome, pathFor } from './platform-paths.js';
import type { ClientDefinition } from './types.js';

/**
 * Gemini CLI: ~/.gemini/settings.json and <project>/.gemini/settings.json (comments allowed), `mcpServers.<name>`;
 * Streamable HTTP is `httpUrl` (`url` means SSE) + `headers`. Read when a session starts.
 */
export const geminiCli: ClientDefinition = {
  id: 'gemini-cli',
  name: 'Gemini CLI',
  format: 'jsonc',
  transports: ['http', 'stdio'],
  location: { style: 'map', container: ['mcpServers'], name: 'switchyard' },
  configFile(ctx, scope) {
    if (scope.kind === 'project') return { candidates: [pathFor(ctx).join(scope.dir, '.gemini', 'settings.json')] };
    return { candidates: [inHome(ctx, '.gemini', 'settings.json')] };
  },
  detectPaths: (ctx) => [inHome(ctx, '.gemini')],
  binaries: ['gemini'],
  reload: 'new-session',
  reloadHint: 'Start a new Gemini CLI session; /mcp lists the servers.',
  toEntry: (target) => (target.transport === 'http' ? { httpUrl: target.url, headers: target.headers } : commandEntry(target)),
  fromEntry(entry) {
    if (!isRecord(entry)) return undefined;
    if (typeof entry.httpUrl === 'string') return readUrl(entry, 'httpUrl');
    if (typeof entry.url === 'string') return readUrl(entry, 'url');
    return readCommand(entry);
  },
  docs: 'https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md',
  secretsNote: 'Gemini CLI expands $VAR and ${VAR} in settings values, so the header could read the token from the environment.',
};
