import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/logger.js';
import { ControlService } from '../../../electron/control/control-service.js';
import { startWebServer, type WebServer } from '../../../electron/control/web-server.js';
import { fakeHandlers } from './support/fake-handlers.js';

/**
 * An exception thrown by an http request listener is an uncaught exception: it kills the process (here it would
 * kill the vitest worker). To observe it safely, node:http's createServer is wrapped so that a listener that
 * throws is caught, recorded, and answered with 500. Everything else is the real module.
 */
const thrownByListener: unknown[] = [];
vi.mock('node:http', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:http')>();
  const createServer = (listener: RequestListener) =>
    actual.createServer((request: IncomingMessage, response: ServerResponse) => {
      try {
        listener(request, response);
      } catch (error) {
        thrownByListener.push(error);
        if (!response.headersSent) response.writeHead(500);
        response.end();
      }
    });
  return { ...actual, default: { ...actual, createServer }, createServer };
});

function get(port: number, rawPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web server, malformed percent-encoding in the path', () => {
  let dir: string;
  let server: WebServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'switchyard-web-bad-url-'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    server = await startWebServer({ control: new ControlService(fakeHandlers()), staticDir: dir, logger: silentLogger });
  });
  beforeEach(() => {
    thrownByListener.length = 0;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves well-formed percent-encoding without throwing', async () => {
    expect(await get(server.port, '/caf%C3%A9')).toBe(200);
    expect(thrownByListener).toEqual([]);
  });

  // Regression test for a fixed bug (electron/control/web-server.ts line 121, serveStatic): `decodeURIComponent(pathname)` throws URIError
  // for a malformed escape such as GET /%E0%A4%A or GET /% — inside the http 'request' listener, so it is an
  // uncaught exception that ends the whole process (verified against dist/: "URIError: URI malformed ...
  // exiting with 1"). Any web page the user visits can send that request to 127.0.0.1:<port> with a correct
  // Host header (the browser sets it), so this is a one-request remote kill of the gateway / desktop engine.
  // Expected: a 400 Bad Request (or the index.html fallback), nothing thrown. Fix: wrap the decode in try/catch
  // and answer 400.
  it('answers a malformed escape with 400 instead of throwing out of the request listener', async () => {
    const status = await get(server.port, '/%E0%A4%A');
    expect(thrownByListener).toEqual([]);
    expect(status).toBe(400);
  });
});
