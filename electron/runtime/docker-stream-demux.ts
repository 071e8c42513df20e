/**
 * Splits Docker's multiplexed attach stream (used when the container has no TTY) into stdout and stderr
 * payloads. Each frame is an 8-byte header - stream type (1 stdout, 2 stderr), three zero bytes, payload
 * length as big-endian uint32 - followed by the payload. Frames may be split across or packed into chunks.
 */
export type DemuxedStream = 'stdout' | 'stderr';

const empty = Buffer.alloc(0);

export class DockerStreamDemuxer {
  private pending: Buffer = empty;

  constructor(private readonly onPayload: (stream: DemuxedStream, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    let buffer = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buffer.length >= 8) {
      const size = buffer.readUInt32BE(4);
      if (buffer.length < 8 + size) break;
      const type = buffer[0];
      const payload = buffer.subarray(8, 8 + size);
      // Type 0 is stdin echoed back, which we never ask for; anything but stderr is treated as stdout.
      this.onPayload(type === 2 ? 'stderr' : 'stdout', payload);
      buffer = buffer.subarray(8 + size);
    }
    this.pending = buffer.length > 0 ? Buffer.from(buffer) : empty;
  }
}
