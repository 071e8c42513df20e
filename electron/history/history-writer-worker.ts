import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { upsertSql } from './schema.js';
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
const upsert = db.prepare(upsertSql);
const nextRev = db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'rev' RETURNING value`);
const write = db.transaction((rows: unknown[][]) => {
  const rev = (nextRev.get() as { value: number }).value;
  // The last parameter of each row is its rev, known only inside the transaction.
  for (const row of rows) upsert.run(...row.slice(0, -1), rev);
  return rev;
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
    const rev = write(request.rows);
    reply = { type: 'written', seq: request.seq, rev, ms: performance.now() - t0 };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    reply = { type: 'failed', seq: request.seq, message: error instanceof Error ? error.message : String(error), code };
  }
  Atomics.store(done, 0, request.seq);
  Atomics.notify(done, 0);
  parentPort!.postMessage(reply);
});
