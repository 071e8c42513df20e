/**
 * Free-text search over arguments, result previews and errors: the words of a query, each matching the start of
 * a word in the text (so `issu` finds `create_issue` and `issues`), case and accents ignored, all words
 * required. The same rule twice: as an FTS5 query for indexed rows, and as a plain function for the rows the
 * background indexer has not reached yet (history_match, registered on every connection).
 */

/** At most this many words of a query are used. */
const maxWords = 16;

/** Lower case, accents removed: what FTS5's unicode61 tokenizer with remove_diacritics 2 compares. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words (runs of letters and digits) of a search text, folded; empty when it has none (only punctuation). */
export function searchWords(text: string): string[] {
  return [...new Set(fold(text).match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, maxWords);
}

/** The FTS5 query for searchWords(): each word as a quoted prefix, all required. */
export function ftsQuery(words: readonly string[]): string {
  return words.map((word) => `"${word}"*`).join(' ');
}

let cachedQuery = '';
let cachedWords: string[] = [];

/**
 * SQL function history_match(words, text...): 1 when every word (space separated, as searchWords gives them)
 * starts a word of one of the texts.
 */
export function historyMatch(words: string, ...texts: Array<string | null>): number {
  if (words !== cachedQuery) {
    cachedQuery = words;
    cachedWords = words.split(' ').filter((word) => word !== '');
  }
  let haystack = ' ';
  for (const text of texts) {
    if (text) haystack += (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).join(' ') + ' ';
  }
  for (const word of cachedWords) if (!haystack.includes(` ${word}`)) return 0;
  return 1;
}
