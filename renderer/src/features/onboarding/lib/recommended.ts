import type { CatalogSummary } from '../../../../../shared/catalog-types.js';

/** Well-known servers that need no secret and no setting, offered first when they are in the catalog. */
const favourites = ['fetch', 'time', 'memory', 'sequentialthinking', 'duckduckgo', 'wikipedia-mcp'];

/** Entries that work as soon as they are switched on: no secret, no config, no sign-in. */
export function worksAtOnce(entry: CatalogSummary): boolean {
  return entry.secretCount === 0 && !entry.hasConfig && !entry.oauth;
}

/** A few catalog servers to start with: the favourites present, then others that need nothing, up to `count`. */
export function recommendedServers(entries: readonly CatalogSummary[], count = 6): CatalogSummary[] {
  const ready = entries.filter(worksAtOnce);
  const first = favourites.map((name) => ready.find((entry) => entry.name === name)).filter((entry): entry is CatalogSummary => entry !== undefined);
  const rest = ready.filter((entry) => !favourites.includes(entry.name));
  return [...first, ...rest].slice(0, count);
}
