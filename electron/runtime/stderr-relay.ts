import type { StderrSink } from './stderr-buffer.js';

/**
 * A server's stderr before anyone keeps it: a container started ahead of its first call writes here, and
 * what it wrote is handed to the server's own buffer (which redacts it) once the first call takes the
 * container; from then on every write goes straight through. What waits is bounded (the newest bytes stay).
 */
export class StderrRelay implements StderrSink {
  private pending: Array<{ line: boolean; text: Buffer | string }> = [];
  private pendingBytes = 0;
  private target: StderrSink | undefined;

  constructor(private readonly maxPendingBytes = 256 * 1024) {}

  write(chunk: Buffer | string): void {
    if (this.target) this.target.write(chunk);
    else this.hold({ line: false, text: chunk });
  }

  writeLine(line: string): void {
    if (this.target) this.target.writeLine(line);
    else this.hold({ line: true, text: line });
  }

  /** Replays what was written so far into `target`, and sends it everything that follows. */
  pipeTo(target: StderrSink): void {
    for (const item of this.pending) {
      if (item.line) target.writeLine(String(item.text));
      else target.write(item.text);
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.target = target;
  }

  private hold(item: { line: boolean; text: Buffer | string }): void {
    this.pending.push(item);
    this.pendingBytes += item.text.length;
    while (this.pendingBytes > this.maxPendingBytes && this.pending.length > 1) this.pendingBytes -= this.pending.shift()!.text.length;
  }
}
