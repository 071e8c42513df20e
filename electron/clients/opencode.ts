import { stringRecord } from './entry-shapes.js';
import { isRecord } from './formats/common.js';
import { pathFor, xdgConfigHome } from './platform-paths.js';
import type { ClientDefinition, ConnectTarget, PlatformContext } from './types.js';

/** opencode uses the XDG layout on every OS (~/.config/opencode, also on Windows). */
function opencodeDir(ctx: PlatformContext): string {
  return pathFor(ctx).join(xdgConfigHome(ctx), 'opencode');
}

/**
 * opencode: opencode.json or opencode.jsonc (global in ~/.config/opencode, project at its root), `mcp.<name>` with
 * `type: "remote"`, `url`, `headers`, or `type: "local"` with `command` as one array. Read at start-up.
 */
export const opencode: ClientDefinition = {
  id: 'opencode',
  name: 'opencode',
  format: 'jsonc',
  transports: ['http', 'stdio'],
  location: { style: 'map', container: ['mcp'], name: 'switchyard' },
  configFile(ctx, scope) {
    const p = pathFor(ctx);
    const dir = scope.kind === 'project' ? scope.dir : opencodeDir(ctx);
    return { candidates: [p.join(dir, 'opencode.json'), p.join(dir, 'opencode.jsonc')] };
  },
  detectPaths: (ctx) => [opencodeDir(ctx)],
  binaries: ['opencode'],
  reload: 'new-session',
  reloadHint: 'Restart opencode to load the server.',
  toEntry(target) {
    if (target.transport === 'http') return { type: 'remote', url: target.url, headers: target.headers, enabled: true };
    return {
      type: 'local',
      command: [target.command, ...target.args],
      ...(Object.keys(target.env).length > 0 ? { environment: target.env } : {}),
      enabled: true,
    };
  },
  fromEntry(entry): ConnectTarget | undefined {
    if (!isRecord(entry)) return undefined;
    if (entry.type === 'remote' && typeof entry.url === 'string') return { transport: 'http', url: entry.url, headers: stringRecord(entry.headers) };
    const command = entry.command;
    if (entry.type === 'local' && Array.isArray(command) && command.length > 0 && command.every((part) => typeof part === 'string')) {
      return { transport: 'stdio', command: command[0] as string, args: command.slice(1) as string[], env: stringRecord(entry.environment) };
    }
    return undefined;
  },
  docs: 'https://opencode.ai/docs/mcp-servers/',
  secretsNote: 'opencode substitutes {env:NAME} in its config, so the header could read the token from the environment.',
  unverified: 'opencode V2 documents a nested `mcp.servers` form; this writes the V1 form (`mcp.<name>`), which the docs still describe.',
};
