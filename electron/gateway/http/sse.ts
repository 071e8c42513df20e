import type { ServerResponse } from 'node:http';

/** Starts a Server-Sent Events response. Headers go out at once so the client sees the stream open. */
export function openEventStream(response: ServerResponse, headers: Record<string, string> = {}): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
    ...headers,
  });
  response.flushHeaders();
}

export function writeEvent(response: ServerResponse, data: string, event = 'message'): boolean {
  if (response.writableEnded || response.destroyed) return false;
  response.write(`event: ${event}\ndata: ${data}\n\n`);
  return true;
}

/** Texts longer than this are written in slices of this many characters, the event loop free between them. */
export const sliceChars = 1024 * 1024;

/**
 * Writes `text` to the response, a large one in 1 M-character slices with a turn of the event loop between them:
 * encoding 50 MB to UTF-8 in one write would hold the loop (and every other client) for as long. A slice never
 * ends between the two halves of a surrogate pair, and the next one waits for the socket to drain. Stops when the
 * response is gone.
 */
export async function writeInSlices(response: ServerResponse, text: string): Promise<void> {
  let start = 0;
  while (start < text.length) {
    if (response.writableEnded || response.destroyed) return;
    let end = Math.min(text.length, start + sliceChars);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    const flowing = response.write(start === 0 && end === text.length ? text : text.slice(start, end));
    start = end;
    // Slices queued behind a slow socket would be encoded all at once when it drains: wait for it instead.
    if (start < text.length) await (flowing ? new Promise((resolve) => setImmediate(resolve)) : drained(response));
  }
}

function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/** An event whose data may be large (see writeInSlices). */
export async function writeLargeEvent(response: ServerResponse, data: string, event = 'message'): Promise<void> {
  if (response.writableEnded || response.destroyed) return;
  if (data.length <= sliceChars) return void writeEvent(response, data, event);
  response.write(`event: ${event}\ndata: `);
  await writeInSlices(response, data);
  if (!response.writableEnded && !response.destroyed) response.write('\n\n');
}
