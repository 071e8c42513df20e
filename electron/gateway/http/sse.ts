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
