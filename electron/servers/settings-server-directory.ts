import type { Catalog } from '../catalog/catalog-loader.js';
import { findEntry } from '../catalog/find-entry.js';
import { configuredServerName, serverNameForEntry, type CatalogEntry } from '../catalog/catalog-schema.js';
import type { DirectoryEntry, DirectoryReport, ServerDirectory } from '../gateway/server-directory.js';
import type { RemoteOAuth } from '../runtime/oauth/remote-oauth.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Settings } from '../settings/settings-schema.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { serversFromSettings } from './server-definitions.js';
import { inspectServer } from './server-readiness.js';

/**
 * The directory the on-demand tools search (gateway/server-directory.ts): the configured servers from the
 * settings and every catalog entry not configured, under the server name it would get. A catalog server that is
 * ready to run (no secret or value missing) comes with the definition one session can run it with.
 */
export class SettingsServerDirectory implements ServerDirectory {
  private cached: { catalog: Catalog; servers: string; entries: readonly DirectoryEntry[] } | undefined;

  constructor(
    private readonly store: SettingsStore,
    private readonly catalog: () => Promise<Catalog>,
    private readonly secrets: () => Promise<SecretStore>,
    private readonly oauth?: RemoteOAuth,
  ) {}

  async entries(): Promise<readonly DirectoryEntry[]> {
    const catalog = await this.catalog();
    const { settings } = this.store.load();
    const servers = JSON.stringify(settings.servers);
    if (this.cached?.catalog === catalog && this.cached.servers === servers) return this.cached.entries;
    const entries = directoryEntries(settings, catalog);
    this.cached = { catalog, servers, entries };
    return entries;
  }

  async report(name: string): Promise<DirectoryReport | undefined> {
    const catalog = await this.catalog();
    const { settings } = this.store.load();
    const sources = { catalog: this.catalog, secrets: this.secrets, ...(this.oauth ? { oauth: this.oauth } : {}) };
    const configured = configuredServerName(name, settings.servers);
    if (configured !== undefined) {
      const server = settings.servers[configured]!;
      const entry = server.catalog ? findEntry(catalog.entries, server.catalog)?.[1].entry : undefined;
      return {
        readiness: await inspectServer(configured, { settings, ...sources }),
        configured: true,
        catalogTools: catalogTools(settings, configured, catalog, entry),
      };
    }
    const found = findEntry(catalog.entries, name);
    if (!found) return undefined;
    const [entryName] = found;
    const serverName = serverNameForEntry(entryName);
    // As if it were configured (switched off): the same readiness rules as `server inspect` and `server enable`.
    const virtual: Settings = { ...settings, servers: { ...settings.servers, [serverName]: { catalog: entryName, enabled: false } } };
    const readiness = await inspectServer(serverName, { settings: virtual, ...sources });
    const definition = serversFromSettings({ ...virtual, servers: { [serverName]: { catalog: entryName, enabled: true } } }, catalog)[0];
    return {
      readiness,
      configured: false,
      catalogTools: definition?.knownTools ?? [],
      ...(readiness.ready && definition ? { sessionDefinition: definition } : {}),
    };
  }
}

function directoryEntries(settings: Settings, catalog: Catalog): DirectoryEntry[] {
  const entries: DirectoryEntry[] = [];
  const taken = new Set<string>();
  for (const [name, server] of Object.entries(settings.servers)) {
    const entry = server.catalog ? findEntry(catalog.entries, server.catalog)?.[1].entry : undefined;
    if (server.catalog) taken.add(serverNameForEntry(server.catalog));
    taken.add(name);
    entries.push({ name, ...describedBy(entry), configured: true, enabled: server.enabled });
  }
  for (const [entryName, record] of catalog.entries) {
    const name = serverNameForEntry(entryName);
    if (taken.has(name)) continue;
    entries.push({ name, ...describedBy(record.entry), configured: false, enabled: false });
  }
  return entries;
}

function describedBy(entry: CatalogEntry | undefined): Pick<DirectoryEntry, 'title' | 'description' | 'tags' | 'tools'> {
  if (!entry) return { tools: [] };
  return {
    ...(entry.title ? { title: entry.title } : {}),
    ...(entry.description ? { description: entry.description } : {}),
    ...(Array.isArray(entry.tags) ? { tags: entry.tags.map(String) } : {}),
    tools: (entry.tools ?? []).map((tool) => tool.name),
  };
}

function catalogTools(settings: Settings, name: string, catalog: Catalog, entry: CatalogEntry | undefined): DirectoryReport['catalogTools'] {
  if (!entry) return [];
  return serversFromSettings({ ...settings, servers: { [name]: { ...settings.servers[name]!, enabled: true } } }, catalog)[0]?.knownTools ?? [];
}
