import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { runHttpHook } from '../../../electron/hooks/http-hook.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A real HTTP server on loopback; resolves with its base URL. */
async function serve(handle: (request: IncomingMessage, body: string, response: ServerResponse) => void): Promise<string> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => handle(request, body, response));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('HTTP hooks', () => {
  it('POSTs the request as JSON and returns the response body', async () => {
    const seen: Array<{ method?: string; type?: string; body: string }> = [];
    const url = await serve((request, body, response) => {
      seen.push({ method: request.method, type: request.headers['content-type'], body });
      response.end(JSON.stringify({ action: 'block', reason: 'seen it' }));
    });
    const out = await runHttpHook({ url: `${url}/hook`, body: '{"name":"echo"}', timeoutMs: 10_000 });
    expect(JSON.parse(out)).toEqual({ action: 'block', reason: 'seen it' });
    expect(seen).toEqual([{ method: 'POST', type: 'application/json', body: '{"name":"echo"}' }]);
  });

  it('fails on a non-2xx status, naming it', async () => {
    const url = await serve((_request, _body, response) => {
      response.statusCode = 503;
      response.end('down for maintenance');
    });
    await expect(runHttpHook({ url, body: '{}', timeoutMs: 10_000 })).rejects.toThrow('answered HTTP 503: down for maintenance');
  });

  it('does not follow redirects', async () => {
    const url = await serve((_request, _body, response) => {
      response.writeHead(302, { location: 'http://example.com/' });
      response.end();
    });
    await expect(runHttpHook({ url, body: '{}', timeoutMs: 10_000 })).rejects.toThrow('answered HTTP 302');
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    const url = await serve(() => undefined);
    await expect(runHttpHook({ url, body: '{}', timeoutMs: 300 })).rejects.toThrow('did not answer within 300 ms');
  });

  it('refuses plain http off this machine, and names an unreachable endpoint', async () => {
    await expect(runHttpHook({ url: 'http://hooks.example.com/x', body: '{}', timeoutMs: 1000 })).rejects.toThrow(/plain http/);
    const url = await serve(() => undefined);
    const closed = servers.pop()!;
    await new Promise((resolve) => closed.close(resolve));
    await expect(runHttpHook({ url, body: '{}', timeoutMs: 5000 })).rejects.toThrow(/could not be reached at http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED/);
  });
});
