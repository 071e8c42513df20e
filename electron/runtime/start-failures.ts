import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { StartFailure } from '../../shared/domain.js';

/** One server's failed starts in a row, with what identifies the launch that failed (a salted hash, never the values). */
export interface StartFailureRecord extends StartFailure {
  /** sha256(salt + launch): the definition as it was started, secrets included, so a change of config or secret is seen. */
  launch: { salt: string; hash: string };
}

type FailureFile = Record<string, StartFailureRecord>;

/**
 * The last start failure of each server, on disk (`<home>/run/start-failures.json`, 0600), so every process
 * of the same home knows it: the running gateway, and the in-process gateway each `tools call` runs when none
 * is. Without it every CLI command started a crashing server again. A successful start, an explicit start or
 * restart, or a change of the server's launch (config, secret, image) clears the record.
 */
export class StartFailureLog {
  private readonly file: string;

  constructor(home: string) {
    this.file = path.join(home, 'run', 'start-failures.json');
  }

  /** The record of `server`, read fresh (another process may have written it). */
  get(server: string): StartFailureRecord | undefined {
    return this.read()[server];
  }

  /** Every server's record, without the launch hashes (for status and inspect). */
  all(): Record<string, StartFailure> {
    return Object.fromEntries(Object.entries(this.read()).map(([name, record]) => [name, publicFailure(record)]));
  }

  set(server: string, record: StartFailureRecord): void {
    const doc = this.read();
    doc[server] = record;
    this.write(doc);
  }

  clear(server: string): void {
    const doc = this.read();
    if (!(server in doc)) return;
    delete doc[server];
    this.write(doc);
  }

  private read(): FailureFile {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as FailureFile) : {};
    } catch {
      // Missing or damaged: no failure known, so the next start is tried.
      return {};
    }
  }

  private write(doc: FailureFile): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    writeFileAtomic.sync(this.file, JSON.stringify(doc, null, 2) + '\n', { mode: 0o600 });
  }
}

/** A record's public part (what status, inspect and errors show). */
export function publicFailure(record: StartFailureRecord): StartFailure {
  const { launch: _launch, ...failure } = record;
  return failure;
}

/** The salted hash that identifies a launch (the prepared definition, secrets included). */
export function launchHash(launch: unknown, salt: string = randomBytes(16).toString('hex')): { salt: string; hash: string } {
  return { salt, hash: createHash('sha256').update(salt).update(JSON.stringify(launch)).digest('hex') };
}

/** Whether `launch` is the one the record was made for. */
export function sameLaunch(record: StartFailureRecord, launch: unknown): boolean {
  return launchHash(launch, record.launch.salt).hash === record.launch.hash;
}
