import { SwitchyardError, type ErrorCode } from '../../shared/errors.js';
import type { ReadRequest, ReadResults } from './history-queries.js';

/** Messages between the history reader and its thread. */
export interface ReaderStartup {
  file: string;
}

export type ReaderMessage = { type: 'read'; id: number; request: ReadRequest } | { type: 'reopen' } | { type: 'close' };

export type ReaderReply = { id: number; ok: true; result: ReadResults[ReadRequest['op']] } | { id: number; ok: false; error: SerializedReadError };

/** An error as it crosses the thread boundary: SQLite's code and a SwitchyardError's code and hint survive. */
export interface SerializedReadError {
  message: string;
  /** SQLite's code (SQLITE_CORRUPT, ...), when there is one. */
  sqliteCode?: string;
  switchyard?: { code: ErrorCode; hint?: string };
}

export function serializeReadError(error: unknown): SerializedReadError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SwitchyardError) return { message, switchyard: { code: error.code, ...(error.hint ? { hint: error.hint } : {}) } };
  const code = (error as { code?: unknown } | null)?.code;
  return { message, ...(typeof code === 'string' ? { sqliteCode: code } : {}) };
}

export function deserializeReadError(error: SerializedReadError): Error {
  if (error.switchyard) return new SwitchyardError(error.switchyard.code, error.message, error.switchyard.hint);
  return Object.assign(new Error(error.message), error.sqliteCode ? { code: error.sqliteCode } : {});
}
