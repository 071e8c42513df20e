import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { secretStoreError } from './secret-store.js';

/** Owner read/write only: the mode of every file the secret store writes. */
export const secretFileMode = 0o600;

/** Reads a file the secret store owns; undefined when it does not exist. Tightens a looser mode to 0600. */
export function readSecretFile(file: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw secretStoreError(`Cannot read ${file}: ${(error as Error).message}`, 'Check that this file belongs to you and is readable.');
  }
  tightenMode(file);
  return data;
}

/** Parses a JSON document the store wrote; a file that is not JSON is reported, never replaced. */
export function parseSecretJson(file: string, data: Buffer, whatToDo: string): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw secretStoreError(`Secrets file ${file} is damaged (not valid JSON: ${(error as Error).message}); it was left as it is.`, whatToDo);
  }
}

/** Atomic (temp file + rename), 0600, in a home folder created 0700 when missing. */
export async function writeSecretFile(file: string, data: string | Buffer): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, data, { mode: secretFileMode });
  // write-file-atomic applies the mode through open(), which the umask can only narrow; chmod makes it exact.
  chmodSync(file, secretFileMode);
}

export function tightenMode(file: string): void {
  if (process.platform === 'win32') return;
  try {
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) chmodSync(file, mode & 0o700);
  } catch {
    // Not ours to change (another owner): reading still works, and the file's owner decides.
  }
}
