import { Worker } from 'node:worker_threads';
import { compiledWorkerScript } from './worker-script.js';

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
 * The main thread's handle on the history writer thread: requests go out in order and each one's reply comes
 * back as a promise; idle() is the flush handshake a read awaits (everything posted so far is answered). A
 * crashed thread answers every open request with a `failed` reply.
 */
export class HistoryWriter {
  private readonly worker: Worker;
  /** Settles when the thread has ended (closed, failed or terminated). */
  private readonly ended: Promise<void>;
  private readonly done: Int32Array;
  private posted = 0;
  private readonly waiting = new Map<number, (reply: WriterReply) => void>();
  private idleWaiters: Array<{ seq: number; resolve: () => void }> = [];

  /** Undefined when the compiled worker script is not there (running from sources without a build). */
  static start(file: string): HistoryWriter | undefined {
    const script = compiledWorkerScript('writer');
    return script ? new HistoryWriter(script, file) : undefined;
  }

  private constructor(script: string, file: string) {
    const progress = new SharedArrayBuffer(4);
    this.done = new Int32Array(progress);
    this.worker = new Worker(script, { workerData: { file, progress } satisfies WriterStartup });
    this.ended = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (reply: WriterReply) => this.answered(reply));
    this.worker.on('error', (error) => this.failAll(error.message));
    // The writer never keeps the gateway process alive on its own.
    this.worker.unref();
  }

  /** Queues a batch (rows in schema order, rev last; `fresh` as in WriterRequest); resolves with its reply. */
  write(rows: unknown[][], fresh: boolean[]): Promise<WriterReply> {
    const seq = ++this.posted;
    this.worker.postMessage({ type: 'write', seq, rows, fresh } satisfies WriterRequest);
    return this.reply(seq);
  }

  /** Adds up to `limit` finished calls to the full-text index; resolves with its reply. */
  index(limit: number): Promise<WriterReply> {
    const seq = ++this.posted;
    this.worker.postMessage({ type: 'index', seq, limit } satisfies WriterRequest);
    return this.reply(seq);
  }

  /** Resolves once every request posted so far is answered (after its reply's handlers ran). Never blocks. */
  idle(): Promise<void> {
    const seq = this.posted;
    if (this.waiting.size === 0 || seq === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push({ seq, resolve }));
  }

  /**
   * Blocks until every posted request is finished, at most `timeoutMs`; returns whether it is. Only for
   * closing (a process that is stopping must not lose the last batch); reads await idle() instead.
   */
  waitIdleBlocking(timeoutMs = 5000): boolean {
    const deadline = performance.now() + timeoutMs;
    for (let seen = Atomics.load(this.done, 0); seen < this.posted; seen = Atomics.load(this.done, 0)) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.done, 0, seen, left);
    }
    return true;
  }

  /**
   * Waits for what was posted, then lets the thread close its connection and end; resolves when it has ended
   * (a caller that removes the home afterwards must not race the thread's last file access).
   */
  close(): Promise<void> {
    this.waitIdleBlocking();
    // Held until it has ended: a process awaiting this with nothing else to do must not exit on the way.
    this.worker.ref();
    this.worker.postMessage({ type: 'close' } satisfies WriterRequest);
    return this.ended;
  }

  terminate(): void {
    void this.worker.terminate();
    this.failAll('the writer thread was stopped');
  }

  private reply(seq: number): Promise<WriterReply> {
    return new Promise((resolve) => this.waiting.set(seq, resolve));
  }

  private answered(reply: WriterReply): void {
    const resolve = this.waiting.get(reply.seq);
    this.waiting.delete(reply.seq);
    resolve?.(reply);
    const lowestOpen = this.waiting.size === 0 ? Number.POSITIVE_INFINITY : Math.min(...this.waiting.keys());
    const ready = this.idleWaiters.filter((waiter) => waiter.seq < lowestOpen);
    if (ready.length === 0) return;
    this.idleWaiters = this.idleWaiters.filter((waiter) => waiter.seq >= lowestOpen);
    // After the reply's own handlers (queued first): a read then sees what a failed batch's fallback wrote.
    queueMicrotask(() => {
      for (const waiter of ready) waiter.resolve();
    });
  }

  private failAll(message: string): void {
    for (const [seq, resolve] of [...this.waiting]) {
      this.waiting.delete(seq);
      resolve({ type: 'failed', seq, message, code: '', during: 'write' });
    }
    const ready = this.idleWaiters;
    this.idleWaiters = [];
    queueMicrotask(() => {
      for (const waiter of ready) waiter.resolve();
    });
  }
}
