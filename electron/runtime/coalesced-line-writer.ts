/**
 * Lines written to a stream: the first of an event-loop turn goes out at once, the ones after it in the same
 * turn leave together as one write at the end of that turn. With many calls in flight, several messages for
 * the same stream come up in one turn (one chunk read from a client holds several requests; a server answers
 * several at once); one write for them all instead of one each saves a system call per message here and a
 * wake-up per message in whoever reads the stream (the server, or a stdio client). A lone message, the
 * sequential case, never waits.
 */
export class CoalescedLineWriter {
  private pending = '';
  private turnStarted = false;

  constructor(private readonly output: { write(chunk: string): unknown }) {}

  /** Writes a line (its newline included) now, or at the end of this turn when one already went out in it. */
  write(line: string): void {
    if (this.turnStarted) {
      this.pending += line;
      return;
    }
    this.turnStarted = true;
    setImmediate(this.endTurn);
    this.output.write(line);
  }

  /** Writes what is queued now: before ending the stream, so nothing queued is lost or reordered. */
  flush(): void {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.output.write(text);
  }

  private readonly endTurn = (): void => {
    this.turnStarted = false;
    this.flush();
  };
}
