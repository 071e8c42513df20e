import { readUrlOrCommand, urlOrCommandEntry } from './entry-shapes.js';
import { appDataDir, pathFor, xdgConfigHome } from './platform-paths.js';
import type { ClientDefinition, PlatformContext } from './types.js';

/** Zed keeps settings in ~/.config/zed on macOS and Linux ($XDG_CONFIG_HOME on Linux), %APPDATA%\Zed on Windows. */
function zedDir(ctx: PlatformContext): string {
  const p = pathFor(ctx);
  if (ctx.platform === 'win32') return p.join(appDataDir(ctx), 'Zed');
  if (ctx.platform === 'darwin') return p.join(ctx.homedir, '.config', 'zed');
  return p.join(xdgConfigHome(ctx), 'zed');
}

/**
 * Zed: settings.json (JSONC) and <project>/.zed/settings.json, `context_servers.<name>` with `url` + `headers`
 * for a remote server, command/args/env for a local one. Zed reloads settings as they change.
 */
export const zed: ClientDefinition = {
  id: 'zed',
  name: 'Zed',
  format: 'jsonc',
  transports: ['http', 'stdio'],
  location: { style: 'map', container: ['context_servers'], name: 'switchyard' },
  configFile(ctx, scope) {
    const p = pathFor(ctx);
    if (scope.kind === 'project') return { candidates: [p.join(scope.dir, '.zed', 'settings.json')] };
    return { candidates: [p.join(zedDir(ctx), 'settings.json')] };
  },
  detectPaths: (ctx) => [zedDir(ctx)],
  binaries: ['zed', 'zeditor'],
  reload: 'automatic',
  reloadHint: 'Zed applies settings as they change; the agent panel lists "switchyard" under its MCP servers.',
  toEntry: (target) => urlOrCommandEntry(target),
  fromEntry: (entry) => readUrlOrCommand(entry),
  docs: 'https://zed.dev/docs/ai/mcp',
};
