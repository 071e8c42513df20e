import type Database from 'better-sqlite3';
import { SwitchyardError } from '../../shared/errors.js';
import { callStatuses, errorStatuses, type CallStatus, type StatusFilter } from './call-record.js';
import type { HistoryStatsRow, HistoryTimelineRow } from './history-read-types.js';
import { selectColumnsOf, type CallRow } from './schema.js';
import { ftsQuery, searchWords } from './text-search.js';

/**
 * The history's reads as SQL over one connection: a filter's WHERE terms (full-text included), a page newest
 * first, the changes since a rev, stats, a page of an export. Pure functions of a connection and a request
 * whose times are already resolved to milliseconds; they run where the reader's connection lives (its thread),
 * each in one read transaction, and return rows, which the reader turns into records (and redacts) on the
 * way out.
 */

/** A filter with its times resolved (ms since the epoch) and its statuses expanded and checked. */
export interface ResolvedFilter {
  since?: number;
  until?: number;
  server?: string[];
  tool?: string[];
  client?: string;
  statuses?: CallStatus[];
  text?: string;
}

export type ReadRequest =
  | { op: 'page'; filter: ResolvedFilter; before?: [number, number]; limit: number }
  | { op: 'changedSince'; filter: ResolvedFilter; rev: number }
  | { op: 'stats'; filter: ResolvedFilter; groupBy: 'server' | 'tool' }
  | { op: 'timeline'; filter: ResolvedFilter; bucketMs: number }
  | { op: 'exportPage'; filter: ResolvedFilter; after?: [number, number]; limit: number }
  | { op: 'count' }
  | { op: 'rev' };

export interface ReadResults {
  page: { rows: CallRow[]; more: boolean; rev: number };
  changedSince: { rows: CallRow[]; rev: number };
  stats: HistoryStatsRow[];
  timeline: HistoryTimelineRow[];
  exportPage: { rows: CallRow[] };
  count: number;
  rev: number;
}

/** Up to this many pending rows, a search lists them in its SQL (see unindexedClause). */
const pendingListed = 200;
/** Above this many full-text matches, a search walks the rows newest first instead of sorting the matches. */
const manyMatches = 2000;

/**
 * Answers one read in one transaction: one consistent snapshot (WAL), whatever the writer commits meanwhile.
 * `schema` is the file's schema version (1: a file not migrated yet, read by another process).
 */
export function answerRead(db: Database.Database, schema: number, request: ReadRequest): ReadResults[ReadRequest['op']] {
  return db.transaction(() => answer(db, schema, request)).deferred();
}

function answer(db: Database.Database, schema: number, request: ReadRequest): ReadResults[ReadRequest['op']] {
  switch (request.op) {
    case 'count':
      return (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
    case 'rev':
      return currentRev(db);
    case 'page': {
      const where = whereOf(db, schema, request.filter);
      if (request.before) {
        const [startedAt, seq] = request.before;
        where.clauses.push('started_at <= ? AND (started_at < ? OR seq < ?)');
        where.params.push(startedAt, startedAt, seq);
      }
      const sql = `SELECT ${selectColumnsOf(schema)} FROM calls ${whereSql(where.clauses)} ORDER BY started_at DESC, seq DESC LIMIT ?`;
      const rows = db.prepare<unknown[], CallRow>(sql).all(...where.params, request.limit + 1);
      const more = rows.length > request.limit;
      return { rows: more ? rows.slice(0, request.limit) : rows, more, rev: currentRev(db) };
    }
    case 'changedSince':
      return changedSince(db, schema, request.filter, request.rev);
    case 'stats':
      return stats(db, schema, request.filter, request.groupBy);
    case 'timeline':
      return timeline(db, schema, request.filter, request.bucketMs);
    case 'exportPage': {
      const { clauses, params } = whereOf(db, schema, request.filter);
      if (request.after) {
        const [startedAt, seq] = request.after;
        clauses.push('started_at >= ? AND (started_at > ? OR seq > ?)');
        params.push(startedAt, startedAt, seq);
      }
      const sql = `SELECT ${selectColumnsOf(schema)} FROM calls ${whereSql(clauses)} ORDER BY started_at, seq LIMIT ?`;
      return { rows: db.prepare<unknown[], CallRow>(sql).all(...params, request.limit) };
    }
  }
}

function currentRev(db: Database.Database): number {
  return db.prepare<[], { value: number }>(`SELECT value FROM meta WHERE key = 'rev'`).get()?.value ?? 0;
}

/**
 * Rows written (started or ended) after `rev`, in the order they were written: how a reader in another process
 * follows the history by polling. A row comes once, in its latest state.
 */
function changedSince(db: Database.Database, schema: number, filter: ResolvedFilter, rev: number): ReadResults['changedSince'] {
  const current = currentRev(db);
  if (current <= rev) return { rows: [], rev: current };
  const where = whereOf(db, schema, filter);
  const floor = seqFloorAfter(db, schema, rev, current);
  if (floor === null) return { rows: [], rev: current }; // the batches since wrote no rows (a clear)
  if (floor !== undefined) {
    where.clauses.push('seq >= ?');
    where.params.push(floor);
  }
  where.clauses.push('rev > ?');
  where.params.push(rev);
  const sql = `SELECT ${selectColumnsOf(schema)} FROM calls ${whereSql(where.clauses)} ORDER BY rev, started_at, seq`;
  return { rows: db.prepare<unknown[], CallRow>(sql).all(...where.params), rev: current };
}

/** Count, error rate and p50/p95 duration per server or per (server, tool), most called first. */
function stats(db: Database.Database, schema: number, filter: ResolvedFilter, groupBy: 'server' | 'tool'): HistoryStatsRow[] {
  const group = groupBy === 'tool' ? 'server, name' : 'server';
  const errors = errorStatuses.map((status) => `'${status}'`).join(', ');
  // `+server`: grouping must not pick the (server, started_at) index over the time range (a scan of every row).
  const groupTerms = groupBy === 'tool' ? '+server, +name' : '+server';
  const where = whereOf(db, schema, filter);
  const sql = `SELECT ${group}, count(*) AS count, sum(status IN (${errors})) AS errors, sum(status <> 'running') AS finished,
      percentile(duration_ms, 50) AS p50, percentile(duration_ms, 95) AS p95
      FROM calls ${whereSql(where.clauses)} GROUP BY ${groupTerms} ORDER BY count DESC, ${group}`;
  interface StatsRow {
    server: string;
    name?: string;
    count: number;
    errors: number;
    finished: number;
    p50: number | null;
    p95: number | null;
  }
  return db
    .prepare<unknown[], StatsRow>(sql)
    .all(...where.params)
    .map((row) => ({
      server: row.server,
      ...(groupBy === 'tool' ? { tool: row.name ?? '' } : {}),
      count: row.count,
      errors: row.errors,
      errorRate: row.finished > 0 ? row.errors / row.finished : 0,
      p50Ms: row.p50,
      p95Ms: row.p95,
    }));
}

/** At most this many buckets come back (the newest): a day of minutes. */
export const maxTimelineBuckets = 1440;

/**
 * Calls and errors per time bucket (`started_at` rounded down to a multiple of `bucketMs`), the newest
 * maxTimelineBuckets that hold calls, oldest first. One GROUP BY in SQLite over the filter's rows.
 */
function timeline(db: Database.Database, schema: number, filter: ResolvedFilter, bucketMs: number): HistoryTimelineRow[] {
  const errors = errorStatuses.map((status) => `'${status}'`).join(', ');
  const where = whereOf(db, schema, filter);
  const sql = `SELECT started_at - (started_at % ?) AS start, count(*) AS count, sum(status IN (${errors})) AS errors
      FROM calls ${whereSql(where.clauses)} GROUP BY 1 ORDER BY 1 DESC LIMIT ?`;
  return db
    .prepare<unknown[], HistoryTimelineRow>(sql)
    .all(bucketMs, ...where.params, maxTimelineBuckets)
    .reverse();
}

/** The WHERE terms of a filter. Reads the full-text watermark: call it inside the query's transaction. */
function whereOf(db: Database.Database, schema: number, filter: ResolvedFilter): { clauses: string[]; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.since !== undefined) {
    clauses.push('started_at >= ?');
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    clauses.push('started_at < ?');
    params.push(filter.until);
  }
  const inList = (column: string, values: readonly string[]) => {
    clauses.push(values.length === 1 ? `${column} = ?` : `${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (filter.server && filter.server.length > 0) inList('server', filter.server);
  if (filter.tool && filter.tool.length > 0) inList('name', filter.tool);
  if (filter.client !== undefined && filter.client !== '') {
    clauses.push('(client_name = ? OR session_id = ?)');
    params.push(filter.client, filter.client);
  }
  const statuses = filter.statuses ?? [];
  if (statuses.length > 0) {
    inList('status', statuses);
    // Spelled out, so that SQLite may use the partial index on the other statuses (it matches terms, not meaning).
    if (!statuses.includes('ok')) clauses.push(`status <> 'ok'`);
  }
  const text = filter.text?.trim();
  if (text) {
    const words = searchWords(text);
    if (words.length > 0) {
      // Indexed rows through FTS5; the rows the indexer has not reached yet (few) through the same rule in JS.
      // Few matches: take them from the index and sort them. Many: walk the rows newest first and test each
      // against the matches (a Bloom filter), which finds a page long before the end.
      const match = ftsQuery(words);
      const few =
        (db
          .prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ? LIMIT ?)')
          .get(match, manyMatches)?.n ?? 0) < manyMatches;
      const unindexed = unindexedClause(db, schema);
      const test = `${unindexed.sql} AND history_match(?, arguments, result_preview, error)`;
      clauses.push(
        few
          ? `seq IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ? UNION ALL SELECT seq FROM calls WHERE ${test})`
          : `(seq IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ?) OR (${test}))`,
      );
      params.push(match, ...unindexed.params, words.join(' '));
    } else {
      // Only punctuation (e.g. "{}"): nothing for the index; a plain substring scan.
      clauses.push(`(instr(arguments, ?) > 0 OR instr(coalesce(result_preview, ''), ?) > 0 OR instr(coalesce(error, ''), ?) > 0)`);
      params.push(text, text, text);
    }
  }
  return { clauses, params };
}

/**
 * "Not in the full-text index yet" for a search, with the watermark and the pending rows read in the query's
 * snapshot: a comparison with a number (and, when rows are pending, a short list) costs a search that walks
 * many rows far less than looking each of them up in two other tables.
 */
function unindexedClause(db: Database.Database, schema: number): { sql: string; params: unknown[] } {
  if (schema < 2) return { sql: 'fts = 0', params: [] };
  const mark = db.prepare<[], { value: number }>(`SELECT value FROM meta WHERE key = 'fts_mark'`).get()?.value ?? 0;
  const pending = db
    .prepare<[number], { seq: number }>('SELECT seq FROM fts_pending LIMIT ?')
    .all(pendingListed + 1)
    .map((row) => row.seq);
  if (pending.length === 0) return { sql: 'seq > ?', params: [mark] };
  if (pending.length > pendingListed) return { sql: `(seq > ? OR seq IN (SELECT seq FROM fts_pending))`, params: [mark] };
  return { sql: `(seq > ? OR seq IN (${pending.map(() => '?').join(', ')}))`, params: [mark, ...pending] };
}

/**
 * The lowest seq any batch after `rev` (up to `current`) wrote, from the revs table: every row those batches
 * touched is at or above it. Null when they wrote no row; undefined when the table does not cover them all
 * (pruned, or a file from before schema 2), and the caller must look at every row.
 */
function seqFloorAfter(db: Database.Database, schema: number, rev: number, current: number): number | null | undefined {
  if (schema < 2) return undefined;
  const cover = db
    .prepare<[number], { first: number | null; count: number; floor: number | null }>(
      'SELECT min(rev) AS first, count(*) AS count, min(min_seq) AS floor FROM revs WHERE rev > ?',
    )
    .get(rev);
  if (!cover || cover.first !== rev + 1 || cover.count !== current - rev) return undefined;
  return cover.floor;
}

function whereSql(clauses: readonly string[]): string {
  return clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
}

/** Status filters expanded (`error` to its statuses), validated, deduplicated. */
export function expandStatuses(value: StatusFilter | readonly StatusFilter[] | undefined): CallStatus[] {
  const out = new Set<CallStatus>();
  for (const status of listOf(value)) {
    if (status === 'error') for (const s of errorStatuses) out.add(s);
    else if ((callStatuses as readonly string[]).includes(status)) out.add(status as CallStatus);
    else throw new SwitchyardError('INVALID_INPUT', `Unknown status "${status}".`, `Use one of: ${[...callStatuses, 'error'].join(', ')}.`);
  }
  return [...out];
}

export function listOf<T extends string>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return (typeof value === 'string' ? [value] : [...value]).filter((item) => item !== '');
}
