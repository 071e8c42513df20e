import type { ApiHandlers } from '../../../shared/api.js';
import type { CatalogDetail, CatalogSourceStatus, CatalogSummary } from '../../../shared/catalog-types.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { findEntry } from '../../catalog/find-entry.js';
import { loadCatalogs, type Catalog, type SourceStatus } from '../../catalog/catalog-loader.js';
import { checkCatalogSource, parseCatalogSource, sourceLabel, withSourceAdded, withSourceRemoved } from '../../catalog/catalog-sources.js';
import { catalogSources, urlCatalogSources } from '../../catalog/settings-catalog.js';
import type { SettingsStore } from '../../settings/settings-store.js';
import type { SettingsSync } from '../../servers/settings-sync.js';
import { configSchemaOf, secretRequirements, type CatalogEntry } from '../../catalog/catalog-schema.js';
import { inCategory, searchCatalog } from '../../catalog/catalog-search.js';

type CatalogMethods =
  'catalog.list' | 'catalog.search' | 'catalog.inspect' | 'catalog.sources' | 'catalog.addSource' | 'catalog.removeSource' | 'catalog.refresh';

/** The catalog as the settings define it, and its sources; a change of sources is told to the UI by the settings sync (catalog.changed). */
export function catalogHandlers(context: {
  catalog: () => Promise<Catalog>;
  store: SettingsStore;
  home: string;
  settingsSync: SettingsSync;
}): Pick<ApiHandlers, CatalogMethods> {
  const { catalog, store, home, settingsSync } = context;
  return {
    'catalog.list': async ({ category }) => {
      const loaded = await catalog();
      return [...loaded.entries.values()].filter((record) => inCategory(record.entry, category)).map((record) => summarize(record.name, record.entry));
    },
    'catalog.search': async ({ query, category }) => {
      const loaded = await catalog();
      const entries = [...loaded.entries.values()].map((record) => [record.name, record.entry] as [string, CatalogEntry]);
      return searchCatalog(entries, query, category ? { category } : {}).map((hit) => ({ ...summarize(hit.name, hit.entry), matchedOn: hit.matched }));
    },
    'catalog.inspect': async ({ name }) => {
      const found = findEntry((await catalog()).entries, name);
      if (!found)
        throw new SwitchyardError('SERVER_NOT_FOUND', `No catalog entry named "${name}".`, 'Search the catalog by name, tag or tool.', { entry: name });
      return detail(found[0], found[1].entry);
    },
    'catalog.sources': async () => (await loadCatalogs(catalogSources(store.load().settings), { home, mode: 'cache' })).sources.map(sourceStatus),
    'catalog.addSource': async ({ source: spec }) => {
      const source = parseCatalogSource(spec);
      const checked = await checkCatalogSource(source, home);
      store.update((settings) => withSourceAdded(settings, source));
      await settingsSync.sync();
      return sourceStatus(checked);
    },
    'catalog.removeSource': async ({ source: spec }) => {
      const source = parseCatalogSource(spec);
      store.update((settings) => withSourceRemoved(settings, source));
      await settingsSync.sync();
      return { source: sourceLabel(source), removed: true as const };
    },
    'catalog.refresh': async () => {
      const refreshed = (await loadCatalogs(urlCatalogSources(store.load().settings), { home })).sources.map(sourceStatus);
      await settingsSync.catalogsRefreshed(refreshed.map((status) => status.source));
      return refreshed;
    },
  };
}

function sourceStatus(status: SourceStatus): CatalogSourceStatus {
  return {
    source: status.source,
    kind: status.kind,
    entries: status.entries,
    ...(status.fetchedAt ? { fetchedAt: status.fetchedAt.toISOString() } : {}),
    ...(status.stale ? { stale: `copy from ${status.stale.since.toISOString()}: ${status.stale.reason}` } : {}),
    ...(status.error ? { error: status.error } : {}),
  };
}

function summarize(name: string, entry: CatalogEntry): CatalogSummary {
  return {
    name,
    type: entry.type ?? 'server',
    tags: (entry.metadata?.tags as string[] | undefined) ?? [],
    toolCount: entry.tools?.length ?? 0,
    secretCount: entry.secrets?.length ?? 0,
    hasConfig: (entry.config?.length ?? 0) > 0,
    ...(entry.title ? { title: entry.title } : {}),
    ...(entry.description ? { description: entry.description } : {}),
    ...(entry.metadata?.category ? { category: String(entry.metadata.category) } : {}),
    ...(entry.image ? { image: entry.image } : {}),
    ...(entry.oauth?.providers?.length ? { oauth: true } : {}),
  };
}

function detail(name: string, entry: CatalogEntry): CatalogDetail {
  return {
    ...summarize(name, entry),
    tools: (entry.tools ?? []).map((tool) => ({ name: tool.name, ...(tool.description ? { description: tool.description } : {}) })),
    secrets: secretRequirements(name, entry).map((secret) => ({
      key: secret.key,
      env: secret.env,
      required: secret.required,
      ...(secret.description ? { description: secret.description } : {}),
    })),
    ...(configSchemaOf(entry) ? { configSchema: configSchemaOf(entry) } : {}),
    ...(entry.readme ? { readme: entry.readme } : {}),
    ...(entry.source ? { source: String(entry.source) } : {}),
  };
}
