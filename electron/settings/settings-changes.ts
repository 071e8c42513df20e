import type { ServerSettings, Settings } from './settings-schema.js';

/** What differs between two versions of the settings, by the names a UI follows. */
export interface SettingsChanges {
  /** Servers added, removed, enabled or disabled. */
  list: string[];
  /** Servers whose other settings changed (config, image, env, secret mapping...), tool switches aside. */
  config: string[];
  /** Servers whose tool switches changed. */
  tools: string[];
  /** Catalog sources added or removed (a file's path, a URL), and `user` when the custom entries changed. */
  catalogs: string[];
  /** Profiles created, removed or changed. */
  profiles: string[];
}

export function settingsChanges(before: Settings, after: Settings): SettingsChanges {
  const list: string[] = [];
  const config: string[] = [];
  const tools: string[] = [];
  for (const name of new Set([...Object.keys(before.servers), ...Object.keys(after.servers)])) {
    const was = before.servers[name];
    const now = after.servers[name];
    if (!was || !now || was.enabled !== now.enabled) list.push(name);
    else if (!sameJson(withoutSwitches(was), withoutSwitches(now))) config.push(name);
    if (!sameJson(was?.disabledTools ?? [], now?.disabledTools ?? [])) tools.push(name);
  }
  const sourcesBefore = new Set(before.catalogs.map(sourceName));
  const sourcesAfter = new Set(after.catalogs.map(sourceName));
  const catalogs = [...sourcesBefore, ...sourcesAfter].filter((source) => sourcesBefore.has(source) !== sourcesAfter.has(source));
  if (!sameJson(before.customEntries, after.customEntries)) catalogs.push('user');
  const profiles = [...new Set([...Object.keys(before.profiles), ...Object.keys(after.profiles)])].filter(
    (name) => !sameJson(before.profiles[name], after.profiles[name]),
  );
  return { list, config, tools, catalogs, profiles };
}

export function noChanges(changes: SettingsChanges): boolean {
  return changes.list.length + changes.config.length + changes.tools.length + changes.catalogs.length + changes.profiles.length === 0;
}

function withoutSwitches(server: ServerSettings): Omit<ServerSettings, 'enabled' | 'disabledTools'> {
  const { enabled: _enabled, disabledTools: _disabled, ...rest } = server;
  return rest;
}

function sourceName(source: Settings['catalogs'][number]): string {
  return source.kind === 'file' ? source.path : source.url;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
