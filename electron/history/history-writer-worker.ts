import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { prepareBatchWriter } from './batch-writer.js';
import { prepareFullTextIndexer } from './full-text-indexer.js';
import type { WriterReply, WriterRequest, WriterStartup } from './history-writer.js';

/**
 * The history's writer thread: its own connection to the database (WAL lets the gateway's connection read and
 * prune meanwhile) and one transaction per batch, so SQLite's work never runs on the gateway's event loop.
 * Full-text indexing is SQLite work too (several times a row's insert): it runs here, between batches.
 * After each request it bumps the shared counter, which a reader on the main thread may be waiting on.
 */
const { file, progress } = workerData as WriterStartup;
const done = new Int32Array(progress);
// The gateway's connection created the file; never create one here (the home may be going away).
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
// Bigger than the default 2 MB: a batch touches the table and its indexes, and the pages it needs stay cached.
db.pragma('cache_size = -16384');
const write = prepareBatchWriter(db);
const index = prepareFullTextIndexer(db);

parentPort!.on('message', (request: WriterRequest) => {
  if (request.type === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  const t0 = performance.now();
  let reply: WriterReply;
  try {
    reply =
      request.type === 'write'
        ? { type: 'written', seq: request.seq, rev: write(request.rows, request.fresh), ms: performance.now() - t0 }
        : { type: 'indexed', seq: request.seq, rows: index(request.limit) };
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    reply = { type: 'failed', seq: request.seq, message: error instanceof Error ? error.message : String(error), code, during: request.type };
  }
  Atomics.store(done, 0, request.seq);
  Atomics.notify(done, 0);
  parentPort!.postMessage(reply);
});
