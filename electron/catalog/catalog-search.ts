import type { CatalogEntry } from './catalog-schema.js';

/**
 * Ranked search over a catalog: pure, no I/O. A query matches an entry through the best of these, in order:
 *   exact name > name prefix > title (or a later word of the name) > tag > tool name > description;
 * matching is by word start, case-insensitive, with `-`, `_`, `.` and `/` read as spaces ("git" finds
 * "GitHub" and "my-git-tools", not "Digital");
 * ties are broken by name. A query of several words matches an entry when every word does; such an entry
 * ranks by its weakest word, below entries that match the whole query as one phrase at the same level.
 */

export type MatchField = 'name' | 'name-prefix' | 'title' | 'tag' | 'tool' | 'description';

export interface SearchHit<T = CatalogEntry> {
  name: string;
  entry: T;
  score: number;
  /** What matched best (for display: "matched tool list_issues"). */
  matched: MatchField;
  /** The tag or tool name that matched, when that was the best match. */
  matchedValue?: string;
}

export interface SearchOptions {
  /** Only entries of this category (case-insensitive). */
  category?: string;
  /** Stop after this many hits. */
  limit?: number;
}

const fieldScore: Record<MatchField, number> = {
  name: 600,
  'name-prefix': 500,
  title: 400,
  tag: 300,
  tool: 200,
  description: 100,
};

/** Entries of one category (case-insensitive), or all when none is given. */
export function inCategory(entry: CatalogEntry, category: string | undefined): boolean {
  if (!category) return true;
  return (entry.metadata?.category ?? '').toLowerCase() === category.trim().toLowerCase();
}

export function searchCatalog(entries: Iterable<[string, CatalogEntry]>, query: string, options: SearchOptions = {}): SearchHit[] {
  const phrase = normalize(query);
  const words = phrase.split(' ').filter(Boolean);
  const hits: SearchHit[] = [];
  for (const [name, entry] of entries) {
    if (!inCategory(entry, options.category)) continue;
    if (words.length === 0) {
      hits.push({ name, entry, score: 0, matched: 'name' });
      continue;
    }
    const hit = matchEntry(name, entry, phrase, words);
    if (hit) hits.push({ name, entry, ...hit });
  }
  hits.sort((a, b) => b.score - a.score || compareNames(a.name, b.name));
  return options.limit !== undefined ? hits.slice(0, options.limit) : hits;
}

function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

type Match = { score: number; matched: MatchField; matchedValue?: string };

function matchEntry(name: string, entry: CatalogEntry, phrase: string, words: string[]): Match | undefined {
  const whole = bestMatch(name, entry, phrase);
  if (whole || words.length === 1) return whole;
  // Every word must match somewhere; the entry ranks by its weakest word, just below whole-phrase matches.
  let weakest: Match | undefined;
  for (const word of words) {
    const match = bestMatch(name, entry, word);
    if (!match) return undefined;
    if (!weakest || match.score < weakest.score) weakest = match;
  }
  return weakest ? { ...weakest, score: weakest.score - 50 } : undefined;
}

function bestMatch(name: string, entry: CatalogEntry, term: string): Match | undefined {
  const lowerName = name.toLowerCase();
  const spacedName = normalize(name);
  if (lowerName === term || spacedName === term) return { score: fieldScore.name, matched: 'name' };
  if (lowerName.startsWith(term) || spacedName.startsWith(term)) return { score: fieldScore['name-prefix'], matched: 'name-prefix' };
  if (hasWordStartingWith(normalize(entry.title ?? ''), term) || hasWordStartingWith(spacedName, term)) return { score: fieldScore.title, matched: 'title' };
  const tag = (entry.metadata?.tags ?? []).find((value) => hasWordStartingWith(normalize(value), term));
  if (tag !== undefined) return { score: fieldScore.tag, matched: 'tag', matchedValue: tag };
  const tool = (entry.tools ?? []).find((value) => hasWordStartingWith(normalize(value.name), term));
  if (tool) return { score: fieldScore.tool, matched: 'tool', matchedValue: tool.name };
  if (hasWordStartingWith(normalize(entry.description ?? ''), term)) return { score: fieldScore.description, matched: 'description' };
  return undefined;
}

/** Whether `term` starts at a word boundary of `text` (both normalized): "git" finds "git hub", not "digital". */
function hasWordStartingWith(text: string, term: string): boolean {
  return ` ${text}`.includes(` ${term}`);
}

/** Lower case; separators (`-`, `_`, `.`, `/`, whitespace) become single spaces, so "list issues" finds list_issues. */
function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\-_./]+/g, ' ')
    .trim();
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
  return [...counts.values()].sort((a, b) => b.count - a.count || compareNames(a.category, b.category));
}
