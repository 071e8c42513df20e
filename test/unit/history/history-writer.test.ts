import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { FlushEvent, HistoryStore, HistoryStoreOptions } from '../../../electron/history/history-store.js';
import { unindexedCondition } from '../../../electron/history/schema.js';
import { memoryLogger, openStore, tempDir } from './support.js';

/** The writer thread: the store's behaviour must not change, only where SQLite runs. */
describe('history written by the writer thread', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  function threadStore(options: Partial<HistoryStoreOptions> = {}): { store: HistoryStore; file: string } {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, 'history.db');
    const store = openStore(file, { writer: 'thread', flushIntervalMs: 5, ...options });
    cleanups.push(cleanup, () => store.close());
    expect(store.writesOn, 'the compiled writer thread is missing: run `npm run build:node` first').toBe('thread');
    return { store, file };
  }

  it('makes every ended call visible to the next query, and reports each batch with its rev', async () => {
    const { store } = threadStore();
    const flushes: FlushEvent[] = [];
    store.on('flush', (event) => flushes.push(event));
    for (let n = 0; n < 300; n++) {
      const record = store.begin({ client: { sessionId: 's' }, server: 'alpha', method: 'tools/call', name: 'echo', arguments: { n } });
      if (n % 2 === 0) store.end(record.id, { status: 'ok', result: { content: [{ type: 'text', text: `done ${n}` }] } });
    }
    // No waiting: a query settles what is pending and what the thread is still writing.
    const page = await store.query({ limit: 1000 });
    expect(page.records).toHaveLength(300);
    expect(page.records.filter((record) => record.status === 'ok')).toHaveLength(150);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(flushes.length).toBeGreaterThan(0);
    expect(flushes.reduce((sum, event) => sum + event.records, 0)).toBe(300);
    expect(await store.currentRev()).toBe(Math.max(...flushes.map((event) => event.rev)));
  });

  it('coalesces a call that ends after its start was written into the same row', async () => {
    const { store } = threadStore();
    const record = store.begin({ client: { sessionId: 's' }, server: 'alpha', method: 'tools/call', name: 'slow' });
    expect((await store.query({})).records[0]?.status).toBe('running');
    store.end(record.id, { status: 'tool_error', result: { content: [{ type: 'text', text: 'no' }], isError: true } });
    const after = await store.query({});
    expect(after.records).toHaveLength(1);
    expect(after.records[0]).toMatchObject({ id: record.id, status: 'tool_error' });
  });

  it('fills the full-text index on the thread once the store is quiet', async () => {
    const { store, file } = threadStore({ indexIdleMs: 20 });
    for (let n = 0; n < 40; n++)
      store.end(store.begin({ client: { sessionId: 's' }, server: 'a', method: 'tools/call', name: 'x', arguments: { word: `needle${n}` } }).id, {
        status: 'ok',
      });
    await store.flushed();
    const unindexed = () => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare(`SELECT count(*) AS n FROM calls WHERE ${unindexedCondition}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const deadline = Date.now() + 5000;
    while (unindexed() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unindexed()).toBe(0);
    expect((await store.query({ text: 'needle7' })).records).toHaveLength(1);
  });

  it('shares one database with a second gateway on the same home: both write and index, neither finds it locked', async () => {
    const { store: first, file } = threadStore({ indexIdleMs: 1, indexMaxLagMs: 5 });
    const logger = memoryLogger();
    const second = openStore(file, { writer: 'thread', flushIntervalMs: 5, indexIdleMs: 1, indexMaxLagMs: 5, logger });
    cleanups.push(() => second.close());
    for (let burst = 0; burst < 20; burst++) {
      for (const [store, name] of [
        [first, 'a'],
        [second, 'b'],
      ] as const) {
        for (let n = 0; n < 15; n++)
          store.end(store.begin({ client: { sessionId: name }, server: name, method: 'tools/call', name: 'x', arguments: { word: `w${burst}-${n}` } }).id, {
            status: 'ok',
          });
      }
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await first.flushed();
    await second.flushed();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await first.query({ limit: 1000 })).records).toHaveLength(600);
    expect(logger.lines.filter((line) => /locked|failed/.test(line))).toEqual([]);
    const db = new Database(file, { readonly: true });
    try {
      expect((db.prepare(`SELECT count(*) AS n FROM calls WHERE ${unindexedCondition}`).get() as { n: number }).n).toBe(0);
    } finally {
      db.close();
    }
  });

  it('clears everything, including what the thread was writing, and keeps every record across close and reopen', async () => {
    const { store, file } = threadStore();
    for (let n = 0; n < 50; n++) store.end(store.begin({ client: { sessionId: 's' }, server: 'a', method: 'tools/call', name: 'x' }).id, { status: 'ok' });
    store.flush();
    await store.clear();
    expect((await store.query({})).records).toHaveLength(0);
    for (let n = 0; n < 20; n++) store.end(store.begin({ client: { sessionId: 's' }, server: 'a', method: 'tools/call', name: 'y' }).id, { status: 'ok' });
    store.close();
    const reopened = openStore(file, { logger: memoryLogger() });
    try {
      expect((await reopened.query({ limit: 100 })).records.map((record) => record.name)).toEqual(Array(20).fill('y'));
    } finally {
      reopened.close();
    }
  });

  // Found by the desktop shell's Quit test under load: the home was removed after close and an empty history.db
  // (mode 0644) came back in it, written by the writer thread that was still starting.
  it('touches nothing once close has resolved: emptying the folder right after leaves no file behind', async () => {
    for (let round = 0; round < 3; round++) {
      const { dir, cleanup } = tempDir();
      cleanups.push(cleanup);
      const store = openStore(path.join(dir, 'history.db'), { writer: 'thread', flushIntervalMs: 5 });
      await store.close(); // at once: the threads have not finished starting
      for (const name of readdirSync(dir)) rmSync(path.join(dir, name), { force: true });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  // Found by `switchyard tools call` run in-process: it printed nothing and exited 0, because the process
  // awaited the close of a thread that was not holding it open, and Node ended with the await pending.
  it('keeps a process that awaits close alive until close has resolved', () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const store = path.resolve(import.meta.dirname, '../../../dist/node/electron/history/history-store.js');
    const script = `
      const { HistoryStore } = await import(${JSON.stringify(store)});
      const history = HistoryStore.open({ file: ${JSON.stringify(path.join(dir, 'history.db'))}, redact: (text) => text, writer: 'thread', logger: { debug() {}, info() {}, warn() {}, error() {} } });
      if (history.writesOn !== 'thread') throw new Error('the compiled writer thread is missing: run npm run build:node');
      await history.query({});
      await history.close();
      process.stdout.write('after close');`;
    writeFileSync(path.join(dir, 'close.mjs'), script);
    expect(execFileSync(process.execPath, [path.join(dir, 'close.mjs')], { encoding: 'utf8', timeout: 30_000 })).toBe('after close');
  });
});
