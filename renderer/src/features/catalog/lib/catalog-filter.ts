import type { CatalogSummary } from '../../../../../shared/catalog-types.js';

/** The badges a card can carry, which are also the filters above the grid. */
export const catalogBadges = ['enabled', 'needs-secrets', 'needs-config', 'remote', 'oauth'] as const;
export type CatalogBadge = (typeof catalogBadges)[number];

export const badgeLabels: Record<CatalogBadge, string> = {
  enabled: 'Enabled',
  'needs-secrets': 'Needs secrets',
  'needs-config': 'Needs config',
  remote: 'Remote',
  oauth: 'OAuth sign-in',
};

export type CatalogSort = 'name' | 'relevance';

export interface CatalogFilters {
  category?: string;
  /** Entries must carry every one of these. */
  badges: CatalogBadge[];
  sort: CatalogSort;
}

/** The badges of one entry; `enabled` holds the names of the servers that are switched on. */
export function badgesOf(entry: CatalogSummary, enabled: ReadonlySet<string>): CatalogBadge[] {
  const badges: CatalogBadge[] = [];
  if (enabled.has(entry.name)) badges.push('enabled');
  if (entry.secretCount > 0) badges.push('needs-secrets');
  if (entry.hasConfig) badges.push('needs-config');
  if (entry.type === 'remote') badges.push('remote');
  if (entry.oauth) badges.push('oauth');
  return badges;
}

/** What the card shows as its name. */
export function displayTitle(entry: CatalogSummary): string {
  return entry.title?.trim() || entry.name;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The grid's name order: by the title a card shows. */
export function compareTitles(a: CatalogSummary, b: CatalogSummary): number {
  return collator.compare(displayTitle(a), displayTitle(b));
}

/**
 * The entries to show: those of the category carrying every chosen badge, by name (or in the engine's
 * order of relevance, which is how search results arrive). `ordered`: the entries already come in the order
 * wanted (the window's own search keeps it), so nothing is sorted. Pure and linear without the sort, so it
 * runs on every keystroke.
 */
export function filterCatalog(
  entries: readonly CatalogSummary[],
  filters: CatalogFilters,
  enabled: ReadonlySet<string>,
  { ordered = false }: { ordered?: boolean } = {},
): CatalogSummary[] {
  const category = filters.category?.toLowerCase();
  const shown = entries.filter((entry) => {
    if (category && entry.category?.toLowerCase() !== category) return false;
    if (filters.badges.length === 0) return true;
    const badges = badgesOf(entry, enabled);
    return filters.badges.every((badge) => badges.includes(badge));
  });
  if (filters.sort === 'name' && !ordered) shown.sort(compareTitles);
  return shown;
}

/** The categories present, sorted, each with how many entries it holds. */
export function categoriesOf(entries: readonly CatalogSummary[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const entry of entries) if (entry.category) counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => collator.compare(a.name, b.name));
}
