import type Database from 'better-sqlite3';
import { insertSql, recordRevSql, upsertSql } from './schema.js';

/**
 * Writes one batch of rows (rowParams order, the rev placeholder last; any iterable, so that an import
 * streams) in one IMMEDIATE transaction and returns the batch's rev, which it writes into each row's last
 * place. `fresh[i]` says row i was never handed to a writer before: a plain insert, about a third cheaper than
 * the upsert, which first looks for the id. (Should an insert ever meet its id, the batch fails and is written
 * again with upserts only.) Records the lowest seq it wrote in `revs`, for followers. Used by the writer
 * thread and by the store's inline fallback.
 */
export type BatchWriter = (rows: Iterable<unknown[]>, fresh?: readonly boolean[]) => number;

export function prepareBatchWriter(db: Database.Database): BatchWriter {
  const insert = db.prepare(insertSql);
  const upsert = db.prepare<unknown[], { seq: number }>(upsertSql);
  const nextRev = db.prepare<[], { value: number }>(`UPDATE meta SET value = value + 1 WHERE key = 'rev' RETURNING value`);
  const recordRev = db.prepare(recordRevSql);
  const write = db.transaction((rows: Iterable<unknown[]>, fresh: readonly boolean[] | undefined) => {
    const rev = nextRev.get()!.value;
    let minSeq = Number.POSITIVE_INFINITY;
    let i = 0;
    for (const params of rows) {
      // The last parameter of each row is its rev, known only inside the transaction.
      params[params.length - 1] = rev;
      const seq = fresh?.[i++] ? Number(insert.run(...params).lastInsertRowid) : upsert.get(...params)!.seq;
      if (seq < minSeq) minSeq = seq;
    }
    recordRev.run(rev, Number.isFinite(minSeq) ? minSeq : null);
    return rev;
  });
  return (rows, fresh) => write.immediate(rows, fresh);
}
