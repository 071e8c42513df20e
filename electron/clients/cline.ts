import { commandEntry, readCommand, readUrl } from './entry-shapes.js';
import { isRecord } from './formats/common.js';
import { appDataDir, pathFor } from './platform-paths.js';
import type { ClientDefinition, PlatformContext } from './types.js';

/** Cline keeps its settings in VS Code's global storage for its extension id. */
function clineDir(ctx: PlatformContext): string {
  return pathFor(ctx).join(appDataDir(ctx), 'Code', 'User', 'globalStorage', 'saoudrizwan.claude-dev');
}

/**
 * Cline (VS Code extension): settings/cline_mcp_settings.json, `mcpServers.<name>`; Streamable HTTP needs
 * `type: "streamableHttp"` (a bare `url` means SSE) with `url` + `headers`. Cline watches the file.
 */
export const cline: ClientDefinition = {
  id: 'cline',
  name: 'Cline',
  format: 'json',
  transports: ['http', 'stdio'],
  location: { style: 'map', container: ['mcpServers'], name: 'switchyard' },
  configFile(ctx, scope) {
    if (scope.kind !== 'global') return undefined;
    return { candidates: [pathFor(ctx).join(clineDir(ctx), 'settings', 'cline_mcp_settings.json')] };
  },
  detectPaths: (ctx) => [clineDir(ctx)],
  reload: 'automatic',
  reloadHint: 'Cline reloads its MCP settings by itself (MCP Servers → Installed shows "switchyard").',
  toEntry(target) {
    return target.transport === 'http'
      ? { type: 'streamableHttp', url: target.url, headers: target.headers, disabled: false }
      : { ...commandEntry(target), disabled: false };
  },
  fromEntry(entry) {
    if (!isRecord(entry)) return undefined;
    if (typeof entry.url === 'string') return readUrl(entry, 'url');
    return readCommand(entry);
  },
  docs: 'https://docs.cline.bot/mcp/configuring-mcp-servers',
  unverified: 'Only Cline inside VS Code (stable) is covered; Cline in other editors or the Cline CLI keep the same file elsewhere.',
};
