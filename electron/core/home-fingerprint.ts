import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * A short, stable name of a Switchyard home that does not reveal its path: the first 16 hex digits of the
 * SHA-256 of its real path. A gateway reports it on /health, so a command of one home never takes another
 * home's gateway (on the same default port) for its own.
 */
export function homeFingerprint(home: string): string {
  let resolved = path.resolve(home);
  try {
    resolved = realpathSync(resolved);
  } catch {
    // A home not created yet is named by its absolute path.
  }
  return createHash('sha256').update(resolved).digest('hex').slice(0, 16);
}
