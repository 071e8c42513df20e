import { readUrlOrCommand, urlOrCommandEntry } from './entry-shapes.js';
import { inHome } from './platform-paths.js';
import type { ClientDefinition } from './types.js';

/** LM Studio (0.3.17+): ~/.lmstudio/mcp.json, Cursor's notation (`mcpServers.<name>` with `url` + `headers`). */
export const lmStudio: ClientDefinition = {
  id: 'lm-studio',
  name: 'LM Studio',
  format: 'json',
  transports: ['http', 'stdio'],
  location: { style: 'map', container: ['mcpServers'], name: 'switchyard' },
  configFile(ctx, scope) {
    if (scope.kind !== 'global') return undefined;
    return { candidates: [inHome(ctx, '.lmstudio', 'mcp.json')] };
  },
  detectPaths: (ctx) => [inHome(ctx, '.lmstudio')],
  binaries: ['lms'],
  processNames: { darwin: ['LM Studio'], win32: ['LM Studio.exe'], linux: ['lm-studio', 'LM Studio'] },
  reload: 'restart',
  reloadHint: 'If "switchyard" does not appear under Program → Integrations, restart LM Studio.',
  toEntry: (target) => urlOrCommandEntry(target),
  fromEntry: (entry) => readUrlOrCommand(entry),
  docs: 'https://lmstudio.ai/docs/app/mcp',
  unverified:
    'The mcp.json location (~/.lmstudio/mcp.json, %USERPROFILE%\\.lmstudio on Windows) and whether LM Studio reloads it when changed outside its editor.',
};
