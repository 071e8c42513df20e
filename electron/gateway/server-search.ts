import { matchSearchText, parseSearchQuery, searchTextOf, type CatalogMatch, type SearchText } from '../../shared/catalog-match.js';
import type { DirectoryEntry } from './server-directory.js';

export interface ServerHit extends CatalogMatch {
  entry: DirectoryEntry;
}

/** Normalized text per entry, kept as long as the entry object lives (the directory hands out the same objects). */
const searchTexts = new WeakMap<DirectoryEntry, SearchText>();

/**
 * find_servers' ranking: the catalog search's rules (shared/catalog-match.ts: name > title > tag > tool >
 * description, by word start), with configured servers first among equal scores, then enabled ones, then by name.
 * `liveTools`: tool names a server reported, searched besides the catalog's.
 */
export function searchServers(
  entries: readonly DirectoryEntry[],
  query: string,
  limit: number,
  liveTools: (name: string) => readonly string[] | undefined,
): ServerHit[] {
  const parsed = parseSearchQuery(query);
  const hits: ServerHit[] = [];
  for (const entry of entries) {
    const live = liveTools(entry.name);
    let text = live ? undefined : searchTexts.get(entry);
    if (!text) {
      text = searchTextOf({ ...entry, tools: live ? [...new Set([...entry.tools, ...live])] : entry.tools });
      if (!live) searchTexts.set(entry, text);
    }
    const match = matchSearchText(text, parsed);
    if (match) hits.push({ ...match, entry });
  }
  hits.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.entry.configured) - Number(a.entry.configured) ||
      Number(b.entry.enabled) - Number(a.entry.enabled) ||
      a.entry.name.localeCompare(b.entry.name),
  );
  return hits.slice(0, limit);
}
