import type { Settings } from '../settings/settings-schema.js';
import type { Catalog, CatalogSource } from './catalog-loader.js';

/** Every catalog the settings name: the bundled one, extra files and URLs, then the user's own entries (which win). */
export function catalogSources(settings: Settings): CatalogSource[] {
  return [
    { kind: 'bundled' },
    ...settings.catalogs.map((source): CatalogSource => (source.kind === 'file' ? { kind: 'file', path: source.path } : { kind: 'url', url: source.url })),
    ...(Object.keys(settings.customEntries).length > 0 ? [{ kind: 'user' as const, entries: settings.customEntries }] : []),
  ];
}

/** Only the URL catalogs of the settings: the ones worth fetching again (refresh, background refresh). */
export function urlCatalogSources(settings: Settings): Array<{ kind: 'url'; url: string }> {
  return settings.catalogs.flatMap((source) => (source.kind === 'url' ? [{ kind: 'url' as const, url: source.url }] : []));
}

/**
 * The catalog as the settings define it. `cachedUrls`: read URL catalogs from their last copy (fast start-up).
 * The loader (a YAML parser, the entry schema) loads with the first catalog: a gateway of `--image` servers
 * never reads one.
 */
export async function loadSettingsCatalog(settings: Settings, home: string, cachedUrls = false): Promise<Catalog> {
  const { loadCatalogs } = await import('./catalog-loader.js');
  return loadCatalogs(catalogSources(settings), { home, ...(cachedUrls ? { mode: 'cache' as const } : {}) });
}

/** Does any enabled server come from a catalog? Only then is the catalog worth loading at start-up. */
export function needsCatalog(settings: Settings): boolean {
  return Object.values(settings.servers).some((server) => server.enabled && server.catalog !== undefined);
}
