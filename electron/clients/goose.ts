import { readCommand, readUrl } from './entry-shapes.js';
import { isRecord } from './formats/common.js';
import { appDataDir, pathFor, xdgConfigHome } from './platform-paths.js';
import type { ClientDefinition, PlatformContext } from './types.js';

/** ~/.config/goose on macOS and Linux ($XDG_CONFIG_HOME honoured), %APPDATA%\Block\goose\config on Windows. */
function gooseDir(ctx: PlatformContext): string {
  const p = pathFor(ctx);
  if (ctx.platform === 'win32') return p.join(appDataDir(ctx), 'Block', 'goose', 'config');
  return p.join(xdgConfigHome(ctx), 'goose');
}

/**
 * Goose: config.yaml, `extensions.<name>` with `type: streamable_http`, `uri`, `headers` (`enabled` beside the
 * type's fields). Goose loads extensions when a session starts.
 */
export const goose: ClientDefinition = {
  id: 'goose',
  name: 'Goose',
  format: 'yaml',
  transports: ['http', 'stdio'],
  location: { style: 'map', container: ['extensions'], name: 'switchyard' },
  configFile(ctx, scope) {
    if (scope.kind !== 'global') return undefined;
    return { candidates: [pathFor(ctx).join(gooseDir(ctx), 'config.yaml')] };
  },
  detectPaths: (ctx) => [gooseDir(ctx)],
  binaries: ['goose'],
  processNames: { darwin: ['Goose', 'goosed'], win32: ['Goose.exe', 'goosed.exe'], linux: ['Goose', 'goose', 'goosed'] },
  reload: 'restart',
  reloadHint: 'Start a new Goose session (restart Goose Desktop if it is open).',
  toEntry(target) {
    const common = { enabled: true, name: 'switchyard', description: 'Switchyard MCP gateway', timeout: 300 };
    if (target.transport === 'http') {
      return { ...common, type: 'streamable_http', uri: target.url, headers: target.headers, envs: {}, env_keys: [] };
    }
    return { ...common, type: 'stdio', cmd: target.command, args: target.args, envs: target.env, env_keys: [] };
  },
  fromEntry(entry) {
    if (!isRecord(entry)) return undefined;
    if (typeof entry.uri === 'string') return readUrl(entry, 'uri');
    return readCommand(entry, { command: 'cmd', env: 'envs' });
  },
  docs: 'https://block.github.io/goose/docs/guides/config-files',
  secretsNote: 'Goose substitutes ${VAR} in extension headers from its environment or secret store.',
  unverified: 'The streamable_http field set (uri, headers, envs, env_keys, timeout) follows Goose’s ExtensionConfig schema, not a documented example.',
};
