import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SwitchyardError } from '../../shared/errors.js';
import type { Logger } from '../core/logger.js';
import { migrateFrom1Sql, migrateFrom2Sql, schemaSql, schemaVersion } from './schema.js';
import { historyMatch } from './text-search.js';

/**
 * Opening the history's SQLite file: the writable connection (schema, migration, integrity check, WAL), the
 * read-only ones (readers in a thread or another process), the owner-only file modes of the database and its
 * WAL and shared-memory files, and moving a corrupt file aside.
 */

export type IntegrityCheck = 'auto' | 'always' | 'never';

export interface RecoveredDatabase {
  movedTo: string;
  reason: string;
}

/** The database, its write-ahead log and its shared-memory index: the three files a record can be read from. */
export function databaseFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`];
}

/**
 * Makes the database and its WAL/SHM files readable and writable by their owner only (0600): a call's
 * arguments and results are in the WAL before they reach the database. A file found with a wider mode is
 * narrowed, with a log line saying so. Creates the database file (empty, which SQLite takes as a new
 * database) with that mode when it does not exist, so that SQLite creates its WAL and SHM files with it too.
 */
export function secureFileModes(file: string, logger: Logger): void {
  if (process.platform === 'win32') return;
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const each of databaseFiles(file)) {
    let mode: number;
    try {
      mode = statSync(each).mode & 0o777;
    } catch {
      continue; // no WAL or SHM yet
    }
    if (mode === 0o600) continue;
    chmodSync(each, 0o600);
    if (mode & 0o077) logger.info(`history: ${each} was readable by other users (mode ${mode.toString(8).padStart(4, '0')}); set it to 0600`);
  }
}

/**
 * The gateway's connection: WAL, schema created or migrated, marked "not closed cleanly" until close. Throws
 * SQLite's error for a corrupt file (see isCorruption): the caller moves it aside and opens again.
 */
export function openWritableDatabase(file: string, options: { integrityCheck: IntegrityCheck; logger: Logger }): Database.Database {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  secureFileModes(file, options.logger);
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 250');
    // The first read of the header: a file that is not a database fails here (SQLITE_NOTADB).
    const fresh = (db.prepare(`SELECT count(*) AS n FROM sqlite_master`).get() as { n: number }).n === 0;
    if (fresh) db.pragma('auto_vacuum = INCREMENTAL'); // only possible before the first table
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('temp_store = MEMORY');
    db.pragma('journal_size_limit = 67108864');
    let from = schemaVersion;
    if (!fresh) {
      if (shouldCheckIntegrity(db, file, options.integrityCheck)) {
        const check = db.pragma('quick_check(1)', { simple: true });
        if (check !== 'ok') throw new CorruptDatabaseError(String(check));
      }
      from = checkSchemaVersion(db, file);
    }
    const migrate = from > 0 && from < schemaVersion;
    // One transaction: the file is at one schema or the other, whatever stops the process.
    db.transaction(() => {
      if (migrate && from < 2) db.exec(migrateFrom1Sql);
      if (migrate && from < 3) db.exec(migrateFrom2Sql);
      db.exec(schemaSql);
      db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('clean', 0)`).run();
      db.pragma(`user_version = ${schemaVersion}`);
    })();
    if (migrate)
      options.logger.info(`history: ${file} moved to schema ${schemaVersion} from schema ${from} (fewer indexes per call; each call records its profile)`);
    db.function('history_match', { deterministic: true, varargs: true }, historyMatch);
    // The WAL and SHM files exist now (SQLite gives them the database's mode; an older run's may differ).
    secureFileModes(file, options.logger);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A reader's connection (queries only; history_match registered). Returns it with the file's schema version. */
export function openReadOnlyDatabase(file: string): { db: Database.Database; schema: number } {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw describeOpenError(error, file);
  }
  try {
    db.pragma('busy_timeout = 1000');
    const schema = checkSchemaVersion(db, file);
    db.function('history_match', { deterministic: true, varargs: true }, historyMatch);
    return { db, schema };
  } catch (error) {
    db.close();
    throw describeOpenError(error, file);
  }
}

/** Moves a corrupt database (with its WAL) to `<file>.corrupt-<timestamp>`, with a warning saying where. */
export function moveAside(file: string, reason: string, now: number, logger: Logger): RecoveredDatabase {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  let movedTo = `${file}.corrupt-${stamp}`;
  for (let n = 2; existsSync(movedTo); n++) movedTo = `${file}.corrupt-${stamp}-${n}`;
  renameSync(file, movedTo);
  // SQLite finds a database's WAL by its name: keep the pair together. The shared-memory index is rebuilt.
  if (existsSync(`${file}-wal`)) renameSync(`${file}-wal`, `${movedTo}-wal`);
  rmSync(`${file}-shm`, { force: true });
  logger.warn(`history: the call history database ${file} is corrupt (${reason}); moved it aside to ${movedTo} and started a new one`);
  return { movedTo, reason };
}

function shouldCheckIntegrity(db: Database.Database, file: string, integrityCheck: IntegrityCheck): boolean {
  if (integrityCheck !== 'auto') return integrityCheck === 'always';
  if (statSync(file).size < 64 * 1024 * 1024) return true;
  try {
    // Read through SQLite: on a damaged file this throws SQLITE_CORRUPT, which is what the check would find.
    const clean = db.prepare<[], { value: number }>(`SELECT value FROM meta WHERE key = 'clean'`).get();
    return clean?.value !== 1;
  } catch (error) {
    if (isCorruption(error)) throw error;
    return true;
  }
}

/** The file's schema version (0: no schema yet); throws for a newer one than this code knows. */
export function checkSchemaVersion(db: Database.Database, file: string): number {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > schemaVersion) {
    throw new SwitchyardError(
      'INTERNAL',
      `The call history ${file} was written by a newer Switchyard (schema ${version}; this one knows ${schemaVersion}).`,
      'Update Switchyard, or move the file away to start a new history.',
    );
  }
  return version;
}

class CorruptDatabaseError extends Error {
  readonly code = 'SQLITE_CORRUPT';
  constructor(check: string) {
    super(`integrity check: ${check}`);
  }
}

export function isCorruption(error: unknown): boolean {
  return isCorruptionCode((error as { code?: unknown } | null)?.code);
}

export function isCorruptionCode(code: unknown): boolean {
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = messageOf(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function describeOpenError(error: unknown, file: string): Error {
  if (error instanceof SwitchyardError) return error;
  return new SwitchyardError('INTERNAL', `Cannot open the call history ${file}: ${reasonOf(error)}`);
}
