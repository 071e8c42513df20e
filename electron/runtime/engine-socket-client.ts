import http from 'node:http';
import type { Socket } from 'node:net';

/** The engine's answer to one request: its HTTP status, and its body parsed as JSON (undefined when empty). */
export interface EngineAnswer {
  status: number;
  body: unknown;
}

/**
 * Plain HTTP to the Docker engine's API on its local socket: the few requests `gateway run --image` makes
 * before dockerode has loaded (early-launch.ts). A request fails after `timeoutMs` without an answer (its own, or
 * the client's).
 */
export class EngineSocketClient {
  constructor(
    private readonly socketPath: string,
    private readonly timeoutMs = 2000,
  ) {}

  /**
   * One request; `body` is sent as JSON. Rejects on a transport failure or after `timeoutMs` without an answer,
   * never on a status.
   */
  request(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, timeoutMs = this.timeoutMs): Promise<EngineAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = this.open(
        method,
        path,
        payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) },
        timeoutMs,
      );
      request.on('error', reject);
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          } catch {
            resolve({ status: response.statusCode ?? 0, body: text });
          }
        });
      });
      request.end(payload);
    });
  }

  /**
   * A request the engine answers by handing over the connection (`101 UPGRADED`, as for attach): resolves with
   * the connection's socket; any other answer rejects with its status.
   */
  hijack(path: string): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const request = this.open('POST', path, { Connection: 'Upgrade', Upgrade: 'tcp' }, this.timeoutMs, false);
      request.on('error', reject);
      request.on('upgrade', (_response, socket: Socket, head: Buffer) => {
        socket.setTimeout(0);
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
      });
      request.on('response', (response) => {
        response.resume();
        reject(new Error(`the engine answered ${path} with HTTP ${response.statusCode ?? '?'}, not an upgrade`));
      });
      request.end();
    });
  }

  private open(method: string, path: string, headers: Record<string, string>, timeoutMs: number, pooled = true): http.ClientRequest {
    // `servername`, a TLS name never used on a socket: without it Node works one out from the host, and its
    // first IPv6 check compiles a large regular expression (~10 ms) on the way to the container's create.
    const options: http.RequestOptions & { servername: string } = { socketPath: this.socketPath, path, method, headers, servername: 'docker' };
    const request = http.request(pooled ? options : { ...options, agent: false });
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`the engine did not answer ${method} ${path} within ${timeoutMs} ms`)));
    return request;
  }
}
