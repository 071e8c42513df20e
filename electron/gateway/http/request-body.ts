import type { IncomingMessage } from 'node:http';

export type ReadResult = { ok: true; value: unknown } | { ok: false; status: number; message: string };

/** The body as JSON. Plain 'data' events: an async iterator over the request costs more than the rest of a small call. */
export function readJson(request: IncomingMessage, maxBytes: number): Promise<ReadResult> {
  return new Promise((resolve) => {
    let first: Buffer | undefined;
    let more: Buffer[] | undefined;
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.off('data', onData).off('end', onEnd);
        request.resume(); // drain the rest, so the connection can answer
        return resolve({ ok: false, status: 413, message: `Payload Too Large: the limit is ${maxBytes} bytes.` });
      }
      if (first === undefined) first = chunk;
      else (more ??= [first]).push(chunk);
    };
    const onEnd = () => {
      const body = more ? Buffer.concat(more) : (first ?? Buffer.alloc(0));
      try {
        resolve({ ok: true, value: JSON.parse(body.toString('utf8')) });
      } catch (error) {
        resolve({ ok: false, status: 400, message: `Parse error: ${(error as Error).message}` });
      }
    };
    request.on('data', onData).on('end', onEnd);
    request.on('error', (error) => resolve({ ok: false, status: 400, message: `Could not read the request body: ${error.message}` }));
  });
}
