import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { ftsInsertSql, insertSql, markIndexedSql, unindexedSql, upsertSql } from './schema.js';
import type { WriterReply, WriterRequest, WriterStartup } from './history-writer.js';

/**
 * The history's writer thread: its own connection to the database (WAL lets the gateway's connection read and
 * prune meanwhile) and one transaction per batch, so SQLite's work never runs on the gateway's event loop.
 * After each batch it bumps the shared counter, which a reader on the main thread may be waiting on.
 */
const { file, progress } = workerData as WriterStartup;
const done = new Int32Array(progress);
const db = new Database(file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
// Bigger than the default 2 MB: a batch touches the table and six indexes, and the pages it needs stay cached.
db.pragma('cache_size = -16384');
const insert = db.prepare(insertSql);
const upsert = db.prepare(upsertSql);
const nextRev = db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'rev' RETURNING value`);
// A row never written before is inserted; a call whose running row an earlier batch wrote is upserted. (Should
// an insert ever meet its id, the batch fails and the main thread writes it again, with upserts only.)
const write = db.transaction((rows: unknown[][], fresh: boolean[]) => {
  const rev = (nextRev.get() as { value: number }).value;
  // The last parameter of each row is its rev, known only inside the transaction.
  for (let i = 0; i < rows.length; i++) (fresh[i] ? insert : upsert).run(...rows[i]!.slice(0, -1), rev);
  return rev;
});

// Full-text indexing is SQLite work too (several times a row's insert): it runs here, between batches.
// Both transactions are IMMEDIATE: one that reads first and writes later fails at once (SQLITE_BUSY, no
// waiting) when another connection (a second gateway on the same home) committed in between.
const unindexed = db.prepare<[number], { seq: number; arguments: string; result_preview: string | null; error: string | null }>(unindexedSql);
const ftsInsert = db.prepare(ftsInsertSql);
const markIndexed = db.prepare(markIndexedSql);
const index = db.transaction((limit: number) => {
  const rows = unindexed.all(limit);
  for (const row of rows) {
    ftsInsert.run(row.seq, row.arguments, row.result_preview, row.error);
    markIndexed.run(row.seq);
  }
  return rows.length;
});

parentPort!.on('message', (request: WriterRequest) => {
  if (request.type === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  const t0 = performance.now();
  let reply: WriterReply;
  try {
    reply = request.type === 'write' ? { type: 'written', seq: request.seq, rev: write.immediate(request.rows, request.fresh), ms: performance.now() - t0 } : { type: 'indexed', seq: request.seq, rows: index.immediate(request.limit) };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    reply = { type: 'failed', seq: request.seq, message: error instanceof Error ? error.message : String(error), code, during: request.type };
  }
  Atomics.store(done, 0, request.seq);
  Atomics.notify(done, 0);
  parentPort!.postMessage(reply);
});
