/**
 * How a catalog search query matches one entry: pure, no I/O, shared by the engine's `catalog.search` and the
 * window's instant filter, so both rank alike. A query matches an entry through the best of these, in order:
 *   exact name > name prefix > title (or a later word of the name) > tag > tool name > description;
 * matching is by word start, case-insensitive, with `-`, `_`, `.` and `/` read as spaces ("git" finds
 * "GitHub" and "my-git-tools", not "Digital"). A query of several words matches an entry when every word
 * does; such an entry ranks by its weakest word, below entries that match the whole query as one phrase.
 */

export type MatchField = 'name' | 'name-prefix' | 'title' | 'tag' | 'tool' | 'description';

/** The parts of an entry a search reads. */
export interface SearchableEntry {
  name: string;
  title?: string;
  description?: string;
  tags?: readonly string[];
  /** Tool names; the window's summaries have none, so only the engine matches on them. */
  tools?: readonly string[];
}

/** An entry's searchable text, normalized once (the window keeps these for the whole catalog). */
export interface SearchText {
  lowerName: string;
  spacedName: string;
  title: string;
  tags: ReadonlyArray<{ value: string; text: string }>;
  tools: ReadonlyArray<{ value: string; text: string }>;
  description: string;
}

export interface CatalogMatch {
  score: number;
  /** What matched best (for display: "matched tool list_issues"). */
  matched: MatchField;
  /** The tag or tool name that matched, when that was the best match. */
  matchedValue?: string;
}

/** A query, normalized: the whole phrase and its words. No words: every entry matches. */
export interface SearchQuery {
  phrase: string;
  words: string[];
}

const fieldScore: Record<MatchField, number> = {
  name: 600,
  'name-prefix': 500,
  title: 400,
  tag: 300,
  tool: 200,
  description: 100,
};

export function parseSearchQuery(query: string): SearchQuery {
  const phrase = normalizeSearchText(query);
  return { phrase, words: phrase.split(' ').filter(Boolean) };
}

export function searchTextOf(entry: SearchableEntry): SearchText {
  return {
    lowerName: entry.name.toLowerCase(),
    spacedName: normalizeSearchText(entry.name),
    title: normalizeSearchText(entry.title ?? ''),
    tags: (entry.tags ?? []).map((value) => ({ value, text: normalizeSearchText(value) })),
    tools: (entry.tools ?? []).map((value) => ({ value, text: normalizeSearchText(value) })),
    description: normalizeSearchText(entry.description ?? ''),
  };
}

/** How `query` matches the entry, or undefined when it does not. An empty query matches with score 0. */
export function matchSearchText(text: SearchText, query: SearchQuery): CatalogMatch | undefined {
  if (query.words.length === 0) return { score: 0, matched: 'name' };
  const whole = bestMatch(text, query.phrase);
  if (whole || query.words.length === 1) return whole;
  // Every word must match somewhere; the entry ranks by its weakest word, just below whole-phrase matches.
  let weakest: CatalogMatch | undefined;
  for (const word of query.words) {
    const match = bestMatch(text, word);
    if (!match) return undefined;
    if (!weakest || match.score < weakest.score) weakest = match;
  }
  return weakest ? { ...weakest, score: weakest.score - 50 } : undefined;
}

function bestMatch(text: SearchText, term: string): CatalogMatch | undefined {
  if (text.lowerName === term || text.spacedName === term) return { score: fieldScore.name, matched: 'name' };
  if (text.lowerName.startsWith(term) || text.spacedName.startsWith(term)) return { score: fieldScore['name-prefix'], matched: 'name-prefix' };
  if (hasWordStartingWith(text.title, term) || hasWordStartingWith(text.spacedName, term)) return { score: fieldScore.title, matched: 'title' };
  const tag = text.tags.find((item) => hasWordStartingWith(item.text, term));
  if (tag) return { score: fieldScore.tag, matched: 'tag', matchedValue: tag.value };
  const tool = text.tools.find((item) => hasWordStartingWith(item.text, term));
  if (tool) return { score: fieldScore.tool, matched: 'tool', matchedValue: tool.value };
  if (hasWordStartingWith(text.description, term)) return { score: fieldScore.description, matched: 'description' };
  return undefined;
}

/** Whether `term` starts at a word boundary of `text` (both normalized): "git" finds "git hub", not "digital". */
function hasWordStartingWith(text: string, term: string): boolean {
  return ` ${text}`.includes(` ${term}`);
}

/** Lower case; separators (`-`, `_`, `.`, `/`, whitespace) become single spaces, so "list issues" finds list_issues. */
export function normalizeSearchText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\-_./]+/g, ' ')
    .trim();
}

/** Names in the engine's order: case-insensitive, then exact. */
export function compareEntryNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
