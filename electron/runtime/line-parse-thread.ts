import { Worker, type MessagePort } from 'node:worker_threads';

/** What the thread makes of one line: a JSON object (a message to relay), or anything else (noise for the log). */
export type ParsedLine = { kind: 'message'; value: Record<string, unknown> } | { kind: 'noise'; line: string };

/** Noise lines come back cut to this many characters: the server's log keeps far less of a line anyway. */
const noiseChars = 64 * 1024;

/**
 * The thread's own code: joins a line's chunks, decodes and parses it. It runs from its source text (an eval
 * worker), so it uses nothing but globals and its argument (a bundler rewrites `require`), and works the same
 * from the compiled files, the CLI bundle and the Electron one.
 */
function parseThreadMain(parentPort: MessagePort): void {
  parentPort.on('message', ({ id, chunks, noiseChars: cut }: { id: number; chunks: Uint8Array[]; noiseChars: number }) => {
    let line = Buffer.concat(chunks);
    if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    const text = line.toString('utf8');
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return parentPort.postMessage({ id, kind: 'message', value });
    } catch {
      // not JSON: noise
    }
    parentPort.postMessage({ id, kind: 'noise', line: text.slice(0, cut) });
  });
}

/**
 * Parses large lines from servers on a thread of its own, so that a 50 MB result never holds the gateway's event
 * loop for the join, the decoding and JSON.parse (hundreds of milliseconds): the loop only hands the chunks over
 * (their memory moves, nothing is copied) and takes the parsed value back (one copy, no parsing). One thread
 * serves every server of the process; it is started on the first large line and keeps the process alive only
 * while a line is on it.
 */
export class LineParseThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (parsed: ParsedLine | undefined) => void }>();

  /** Whether lines can be handed over (the thread runs or can be started); if not, the caller parses them itself. */
  get available(): boolean {
    return this.started() !== undefined;
  }

  /**
   * The parsed line. The chunks' memory moves to the thread: the caller must not use them afterwards. Undefined
   * when the thread failed while parsing (the line is lost; the next one starts a new thread).
   */
  parse(chunks: Buffer[]): Promise<ParsedLine | undefined> {
    const worker = this.started();
    if (!worker) return Promise.resolve(undefined);
    const id = this.nextId++;
    // A chunk that owns its whole memory moves to the thread; one that shares it (Node's small-buffer pool) is copied.
    const owned = chunks.map((chunk) => (chunk.byteOffset === 0 && chunk.buffer.byteLength === chunk.byteLength ? chunk : new Uint8Array(chunk)));
    // The thread keeps the process alive only while it has a line to give back.
    if (this.waiting.size === 0) worker.ref();
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve });
      worker.postMessage(
        { id, chunks: owned, noiseChars },
        owned.map((chunk) => chunk.buffer as ArrayBuffer),
      );
    });
  }

  private started(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      // An eval thread gets its port from the built-in module (no module loader: the bundled main is ESM).
      const worker = new Worker(`(${parseThreadMain.toString()})(process.getBuiltinModule('node:worker_threads').parentPort)`, { eval: true });
      worker.on('message', (reply: { id: number } & ParsedLine) => {
        const waiting = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if (this.waiting.size === 0) worker.unref();
        waiting?.resolve(reply.kind === 'message' ? { kind: 'message', value: reply.value } : { kind: 'noise', line: reply.line });
      });
      // A thread that fails leaves its lines to the caller's own thread, and the next large line starts another.
      const failed = () => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        for (const { resolve } of this.waiting.values()) resolve(undefined);
        this.waiting.clear();
      };
      worker.on('error', failed);
      worker.on('exit', failed);
      worker.unref(); // after the listeners: adding one refs the thread again
      this.worker = worker;
      return worker;
    } catch {
      return undefined;
    }
  }
}

/** The process's one parse thread. */
export const lineParseThread = new LineParseThread();
