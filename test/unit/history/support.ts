import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach } from 'vitest';
import type { CallRecord } from '../../../electron/history/call-record.js';
import { HistoryStore, type HistoryStoreOptions } from '../../../electron/history/history-store.js';
import type { Logger } from '../../../electron/core/logger.js';

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-history-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A logger that keeps its lines, for asserting on messages. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A store with timers that never fire on their own in a test (flush, prune and index are called explicitly). */
export function openStore(file: string, options: Partial<HistoryStoreOptions> = {}): HistoryStore {
  return HistoryStore.open({
    file,
    redact: (text) => text,
    flushIntervalMs: 60_000,
    pruneIntervalMs: 0,
    indexIdleMs: 60_000,
    logger: memoryLogger(),
    ...options,
  });
}

/**
 * A fresh database file for each test of the describe block it is called in, and `open` for stores on it
 * (with openStore's quiet timers); every store opened is closed, and the folder removed, after each test.
 */
export function storesPerTest(): { readonly file: string; open(options?: Partial<HistoryStoreOptions>): HistoryStore } {
  let temp: ReturnType<typeof tempDir>;
  let file = '';
  const stores: HistoryStore[] = [];
  beforeEach(() => {
    temp = tempDir();
    file = path.join(temp.dir, 'history.db');
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    temp.cleanup();
  });
  return {
    get file() {
      return file;
    },
    open(options = {}) {
      const store = openStore(file, options);
      stores.push(store);
      return store;
    },
  };
}

let counter = 0;
/** A finished call record for insertMany, with whatever fields the test cares about. */
export function finished(fields: Partial<CallRecord> = {}): CallRecord {
  counter += 1;
  const startedAt = fields.startedAt ?? Date.now();
  return {
    id: `rec-${counter}`,
    traceId: counter.toString(16).padStart(32, '0'),
    startedAt,
    endedAt: startedAt + (fields.durationMs ?? 5),
    durationMs: 5,
    client: { name: 'test-client', version: '1.0', sessionId: 'session-1' },
    server: 'alpha',
    method: 'tools/call',
    name: 'echo',
    arguments: '{"message":"hello"}',
    status: 'ok',
    result: { isError: false, contentTypes: ['text'], sizeBytes: 40, preview: 'Echo: hello' },
    ...fields,
  };
}

/** Rows in the file as another process sees them (a separate read-only connection). */
export function rowsOnDisk(file: string): Array<{ id: string; status: string }> {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT id, status FROM calls ORDER BY seq').all() as Array<{ id: string; status: string }>;
  } finally {
    db.close();
  }
}
