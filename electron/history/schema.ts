import type { CallClient, CallMethod, CallRecord, CallStatus } from './call-record.js';

/**
 * The history's tables. `calls` holds one row per call (seq is the rowid: insertion order, and the tie-break
 * of the newest-first order). `calls_fts` is an external-content FTS5 index over arguments, result preview and
 * error, filled by a background indexer (a row's `fts` flag says it is in the index), not on every write: the
 * index costs several times more than the row itself. Triggers keep the index right when an indexed row is
 * deleted or its text changes. `meta.rev` counts written batches; each row carries the rev that last wrote it,
 * which is how a reader in another process follows changes.
 */
export const schemaVersion = 1;

const ftsColumns = 'arguments, result_preview, error';

export const deleteFtsTrigger = `CREATE TRIGGER IF NOT EXISTS calls_ad AFTER DELETE ON calls WHEN old.fts = 1 BEGIN
  INSERT INTO calls_fts (calls_fts, rowid, ${ftsColumns}) VALUES ('delete', old.seq, old.arguments, old.result_preview, old.error);
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
  fts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS calls_started ON calls (started_at);
CREATE INDEX IF NOT EXISTS calls_server ON calls (server, started_at);
CREATE INDEX IF NOT EXISTS calls_name ON calls (name, started_at);
CREATE INDEX IF NOT EXISTS calls_status ON calls (status, started_at);
CREATE INDEX IF NOT EXISTS calls_rev ON calls (rev);
CREATE INDEX IF NOT EXISTS calls_unindexed ON calls (seq) WHERE fts = 0;
CREATE VIRTUAL TABLE IF NOT EXISTS calls_fts USING fts5 (${ftsColumns}, content = 'calls', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
${deleteFtsTrigger}
CREATE TRIGGER IF NOT EXISTS calls_au AFTER UPDATE OF arguments, result_preview, error ON calls WHEN old.fts = 1 BEGIN
  INSERT INTO calls_fts (calls_fts, rowid, ${ftsColumns}) VALUES ('delete', old.seq, old.arguments, old.result_preview, old.error);
  UPDATE calls SET fts = 0 WHERE seq = new.seq;
END;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('rev', 0);
`;

/** Insert a call that was never written (about a third cheaper than the upsert, which first looks for the id). */
export const insertSql = `INSERT INTO calls (id, trace_id, started_at, ended_at, duration_ms, client_name, client_version, session_id, server,
  method, name, arguments, status, error, result_is_error, result_types, result_size, result_preview, rev)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Insert a call, or bring an existing row (same id) to the record's latest state. */
export const upsertSql = `${insertSql}
ON CONFLICT (id) DO UPDATE SET ended_at = excluded.ended_at, duration_ms = excluded.duration_ms, status = excluded.status,
  error = excluded.error, result_is_error = excluded.result_is_error, result_types = excluded.result_types,
  result_size = excluded.result_size, result_preview = excluded.result_preview, rev = excluded.rev`;

/** Rows of finished calls not yet in the full-text index, oldest first (the partial index calls_unindexed). */
export const unindexedSql = `SELECT seq, arguments, result_preview, error FROM calls WHERE fts = 0 AND status <> 'running' ORDER BY seq LIMIT ?`;
export const ftsInsertSql = `INSERT INTO calls_fts (rowid, ${ftsColumns}) VALUES (?, ?, ?, ?)`;
export const markIndexedSql = `UPDATE calls SET fts = 1 WHERE seq = ?`;

export const selectColumns = `seq, id, trace_id, started_at, ended_at, duration_ms, client_name, client_version, session_id, server, method,
  name, arguments, status, error, result_is_error, result_types, result_size, result_preview, rev`;

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
    rev,
  ];
}

/** A row back into a record, its text fields through `redact` again. */
export function rowToRecord(row: CallRow, redact: (text: string) => string): CallRecord {
  const client: CallClient = { sessionId: row.session_id };
  if (row.client_name !== null) client.name = row.client_name;
  if (row.client_version !== null) client.version = row.client_version;
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
