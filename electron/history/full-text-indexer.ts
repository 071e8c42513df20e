import type Database from 'better-sqlite3';
import { addPendingSql, finishedPendingSql, ftsInsertSql, ftsMarkSql, pastMarkSql, removePendingSql, setFtsMarkSql } from './schema.js';

/** Adds up to `limit` rows to the full-text index in one IMMEDIATE transaction; returns how many rows it took. */
export type FullTextIndexer = (limit: number) => number;

/**
 * The background indexer's step (see schema.ts for the watermark): first the rows past the mark, oldest first,
 * each indexed, or listed as pending while its call still runs; the mark moves past them. Then pending rows
 * whose calls have ended. IMMEDIATE: a transaction that reads first and writes later fails at once
 * (SQLITE_BUSY, no waiting) when another connection (a second gateway on the same home) committed in between.
 */
export function prepareFullTextIndexer(db: Database.Database): FullTextIndexer {
  type Row = { seq: number; arguments: string; result_preview: string | null; error: string | null };
  const mark = db.prepare<[], { value: number }>(ftsMarkSql);
  const setMark = db.prepare(setFtsMarkSql);
  const pastMark = db.prepare<[number, number], Row & { status: string }>(pastMarkSql);
  const addPending = db.prepare(addPendingSql);
  const finishedPending = db.prepare<[number], Row>(finishedPendingSql);
  const removePending = db.prepare(removePendingSql);
  const ftsInsert = db.prepare(ftsInsertSql);
  const index = db.transaction((limit: number) => {
    const rows = pastMark.all(mark.get()?.value ?? 0, limit);
    for (const row of rows) {
      if (row.status === 'running') addPending.run(row.seq);
      else ftsInsert.run(row.seq, row.arguments, row.result_preview, row.error);
    }
    if (rows.length > 0) setMark.run(rows.at(-1)!.seq);
    const ended = rows.length < limit ? finishedPending.all(limit - rows.length) : [];
    for (const row of ended) {
      ftsInsert.run(row.seq, row.arguments, row.result_preview, row.error);
      removePending.run(row.seq);
    }
    return rows.length + ended.length;
  });
  return (limit) => index.immediate(limit);
}
