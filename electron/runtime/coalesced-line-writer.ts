/**
 * Lines written in one turn of the event loop leave as one write, at the end of that turn. With many calls in
 * flight, several messages for the same stream are produced in one turn (one chunk read from a client holds
 * several requests; a container answers several at once); one write instead of one each saves a system call
 * per message here and a wake-up per message in whoever reads the stream (dockerd and the server behind it,
 * or a stdio client). A lone message waits only for the rest of the current turn.
 */
export class CoalescedLineWriter {
  private pending = '';

  constructor(private readonly output: { write(chunk: string): unknown }) {}

  /** Queues a line (its newline included) for the end of this turn. */
  write(line: string): void {
    if (this.pending === '') setImmediate(this.flush);
    this.pending += line;
  }

  /** Writes what is queued now: before ending the stream, so nothing queued is lost or reordered. */
  readonly flush = (): void => {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.output.write(text);
  };
}
