import type { ToolRow } from '../../shared/catalog-types.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { unknownServer } from './server-errors.js';
import { resolveServerName } from './server-names.js';

/**
 * Per-tool switches: a tool the user switches off is hidden from every client and refused, without restarting
 * its server. Kept in settings.json (`servers.<name>.disabledTools`), so the CLI, the window and a running
 * gateway agree. One place for the rule, used by the CLI and the control API alike.
 */
export function setToolEnabled(store: SettingsStore, given: string, tool: string, enabled: boolean): { server: string; name: string; enabled: boolean } {
  const server = resolveServerName(given, store.load().settings);
  store.update((settings) => {
    const entry = settings.servers[server];
    if (!entry) throw unknownServer(server, settings);
    const disabled = new Set(entry.disabledTools ?? []);
    if (enabled) disabled.delete(tool);
    else disabled.add(tool);
    if (disabled.size > 0) entry.disabledTools = [...disabled].sort();
    else delete entry.disabledTools;
  });
  return { server, name: tool, enabled };
}

export interface ServerTools {
  server: string;
  /** The server's tools as last seen (live, cached from its last run, or declared by its catalog entry). */
  tools: Array<Record<string, unknown>>;
  disabled: string[];
}

/** One row per tool, hidden ones included and marked; a switched-off tool the server no longer offers is still listed, so it can be switched on again. */
export function toolRows(servers: ServerTools[], only?: string): ToolRow[] {
  const rows: ToolRow[] = [];
  for (const { server, tools, disabled } of servers) {
    if (only !== undefined && server !== only) continue;
    const names = new Set<string>();
    for (const tool of tools) {
      const name = String(tool.name);
      names.add(name);
      rows.push({ server, name, enabled: !disabled.includes(name), ...(typeof tool.description === 'string' ? { description: tool.description } : {}) });
    }
    for (const name of disabled) if (!names.has(name)) rows.push({ server, name, enabled: false });
  }
  return rows;
}
