import { readCommand, readUrl } from './entry-shapes.js';
import { isRecord } from './formats/common.js';
import { inHome, nonEmpty, pathFor } from './platform-paths.js';
import type { ClientDefinition } from './types.js';

/**
 * OpenAI Codex: $CODEX_HOME/config.toml (default ~/.codex/config.toml) and <project>/.codex/config.toml, one
 * `[mcp_servers.<name>]` table each; Streamable HTTP is `url` + `http_headers`. Read when a session starts.
 */
export const codex: ClientDefinition = {
  id: 'codex',
  name: 'Codex',
  format: 'toml',
  transports: ['http', 'stdio'],
  location: { style: 'map', container: ['mcp_servers'], name: 'switchyard' },
  configFile(ctx, scope) {
    const p = pathFor(ctx);
    if (scope.kind === 'project') return { candidates: [p.join(scope.dir, '.codex', 'config.toml')] };
    const home = nonEmpty(ctx.env.CODEX_HOME);
    return { candidates: [home ? p.join(home, 'config.toml') : inHome(ctx, '.codex', 'config.toml')] };
  },
  detectPaths: (ctx) => [nonEmpty(ctx.env.CODEX_HOME) ?? inHome(ctx, '.codex')],
  binaries: ['codex'],
  reload: 'new-session',
  reloadHint: 'Start a new Codex session; /mcp lists the servers.',
  toEntry(target) {
    if (target.transport === 'http') return { url: target.url, http_headers: target.headers };
    return { command: target.command, args: target.args, ...(Object.keys(target.env).length > 0 ? { env: target.env } : {}) };
  },
  fromEntry(entry) {
    if (!isRecord(entry)) return undefined;
    if (typeof entry.url === 'string') return readUrl(entry, 'url', 'http_headers');
    return readCommand(entry);
  },
  docs: 'https://developers.openai.com/codex/mcp',
  secretsNote: 'Codex can read the token from the environment instead: bearer_token_env_var = "SWITCHYARD_TOKEN" (or env_http_headers).',
  unverified:
    'Project-level .codex/config.toml is read only for trusted projects; older Codex versions needed experimental_use_rmcp_client = true for HTTP servers (use --transport stdio there).',
};
