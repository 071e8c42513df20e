import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../core/version.js';

/** What the writer thread is started with. */
export interface WriterStartup {
  file: string;
  /** Int32[0]: the seq of the last batch the writer finished (written or failed). */
  progress: SharedArrayBuffer;
}

export type WriterRequest =
  /** `fresh[i]`: row i was never handed to a writer before, so a plain insert will do. */
  { type: 'write'; seq: number; rows: unknown[][]; fresh: boolean[] } | { type: 'index'; seq: number; limit: number } | { type: 'close' };
export type WriterReply =
  | { type: 'written'; seq: number; rev: number; ms: number }
  | { type: 'indexed'; seq: number; rows: number }
  | { type: 'failed'; seq: number; message: string; code: string; during: 'write' | 'index' };

/**
 * The main thread's handle on the history writer thread: batches go out in order, replies come back as events,
 * and a reader that needs everything written so far (a query) can wait for it synchronously.
 */
export class HistoryWriter {
  private readonly worker: Worker;
  private readonly done: Int32Array;
  private posted = 0;

  /** Undefined when the compiled worker script is not there (running from sources without a build). */
  static start(file: string, onReply: (reply: WriterReply) => void, onCrash: (error: Error) => void): HistoryWriter | undefined {
    const script = writerScript();
    return script ? new HistoryWriter(script, file, onReply, onCrash) : undefined;
  }

  private constructor(script: string, file: string, onReply: (reply: WriterReply) => void, onCrash: (error: Error) => void) {
    const progress = new SharedArrayBuffer(4);
    this.done = new Int32Array(progress);
    this.worker = new Worker(script, { workerData: { file, progress } satisfies WriterStartup });
    this.worker.on('message', onReply);
    this.worker.on('error', onCrash);
    // The writer never keeps the gateway process alive on its own.
    this.worker.unref();
  }

  /** Queues a batch (rows in schema order, rev last; `fresh` as in WriterRequest); returns its seq. */
  write(rows: unknown[][], fresh: boolean[]): number {
    const seq = ++this.posted;
    this.worker.postMessage({ type: 'write', seq, rows, fresh } satisfies WriterRequest);
    return seq;
  }

  /** Adds up to `limit` finished calls to the full-text index; returns its seq. */
  index(limit: number): number {
    const seq = ++this.posted;
    this.worker.postMessage({ type: 'index', seq, limit } satisfies WriterRequest);
    return seq;
  }

  /** Everything posted so far is finished (written or failed)? */
  get idle(): boolean {
    return Atomics.load(this.done, 0) >= this.posted;
  }

  /** Blocks until every posted batch is finished, at most `timeoutMs`. Returns whether it is. */
  waitIdle(timeoutMs = 5000): boolean {
    const deadline = performance.now() + timeoutMs;
    for (let seen = Atomics.load(this.done, 0); seen < this.posted; seen = Atomics.load(this.done, 0)) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.done, 0, seen, left);
    }
    return true;
  }

  /** Waits for what was posted, then lets the thread close its connection and end. */
  close(): void {
    this.waitIdle();
    this.worker.postMessage({ type: 'close' } satisfies WriterRequest);
  }

  terminate(): void {
    void this.worker.terminate();
  }
}

/** Next to this module once compiled (dist/node, or the Electron bundle's folder); else the node build. */
function writerScript(): string | undefined {
  const here = fileURLToPath(new URL('./history-writer-worker.js', import.meta.url));
  if (existsSync(here)) return here;
  try {
    const built = path.join(projectRoot(), 'dist', 'node', 'electron', 'history', 'history-writer-worker.js');
    return existsSync(built) ? built : undefined;
  } catch {
    return undefined; // bundled somewhere without its worker: write inline
  }
}
