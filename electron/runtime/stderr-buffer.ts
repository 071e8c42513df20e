import { StringDecoder } from 'node:string_decoder';

/** Where a server's stderr is written: its buffer, or a relay that hands it to the buffer later (stderr-relay.ts). */
export interface StderrSink {
  write(chunk: Buffer | string): void;
  writeLine(line: string): void;
}

/**
 * The last lines a server wrote to stderr, bounded in line count and line length, so a chatty server can
 * never grow the gateway's memory. Used in error messages ("crashed on start: <last lines>") and the UI.
 * Every line passes `redact` before it is kept (servers print their environment, secrets included): this is
 * where stderr enters the engine, so every way out (errors to callers, status, events, logs) gets the
 * redacted text.
 */
export class StderrBuffer implements StderrSink {
  private readonly lines: string[] = [];
  private partial = '';
  /** Lines kept so far, all told (a mark for `since`). */
  private written = 0;
  // Docker frames may split a multi-byte character; the decoder carries the pieces over.
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly maxLines = 200,
    private readonly maxLineLength = 2000,
    private readonly redact: (line: string) => string = (line) => line,
  ) {}

  write(chunk: Buffer | string): void {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.partial = (parts.pop() ?? '').slice(0, this.maxLineLength);
    for (const line of parts) this.push(line);
  }

  /** One whole line of our own (no newline in it): what write() does for it, without splitting or decoding. */
  writeLine(line: string): void {
    if (this.partial) this.write('\n'); // a server's unterminated line stays a line of its own
    this.push(line);
  }

  /** The newest lines, oldest first; includes an unterminated last line. */
  tail(count = this.maxLines): string[] {
    const all = this.partial ? [...this.lines, this.redact(this.partial)] : this.lines;
    return all.slice(-count);
  }

  /** Where the buffer is now, for `since` (e.g. the start of one container run). */
  mark(): number {
    return this.written;
  }

  /** The newest lines (at most `count`) written after `mark`, oldest first; includes an unterminated last line. */
  since(mark: number, count = this.maxLines): string[] {
    const fresh = this.written - mark + (this.partial ? 1 : 0);
    return fresh <= 0 ? [] : this.tail(Math.min(count, fresh));
  }

  private push(line: string): void {
    // Redacted before it is cut: a secret across the cut would otherwise leave its start behind.
    const trimmed = this.redact(line.endsWith('\r') ? line.slice(0, -1) : line).slice(0, this.maxLineLength);
    this.lines.push(trimmed);
    this.written++;
    if (this.lines.length > this.maxLines) this.lines.shift();
  }
}
