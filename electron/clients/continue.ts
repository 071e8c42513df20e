import { readCommand, readUrl } from './entry-shapes.js';
import { isRecord } from './formats/common.js';
import { inHome, nonEmpty, pathFor } from './platform-paths.js';
import type { ClientDefinition, PlatformContext } from './types.js';

function continueDir(ctx: PlatformContext): string {
  return nonEmpty(ctx.env.CONTINUE_GLOBAL_DIR) ?? inHome(ctx, '.continue');
}

/**
 * Continue: ~/.continue/config.yaml, whose `mcpServers` is a list of `{ name, ... }`; Streamable HTTP is
 * `type: streamable-http`, `url`, `requestOptions.headers`. Project level: a block file of our own,
 * <project>/.continue/mcpServers/switchyard.yaml. Continue reloads its config when it changes.
 */
export const continueDev: ClientDefinition = {
  id: 'continue',
  name: 'Continue',
  format: 'yaml',
  transports: ['http', 'stdio'],
  location: { style: 'list', container: ['mcpServers'], name: 'switchyard', nameKey: 'name' },
  configFile(ctx, scope) {
    const p = pathFor(ctx);
    if (scope.kind === 'project') {
      return {
        candidates: [p.join(scope.dir, '.continue', 'mcpServers', 'switchyard.yaml')],
        template: 'name: Switchyard\nversion: 0.0.1\nschema: v1\n',
        dedicated: true,
      };
    }
    return { candidates: [p.join(continueDir(ctx), 'config.yaml')], template: 'name: Local Config\nversion: 1.0.0\nschema: v1\n' };
  },
  guard(ctx, scope, exists) {
    if (scope.kind !== 'global') return undefined;
    const dir = continueDir(ctx);
    const p = pathFor(ctx);
    if (!exists(p.join(dir, 'config.yaml')) && exists(p.join(dir, 'config.json'))) {
      return `Continue uses ${p.join(dir, 'config.json')} (the older JSON format); a new config.yaml beside it would replace it.`;
    }
    return undefined;
  },
  detectPaths: (ctx) => [continueDir(ctx)],
  reload: 'automatic',
  reloadHint: 'Continue reloads its config by itself; MCP tools are used in agent mode.',
  toEntry(target) {
    if (target.transport === 'http') return { name: 'switchyard', type: 'streamable-http', url: target.url, requestOptions: { headers: target.headers } };
    return {
      name: 'switchyard',
      type: 'stdio',
      command: target.command,
      args: target.args,
      ...(Object.keys(target.env).length > 0 ? { env: target.env } : {}),
    };
  },
  fromEntry(entry) {
    if (!isRecord(entry)) return undefined;
    if (typeof entry.url === 'string') {
      const options = isRecord(entry.requestOptions) ? entry.requestOptions : {};
      return readUrl({ url: entry.url, headers: options.headers }, 'url');
    }
    return readCommand(entry);
  },
  docs: 'https://docs.continue.dev/customize/deep-dives/mcp',
  secretsNote: 'Continue fills ${{ secrets.NAME }} from ~/.continue/.env, which would keep the token out of config.yaml.',
  unverified: 'A new config.yaml is started with name/version/schema; Continue is assumed to read a block file with an empty mcpServers list.',
};
