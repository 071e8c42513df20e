import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../electron/history/history-store.js';
import { schemaVersion } from '../../../electron/history/schema.js';
import { finished, memoryLogger, storesPerTest } from './support.js';

/**
 * Schema 2: the full-text index described by a watermark and a pending list instead of a flag on every row,
 * followers served from the revs table instead of an index on rev, a partial index on the statuses other
 * than ok; and the move of a schema 1 file to it.
 */
describe('history schema 2', () => {
  const database = storesPerTest();
  const open = database.open;

  const search = async (store: HistoryStore, text: string) => (await store.query({ text, limit: 1000 })).records.map((record) => record.id).sort();

  it('moves a schema 1 file at open: indexed rows stay indexed, the others are searched and indexed later, followers carry on', async () => {
    writeSchema1File(database.file);
    const logger = memoryLogger();
    const store = open({ logger });
    expect(logger.lines.some((line) => line.includes(`moved to schema ${schemaVersion}`))).toBe(true);
    // The running call a previous run left behind was closed at open (its row is pending, not indexed).
    expect((await store.query({ limit: 10 })).records.map((record) => [record.id, record.status])).toEqual([
      ['v1-run', 'cancelled'],
      ['v1-new2', 'ok'],
      ['v1-new1', 'ok'],
      ['v1-old3', 'ok'],
      ['v1-old2', 'ok'],
      ['v1-old1', 'ok'],
    ]);
    const before = { indexed: await search(store, 'walrus'), unindexed: await search(store, 'narwhal'), running: await search(store, 'manatee') };
    expect(before).toEqual({ indexed: ['v1-old1', 'v1-old2', 'v1-old3'], unindexed: ['v1-new1', 'v1-new2'], running: ['v1-run'] });
    expect(store.indexPending()).toBe(3);
    expect({ indexed: await search(store, 'walrus'), unindexed: await search(store, 'narwhal'), running: await search(store, 'manatee') }).toEqual(before);
    expect(ftsIntegrity(database.file)).toBe('ok');

    const db = new Database(database.file, { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion);
      const indexes = db
        .prepare<[], { name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
        .all();
      expect(indexes.map((index) => index.name)).toEqual(['calls_name', 'calls_server', 'calls_started', 'calls_status']);
      expect(indexes.find((index) => index.name === 'calls_status')?.sql).toMatch(/WHERE status <> 'ok'/);
    } finally {
      db.close();
    }
    // A follower at rev 8 (the open's closing of the interrupted call) gets the batch since; one at rev 0 every row.
    const next = store.begin({ client: { sessionId: 's' }, server: 'alpha', method: 'tools/call', name: 'echo', arguments: { q: 'dugong' } });
    store.flush();
    expect((await store.changedSince(8)).records.map((record) => record.id)).toEqual([next.id]);
    expect((await store.changedSince(0)).records).toHaveLength(7);
  });

  it('the indexer passes a running call, keeps it pending, and indexes it once it ends', async () => {
    const store = open();
    const running = store.begin({ client: { sessionId: 's' }, server: 'alpha', method: 'tools/call', name: 'slow', arguments: { q: 'pelican' } });
    store.flush();
    store.insertMany([finished({ id: 'after-1', arguments: '{"q":"pelican"}' }), finished({ id: 'after-2' })]);
    expect(store.indexPending()).toBe(3); // two indexed, the running one listed as pending
    expect(await search(store, 'pelican')).toEqual(['after-1', running.id].sort());
    store.end(running.id, { status: 'ok', result: { content: [{ type: 'text', text: 'heron found' }] } });
    store.flush();
    expect(await search(store, 'heron')).toEqual([running.id]);
    expect(store.indexPending()).toBe(1);
    expect(store.indexPending()).toBe(0);
    expect(await search(store, 'heron')).toEqual([running.id]);
    expect(await search(store, 'pelican')).toEqual(['after-1', running.id].sort());
    expect(ftsIntegrity(database.file)).toBe('ok');
  });

  it('a search still finds calls among hundreds of pending rows', async () => {
    const store = open();
    const running = Array.from({ length: 250 }, (_, n) =>
      store.begin({ client: { sessionId: 's' }, server: 'alpha', method: 'tools/call', name: 'slow', arguments: { q: `stork${n % 2 ? 'odd' : 'even'}` } }),
    );
    store.flush();
    expect(store.indexPending(1000)).toBe(250); // all listed as pending
    expect((await store.query({ text: 'storkodd', limit: 1000 })).records).toHaveLength(125);
    store.end(running[1]!.id, { status: 'ok', result: { content: [{ type: 'text', text: 'ibis' }] } });
    store.flush();
    expect(await search(store, 'ibis')).toEqual([running[1]!.id]);
    expect(store.indexPending(1000)).toBe(1);
    expect(await search(store, 'ibis')).toEqual([running[1]!.id]);
    expect((await store.query({ text: 'storkodd', limit: 1000 })).records).toHaveLength(125);
  });

  it('deleting the newest rows lowers the watermark, so a seq SQLite hands out again is searched and indexed', async () => {
    const store = open({ maxRows: 1 });
    const t = Date.now() - 60_000;
    // The row with the highest seq has the oldest start: pruning by count deletes it first.
    store.insertMany([finished({ id: 'kept', startedAt: t + 10, arguments: '{"q":"otter"}' })]);
    store.insertMany([finished({ id: 'old-import', startedAt: t, arguments: '{"q":"beaver"}' })]);
    expect(store.indexPending()).toBe(2);
    expect(store.prune().byCount).toBe(1);
    expect(await search(store, 'beaver')).toEqual([]);
    store.insertMany([finished({ id: 'reuses-seq', startedAt: t + 20, arguments: '{"q":"muskrat"}' })]);
    const db = new Database(database.file, { readonly: true });
    try {
      expect(db.prepare(`SELECT count(*) AS n FROM calls WHERE id = 'reuses-seq' AND seq = 2`).get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    expect(await search(store, 'muskrat')).toEqual(['reuses-seq']);
    expect(store.indexPending()).toBe(1);
    expect(await search(store, 'muskrat')).toEqual(['reuses-seq']);
    expect(ftsIntegrity(database.file)).toBe('ok');
  });

  it('a follower is served from the lowest seq the batches since wrote, and from every row when the revs table no longer covers them', async () => {
    const store = open();
    const long = store.begin({ client: { sessionId: 's' }, server: 'alpha', method: 'tools/call', name: 'long' });
    store.flush();
    for (let batch = 0; batch < 30; batch++) {
      for (let n = 0; n < 5; n++)
        store.end(store.begin({ client: { sessionId: 's' }, server: 'alpha', method: 'tools/call', name: 'short' }).id, { status: 'ok' });
      store.flush();
    }
    const { rev } = await store.query();
    store.end(long.id, { status: 'tool_error' });
    store.flush();
    const changes = await store.changedSince(rev);
    expect(changes.records.map((record) => [record.id, record.status])).toEqual([[long.id, 'tool_error']]);
    expect((await store.changedSince(changes.rev)).records).toEqual([]);
    expect((await store.changedSince(rev - 1)).records).toHaveLength(6);
    // Batches before the oldest kept one: every row is read, the answer is the same.
    const db = new Database(database.file);
    try {
      db.prepare('DELETE FROM revs WHERE rev <= ?').run(rev - 1);
    } finally {
      db.close();
    }
    expect((await store.changedSince(rev - 1)).records).toHaveLength(6);
    await store.clear();
    const cleared = await store.changedSince(changes.rev);
    expect(cleared.records).toEqual([]);
    expect(cleared.rev).toBeGreaterThan(changes.rev);
  });

  it('filters on statuses other than ok use the partial index', async () => {
    const store = open();
    store.insertMany([finished({ id: 'fine' }), finished({ id: 'broken', status: 'tool_error' }), finished({ id: 'late', status: 'timeout' })]);
    expect((await store.query({ status: 'error' })).records.map((record) => record.id).sort()).toEqual(['broken', 'late']);
    expect((await store.query({ status: 'ok' })).records.map((record) => record.id)).toEqual(['fine']);
    const db = new Database(database.file, { readonly: true });
    try {
      const plan = db
        .prepare<[], { detail: string }>(
          `EXPLAIN QUERY PLAN SELECT seq FROM calls WHERE status IN ('tool_error', 'timeout') AND status <> 'ok' ORDER BY started_at DESC LIMIT 5`,
        )
        .all();
      expect(plan.map((step) => step.detail).join('\n')).toMatch(/calls_status/);
    } finally {
      db.close();
    }
  });
});

/** FTS5's own check that the index matches the content table exactly (rank 1: compare with the content). */
function ftsIntegrity(file: string): string {
  const db = new Database(file);
  try {
    db.prepare(`INSERT INTO calls_fts (calls_fts, rank) VALUES ('integrity-check', 1)`).run();
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  } finally {
    db.close();
  }
}

/**
 * A file as schema 1 left it: three rows indexed (flag set), two not yet, one call still running, rev 7.
 * The SQL is schema 1's, as it shipped.
 */
function writeSchema1File(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(`
CREATE TABLE calls (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, trace_id TEXT NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER,
  duration_ms REAL, client_name TEXT, client_version TEXT, session_id TEXT NOT NULL, server TEXT NOT NULL, method TEXT NOT NULL,
  name TEXT NOT NULL, arguments TEXT NOT NULL, status TEXT NOT NULL, error TEXT, result_is_error INTEGER, result_types TEXT,
  result_size INTEGER, result_preview TEXT, rev INTEGER NOT NULL, fts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX calls_started ON calls (started_at);
CREATE INDEX calls_server ON calls (server, started_at);
CREATE INDEX calls_name ON calls (name, started_at);
CREATE INDEX calls_status ON calls (status, started_at);
CREATE INDEX calls_rev ON calls (rev);
CREATE INDEX calls_unindexed ON calls (seq) WHERE fts = 0;
CREATE VIRTUAL TABLE calls_fts USING fts5 (arguments, result_preview, error, content = 'calls', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER calls_ad AFTER DELETE ON calls WHEN old.fts = 1 BEGIN
  INSERT INTO calls_fts (calls_fts, rowid, arguments, result_preview, error) VALUES ('delete', old.seq, old.arguments, old.result_preview, old.error);
END;
CREATE TRIGGER calls_au AFTER UPDATE OF arguments, result_preview, error ON calls WHEN old.fts = 1 BEGIN
  INSERT INTO calls_fts (calls_fts, rowid, arguments, result_preview, error) VALUES ('delete', old.seq, old.arguments, old.result_preview, old.error);
  UPDATE calls SET fts = 0 WHERE seq = new.seq;
END;
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO meta (key, value) VALUES ('rev', 7), ('clean', 1);
`);
    const insert =
      db.prepare(`INSERT INTO calls (id, trace_id, started_at, ended_at, duration_ms, session_id, server, method, name, arguments, status, result_is_error, result_types, result_size, result_preview, rev, fts)
      VALUES (?, ?, ?, ?, 1, 's', 'alpha', 'tools/call', 'echo', ?, ?, 0, '["text"]', 10, ?, ?, ?)`);
    const t = Date.now() - 60_000;
    const rows: Array<[string, string, string, number]> = [
      ['v1-old1', '{"q":"walrus"}', 'ok', 1],
      ['v1-old2', '{"q":"walrus"}', 'ok', 1],
      ['v1-old3', '{"q":"walrus"}', 'ok', 1],
      ['v1-new1', '{"q":"narwhal"}', 'ok', 0],
      ['v1-new2', '{"q":"narwhal"}', 'ok', 0],
      ['v1-run', '{"q":"manatee"}', 'running', 0],
    ];
    rows.forEach(([id, args, status, fts], i) =>
      insert.run(id, `${i}`.padStart(32, '0'), t + i, status === 'running' ? null : t + i + 1, args, status, `result ${id}`, 1 + Math.floor(i / 2), fts),
    );
    const index = db.prepare(
      `INSERT INTO calls_fts (rowid, arguments, result_preview, error) SELECT seq, arguments, result_preview, error FROM calls WHERE fts = 1`,
    );
    index.run();
    db.pragma('user_version = 1');
  } finally {
    db.close();
  }
}
