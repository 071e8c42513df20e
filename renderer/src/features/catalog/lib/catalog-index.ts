import { matchSearchText, parseSearchQuery, searchTextOf, type SearchText } from '../../../../../shared/catalog-match.js';
import type { CatalogSummary } from '../../../../../shared/catalog-types.js';
import { compareTitles, type CatalogSort } from './catalog-filter.js';

/**
 * The loaded catalog sorted by title once, with each entry's search text normalized the first time a query
 * reads it (the first screen only needs the order).
 */
export class CatalogIndex {
  readonly entries: readonly CatalogSummary[];
  private texts: SearchText[] | undefined;

  constructor(entries: readonly CatalogSummary[]) {
    this.entries = [...entries].sort(compareTitles);
  }

  /**
   * The instant answer to a query: the engine's matching (shared/catalog-match.ts) on names, titles, tags and
   * descriptions — the summaries carry no tool names, which the engine's search adds a moment later. By
   * title, or by relevance (best match first, ties by title) as the engine ranks.
   */
  search(query: string, sort: CatalogSort): readonly CatalogSummary[] {
    const parsed = parseSearchQuery(query);
    if (parsed.words.length === 0) return this.entries;
    const texts = (this.texts ??= this.entries.map(searchTextOf));
    const hits: { entry: CatalogSummary; score: number }[] = [];
    this.entries.forEach((entry, position) => {
      const match = matchSearchText(texts[position]!, parsed);
      if (match) hits.push({ entry, score: match.score });
    });
    // Array.prototype.sort is stable: equal scores keep the title order.
    if (sort === 'relevance') hits.sort((a, b) => b.score - a.score);
    return hits.map((hit) => hit.entry);
  }
}
