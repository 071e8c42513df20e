import { commandEntry, readCommand, readUrl } from './entry-shapes.js';
import { isRecord } from './formats/common.js';
import { inHome, nonEmpty, pathFor } from './platform-paths.js';
import type { ClientDefinition } from './types.js';

/**
 * Claude Code: user scope in ~/.claude.json (top-level `mcpServers`; $CLAUDE_CONFIG_DIR moves the file), project
 * scope in <project>/.mcp.json. HTTP entries are `{ type: "http", url, headers }`. Sessions read the config when
 * they start.
 */
export const claudeCode: ClientDefinition = {
  id: 'claude-code',
  name: 'Claude Code',
  format: 'json',
  transports: ['http', 'stdio'],
  location: { style: 'map', container: ['mcpServers'], name: 'switchyard' },
  configFile(ctx, scope) {
    const p = pathFor(ctx);
    if (scope.kind === 'project') return { candidates: [p.join(scope.dir, '.mcp.json')] };
    const configDir = nonEmpty(ctx.env.CLAUDE_CONFIG_DIR);
    return { candidates: [configDir ? p.join(configDir, '.claude.json') : inHome(ctx, '.claude.json')] };
  },
  detectPaths: (ctx) => [inHome(ctx, '.claude'), inHome(ctx, '.claude.json')],
  binaries: ['claude'],
  reload: 'new-session',
  reloadHint: 'Start a new Claude Code session (a running one keeps the servers it started with); /mcp lists them.',
  toEntry(target) {
    return target.transport === 'http' ? { type: 'http', url: target.url, headers: target.headers } : { type: 'stdio', ...commandEntry(target) };
  },
  fromEntry(entry) {
    if (!isRecord(entry)) return undefined;
    if (entry.type === 'http' || entry.type === 'sse' || (entry.type === undefined && typeof entry.url === 'string')) return readUrl(entry, 'url');
    return readCommand(entry);
  },
  docs: 'https://docs.claude.com/en/docs/claude-code/mcp',
  secretsNote:
    'Claude Code expands ${VAR} in headers: "Authorization": "Bearer ${SWITCHYARD_TOKEN}" keeps the token out of the file, if the variable is set where Claude Code starts.',
  unverified: '$CLAUDE_CONFIG_DIR/.claude.json as the user-scope file when CLAUDE_CONFIG_DIR is set.',
};
