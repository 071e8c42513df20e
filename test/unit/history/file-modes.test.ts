import { chmodSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger, openStore, tempDir } from './support.js';

/**
 * Issue #14: a call's arguments and results reach the WAL before the database, so the database, its WAL and
 * its shared-memory file are all readable by their owner only; an older file with a wider mode is fixed at
 * open, with a log line.
 */
describe.skipIf(process.platform === 'win32')('history file modes', () => {
  let dir: string;
  let cleanup: () => void;
  let file: string;
  let umask: number;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    file = path.join(dir, 'history.db');
    // The usual umask of a desktop session: files SQLite creates on its own would be 0644.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    cleanup();
  });

  const modeOf = (each: string) => (statSync(each).mode & 0o777).toString(8);

  it('creates the database, its WAL and its SHM file 0600', async () => {
    const store = openStore(file, { reader: 'inline' });
    try {
      store.end(store.begin({ client: { sessionId: 's' }, server: 'a', method: 'tools/call', name: 'x', arguments: { secret: 'in the WAL' } }).id, {
        status: 'ok',
      });
      store.flush();
      expect((await store.query()).records).toHaveLength(1);
      for (const each of [file, `${file}-wal`, `${file}-shm`]) {
        expect(existsSync(each), each).toBe(true);
        expect(modeOf(each), each).toBe('600');
      }
    } finally {
      store.close();
    }
  });

  it('narrows an existing database and its WAL and SHM files to 0600 at open, and says so', () => {
    // A file left by an earlier version: its WAL kept (the process was killed), all three world-readable.
    const first = openStore(file);
    first.end(first.begin({ client: { sessionId: 's' }, server: 'a', method: 'tools/call', name: 'x' }).id, { status: 'ok' });
    first.flush();
    for (const each of [file, `${file}-wal`, `${file}-shm`]) chmodSync(each, 0o644);
    const logger = memoryLogger();
    const second = openStore(file, { logger });
    try {
      for (const each of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(each), each).toBe('600');
      expect(logger.lines).toContain(`info: history: ${file} was readable by other users (mode 0644); set it to 0600`);
      expect(logger.lines).toContain(`info: history: ${file}-wal was readable by other users (mode 0644); set it to 0600`);
    } finally {
      second.close();
      first.close();
    }
  });
});
