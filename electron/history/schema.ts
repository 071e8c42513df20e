import type { CallClient, CallMethod, CallRecord, CallStatus } from './call-record.js';

/**
 * The history's tables. `calls` holds one row per call (seq is the rowid: insertion order, and the tie-break
 * of the newest-first order). Every index on it is paid for on every call's insert, so there are only those
 * the queries need: time, server, tool, and the statuses other than ok (a partial index: most calls are ok,
 * and their rows skip it; a filter on other statuses names `status <> 'ok'` so that SQLite may use it).
 *
 * `calls_fts` is an external-content FTS5 index over arguments, result preview and error, filled by a
 * background indexer, not on every write: the index costs several times more than the row itself. What it
 * holds is described by a watermark, not by a flag on each row (which cost an index and a rewrite of every
 * row): every row with seq <= meta.fts_mark is in the index, except those listed in `fts_pending` (calls still
 * running when the indexer passed them, and rows whose text changed after). Triggers keep the index right when
 * an indexed row is deleted or its text changes, and lower the mark when the newest rows are deleted (SQLite
 * then hands their seqs out again).
 *
 * `meta.rev` counts written batches; each row carries the rev that last wrote it, and `revs` the lowest seq
 * each batch wrote: a reader in another process follows changes through the rows from that seq on, without an
 * index on rev.
 */
export const schemaVersion = 3;

const ftsColumns = 'arguments, result_preview, error';
/** The full-text watermark, as an SQL scalar. */
const ftsMarkValue = `(SELECT value FROM meta WHERE key = 'fts_mark')`;
const maxSeq = `(SELECT coalesce(max(seq), 0) FROM calls)`;

export const deleteFtsTrigger = `CREATE TRIGGER IF NOT EXISTS calls_ad AFTER DELETE ON calls BEGIN
  INSERT INTO calls_fts (calls_fts, rowid, ${ftsColumns}) SELECT 'delete', old.seq, old.arguments, old.result_preview, old.error
    WHERE old.seq <= ${ftsMarkValue} AND NOT EXISTS (SELECT 1 FROM fts_pending WHERE seq = old.seq);
  DELETE FROM fts_pending WHERE seq = old.seq;
  UPDATE meta SET value = ${maxSeq} WHERE key = 'fts_mark' AND value > ${maxSeq};
END;`;

export const schemaSql = `
CREATE TABLE IF NOT EXISTS calls (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  trace_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  duration_ms REAL,
  client_name TEXT,
  client_version TEXT,
  session_id TEXT NOT NULL,
  server TEXT NOT NULL,
  method TEXT NOT NULL,
  name TEXT NOT NULL,
  arguments TEXT NOT NULL,
  status TEXT NOT NULL,
  error TEXT,
  result_is_error INTEGER,
  result_types TEXT,
  result_size INTEGER,
  result_preview TEXT,
  rev INTEGER NOT NULL,
  profile TEXT
);
CREATE INDEX IF NOT EXISTS calls_started ON calls (started_at);
CREATE INDEX IF NOT EXISTS calls_server ON calls (server, started_at);
CREATE INDEX IF NOT EXISTS calls_name ON calls (name, started_at);
CREATE INDEX IF NOT EXISTS calls_status ON calls (status, started_at) WHERE status <> 'ok';
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('rev', 0);
INSERT OR IGNORE INTO meta (key, value) VALUES ('fts_mark', 0);
CREATE TABLE IF NOT EXISTS revs (rev INTEGER PRIMARY KEY, min_seq INTEGER);
CREATE TABLE IF NOT EXISTS fts_pending (seq INTEGER PRIMARY KEY);
CREATE VIRTUAL TABLE IF NOT EXISTS calls_fts USING fts5 (${ftsColumns}, content = 'calls', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
${deleteFtsTrigger}
CREATE TRIGGER IF NOT EXISTS calls_au AFTER UPDATE OF arguments, result_preview, error ON calls
WHEN old.seq <= ${ftsMarkValue} AND NOT EXISTS (SELECT 1 FROM fts_pending WHERE seq = old.seq) BEGIN
  INSERT INTO calls_fts (calls_fts, rowid, ${ftsColumns}) VALUES ('delete', old.seq, old.arguments, old.result_preview, old.error);
  INSERT INTO fts_pending (seq) VALUES (old.seq);
END;
`;

/**
 * From schema 1 (a per-row fts flag with its partial index, an index on rev, a full index on status) to 2,
 * keeping the full-text index as it is: the watermark goes to the newest row, and the rows the flag says are
 * not indexed yet are listed as pending (read through the old partial index, before it goes). Runs before
 * schemaSql, which creates what is new.
 */
export const migrateFrom1Sql = `
CREATE TABLE IF NOT EXISTS fts_pending (seq INTEGER PRIMARY KEY);
INSERT OR IGNORE INTO fts_pending (seq) SELECT seq FROM calls WHERE fts = 0;
INSERT OR REPLACE INTO meta (key, value) VALUES ('fts_mark', ${maxSeq});
DROP INDEX IF EXISTS calls_unindexed;
DROP INDEX IF EXISTS calls_rev;
DROP INDEX IF EXISTS calls_status;
DROP TRIGGER IF EXISTS calls_ad;
DROP TRIGGER IF EXISTS calls_au;
`;

/** From schema 2 to 3: each call records the profile its client attached to (older rows have none). */
export const migrateFrom2Sql = `ALTER TABLE calls ADD COLUMN profile TEXT;`;

/** The SQL condition "this row is not in the full-text index yet" (see schemaSql). */
export const unindexedCondition = `(seq > ${ftsMarkValue} OR seq IN (SELECT seq FROM fts_pending))`;

/** Insert a call that was never written (about a third cheaper than the upsert, which first looks for the id). */
export const insertSql = `INSERT INTO calls (id, trace_id, started_at, ended_at, duration_ms, client_name, client_version, session_id, server,
  method, name, arguments, status, error, result_is_error, result_types, result_size, result_preview, profile, rev)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Insert a call, or bring an existing row (same id) to the record's latest state; returns the row's seq. */
export const upsertSql = `${insertSql}
ON CONFLICT (id) DO UPDATE SET ended_at = excluded.ended_at, duration_ms = excluded.duration_ms, status = excluded.status,
  error = excluded.error, result_is_error = excluded.result_is_error, result_types = excluded.result_types,
  result_size = excluded.result_size, result_preview = excluded.result_preview, rev = excluded.rev
RETURNING seq`;

/** The indexer's steps (see full-text-indexer.ts). */
export const ftsMarkSql = `SELECT value FROM meta WHERE key = 'fts_mark'`;
export const setFtsMarkSql = `UPDATE meta SET value = ? WHERE key = 'fts_mark'`;
export const pastMarkSql = `SELECT seq, arguments, result_preview, error, status FROM calls WHERE seq > ? ORDER BY seq LIMIT ?`;
export const addPendingSql = `INSERT OR IGNORE INTO fts_pending (seq) VALUES (?)`;
export const finishedPendingSql = `SELECT c.seq, c.arguments, c.result_preview, c.error FROM fts_pending p JOIN calls c ON c.seq = p.seq
  WHERE c.status <> 'running' ORDER BY p.seq LIMIT ?`;
export const removePendingSql = `DELETE FROM fts_pending WHERE seq = ?`;
export const ftsInsertSql = `INSERT INTO calls_fts (rowid, ${ftsColumns}) VALUES (?, ?, ?, ?)`;
/** Records the lowest seq a batch (rev) wrote; null when it wrote no row. */
export const recordRevSql = `INSERT OR REPLACE INTO revs (rev, min_seq) VALUES (?, ?)`;

export const selectColumns = `seq, id, trace_id, started_at, ended_at, duration_ms, client_name, client_version, session_id, server, method,
  name, arguments, status, error, result_is_error, result_types, result_size, result_preview, rev, profile`;

/** The columns of a file at an older schema, read by another process before the writer migrated it. */
export function selectColumnsOf(schema: number): string {
  return schema >= 3 ? selectColumns : selectColumns.replace(', profile', ', NULL AS profile');
}

export interface CallRow {
  seq: number;
  id: string;
  trace_id: string;
  started_at: number;
  ended_at: number | null;
  duration_ms: number | null;
  client_name: string | null;
  client_version: string | null;
  session_id: string;
  server: string;
  method: CallMethod;
  name: string;
  arguments: string;
  status: CallStatus;
  error: string | null;
  result_is_error: number | null;
  result_types: string | null;
  result_size: number | null;
  result_preview: string | null;
  rev: number;
  profile: string | null;
}

/** upsertSql's parameters for a record. */
export function rowParams(record: CallRecord, rev: number): unknown[] {
  const result = record.result;
  return [
    record.id,
    record.traceId,
    record.startedAt,
    record.endedAt ?? null,
    record.durationMs ?? null,
    record.client.name ?? null,
    record.client.version ?? null,
    record.client.sessionId,
    record.server,
    record.method,
    record.name,
    record.arguments,
    record.status,
    record.error ?? null,
    result ? (result.isError ? 1 : 0) : null,
    result ? JSON.stringify(result.contentTypes) : null,
    result ? result.sizeBytes : null,
    result ? result.preview : null,
    record.client.profile ?? null,
    rev, // last: the batch writer fills it in
  ];
}

/** A row back into a record, its text fields through `redact` again. */
export function rowToRecord(row: CallRow, redact: (text: string) => string): CallRecord {
  const client: CallClient = { sessionId: row.session_id };
  if (row.client_name !== null) client.name = row.client_name;
  if (row.client_version !== null) client.version = row.client_version;
  if (row.profile !== null) client.profile = row.profile;
  const record: CallRecord = {
    id: row.id,
    traceId: row.trace_id,
    startedAt: row.started_at,
    client,
    server: row.server,
    method: row.method,
    name: row.name,
    arguments: redact(row.arguments),
    status: row.status,
  };
  if (row.ended_at !== null) record.endedAt = row.ended_at;
  if (row.duration_ms !== null) record.durationMs = row.duration_ms;
  if (row.error !== null) record.error = redact(row.error);
  if (row.result_is_error !== null) {
    record.result = {
      isError: row.result_is_error === 1,
      contentTypes: parseTypes(row.result_types),
      sizeBytes: row.result_size ?? 0,
      preview: redact(row.result_preview ?? ''),
    };
  }
  return record;
}

function parseTypes(text: string | null): string[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
