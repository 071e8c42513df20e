import { commandEntry, readCommand } from './entry-shapes.js';
import { isRecord } from './formats/common.js';
import { appDataDir, pathFor } from './platform-paths.js';
import type { ClientDefinition, PlatformContext } from './types.js';

function claudeDir(ctx: PlatformContext): string {
  return pathFor(ctx).join(appDataDir(ctx), 'Claude');
}

/**
 * Claude Desktop: claude_desktop_config.json, `mcpServers.<name>` with command/args/env. Its config file only
 * launches local (stdio) servers (remote ones are added as connectors in the app), so it goes through the
 * `switchyard connect` bridge. It reads the file at start-up only.
 */
export const claudeDesktop: ClientDefinition = {
  id: 'claude-desktop',
  name: 'Claude Desktop',
  format: 'json',
  transports: ['stdio'],
  location: { style: 'map', container: ['mcpServers'], name: 'switchyard' },
  configFile(ctx, scope) {
    if (scope.kind !== 'global') return undefined;
    return { candidates: [pathFor(ctx).join(claudeDir(ctx), 'claude_desktop_config.json')] };
  },
  detectPaths: (ctx) => [claudeDir(ctx), ...(ctx.platform === 'darwin' ? ['/Applications/Claude.app'] : [])],
  processNames: { darwin: ['Claude'], win32: ['Claude.exe'], linux: ['claude-desktop', 'Claude'] },
  reload: 'restart',
  reloadHint: 'Quit Claude Desktop completely (not just its window) and open it again.',
  toEntry(target) {
    if (target.transport !== 'stdio') throw new Error('Claude Desktop launches stdio servers only');
    return commandEntry(target);
  },
  fromEntry: (entry) => (isRecord(entry) ? readCommand(entry) : undefined),
  docs: 'https://modelcontextprotocol.io/quickstart/user',
  secretsNote: 'The bridge reads the token from the Switchyard settings: the token is not written into this file.',
  unverified: 'Linux has no official Claude Desktop; the path follows the community builds ($XDG_CONFIG_HOME/Claude).',
};
