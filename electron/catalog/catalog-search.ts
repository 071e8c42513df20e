import { compareEntryNames, matchSearchText, parseSearchQuery, searchTextOf, type CatalogMatch, type MatchField } from '../../shared/catalog-match.js';
import type { CatalogEntry } from './catalog-schema.js';

/**
 * Ranked search over a catalog: pure, no I/O. How a query matches one entry (name, title, tag, tool,
 * description, by word start) is shared/catalog-match.ts, which the window's instant filter uses too;
 * ties are broken by name.
 */

export type { MatchField };

export interface SearchHit<T = CatalogEntry> extends CatalogMatch {
  name: string;
  entry: T;
}

export interface SearchOptions {
  /** Only entries of this category (case-insensitive). */
  category?: string;
  /** Stop after this many hits. */
  limit?: number;
}

/** Entries of one category (case-insensitive), or all when none is given. */
export function inCategory(entry: CatalogEntry, category: string | undefined): boolean {
  if (!category) return true;
  return (entry.metadata?.category ?? '').toLowerCase() === category.trim().toLowerCase();
}

export function searchCatalog(entries: Iterable<[string, CatalogEntry]>, query: string, options: SearchOptions = {}): SearchHit[] {
  const parsed = parseSearchQuery(query);
  const hits: SearchHit[] = [];
  for (const [name, entry] of entries) {
    if (!inCategory(entry, options.category)) continue;
    const text = searchTextOf({
      name,
      title: entry.title ?? undefined,
      description: entry.description ?? undefined,
      tags: entry.metadata?.tags ?? undefined,
      tools: (entry.tools ?? []).map((tool) => tool.name),
    });
    const match = matchSearchText(text, parsed);
    if (match) hits.push({ name, entry, ...match });
  }
  hits.sort((a, b) => b.score - a.score || compareEntryNames(a.name, b.name));
  return options.limit !== undefined ? hits.slice(0, options.limit) : hits;
}

/** Categories with their entry counts, most common first (ties by name); spellings differing only in case count as one. */
export function listCategories(entries: Iterable<[string, CatalogEntry]>): Array<{ category: string; count: number }> {
  const counts = new Map<string, { category: string; count: number }>();
  for (const [, entry] of entries) {
    const category = entry.metadata?.category?.trim();
    if (!category) continue;
    const key = category.toLowerCase();
    const existing = counts.get(key);
    if (existing) existing.count++;
    else counts.set(key, { category, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || compareEntryNames(a.category, b.category));
}
