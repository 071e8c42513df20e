import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { openReadOnlyDatabase } from './history-database.js';
import { answerRead } from './history-queries.js';
import { serializeReadError, type ReaderMessage, type ReaderReply, type ReaderStartup } from './read-protocol.js';

/**
 * The history's reader thread: its own read-only connection (WAL lets it read while the writer commits), so
 * that a heavy query (free text over a million rows, stats over all of them) never runs on the thread that
 * relays calls. Answers one request at a time, in order.
 */
const { file } = workerData as ReaderStartup;
let connection: { db: Database.Database; schema: number } | undefined;

function close(): void {
  connection?.db.close();
  connection = undefined;
}

parentPort!.on('message', (message: ReaderMessage) => {
  if (message.type === 'close') {
    close();
    parentPort!.close();
    return;
  }
  if (message.type === 'reopen') return close(); // the file was replaced: the next read opens the new one
  let reply: ReaderReply;
  try {
    connection ??= openReadOnlyDatabase(file);
    reply = { id: message.id, ok: true, result: answerRead(connection.db, connection.schema, message.request) };
  } catch (error) {
    reply = { id: message.id, ok: false, error: serializeReadError(error) };
  }
  parentPort!.postMessage(reply);
});
