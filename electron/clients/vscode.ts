import { commandEntry, readCommand, readUrl } from './entry-shapes.js';
import { isRecord } from './formats/common.js';
import { appDataDir, pathFor } from './platform-paths.js';
import type { ClientDefinition, PlatformContext } from './types.js';

/**
 * VS Code and the forks that keep its user folder layout and mcp.json format: the user profile's mcp.json
 * (<app data>/<product>/User/mcp.json) and the workspace's .vscode/mcp.json, JSONC, `servers.<name>` with
 * `type: "http"`. VS Code watches the file.
 */
function vscodeFamily(id: string, name: string, product: string, binary: string): ClientDefinition {
  const userDir = (ctx: PlatformContext) => pathFor(ctx).join(appDataDir(ctx), product, 'User');
  return {
    id,
    name,
    format: 'jsonc',
    transports: ['http', 'stdio'],
    location: { style: 'map', container: ['servers'], name: 'switchyard' },
    configFile(ctx, scope) {
      if (scope.kind === 'project') return { candidates: [pathFor(ctx).join(scope.dir, '.vscode', 'mcp.json')] };
      return { candidates: [pathFor(ctx).join(userDir(ctx), 'mcp.json')] };
    },
    detectPaths: (ctx) => [pathFor(ctx).join(appDataDir(ctx), product)],
    binaries: [binary],
    reload: 'automatic',
    reloadHint: `${name} reloads mcp.json; start "switchyard" from the MCP servers view (or the code lens in mcp.json) if it does not start by itself.`,
    toEntry(target) {
      return target.transport === 'http' ? { type: 'http', url: target.url, headers: target.headers } : { type: 'stdio', ...commandEntry(target) };
    },
    fromEntry(entry) {
      if (!isRecord(entry)) return undefined;
      if (typeof entry.url === 'string') return readUrl(entry, 'url');
      return readCommand(entry);
    },
    docs: 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration',
    secretsNote:
      'mcp.json can take the token from an "inputs" entry (promptString, password: true) referenced as ${input:id}: VS Code asks once and keeps it in its secret storage.',
    ...(id === 'vscode' ? {} : { unverified: `${name} is assumed to keep VS Code's user folder layout (<app data>/${product}/User/mcp.json).` }),
  };
}

export const vscode = vscodeFamily('vscode', 'VS Code', 'Code', 'code');
export const vscodeInsiders = vscodeFamily('vscode-insiders', 'VS Code Insiders', 'Code - Insiders', 'code-insiders');
export const vscodium = vscodeFamily('vscodium', 'VSCodium', 'VSCodium', 'codium');
