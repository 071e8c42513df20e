import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { ApiEventMessage, ApiResponseMessage } from '../../../shared/api.js';
import type { Logger } from '../../../electron/core/logger.js';
import { ControlService } from '../../../electron/control/control-service.js';
import { startWebServer, webContentSecurityPolicy, type WebServer } from '../../../electron/control/web-server.js';
import { fakeHandlers, sampleServer, sampleStatus } from './support/fake-handlers.js';

const TOKEN = 'test-token-0123456789abcdef';
const INDEX = '<!doctype html><title>Switchyard test UI</title>';
const SECRET = 'TOP-SECRET-OUTSIDE-STATIC';

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request: the path goes on the wire exactly as given (no URL normalization by a client). */
function rawGet(port: number, rawPath: string, options: { method?: string; host?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: rawPath, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${port}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Opens a control socket; resolves with the open socket or the HTTP status that refused the upgrade. */
function openSocket(url: string, options: WebSocket.ClientOptions = {}): Promise<{ ws: WebSocket } | { refused: number | 'closed' }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options);
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', () => resolve({ refused: 'closed' }));
  });
}

function nextMessage<T>(ws: WebSocket, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message within ${timeoutMs} ms`)), timeoutMs);
    ws.once('message', (data) => {
      clearTimeout(timer);
      resolve(JSON.parse(String(data)) as T);
    });
  });
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined, warnings };
}

describe('startWebServer', () => {
  let dir: string;
  let staticDir: string;
  let server: WebServer;
  let control: ControlService;
  let logger: ReturnType<typeof recordingLogger>;
  const handlers = fakeHandlers();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'switchyard-web-'));
    staticDir = path.join(dir, 'static');
    mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
    writeFileSync(path.join(staticDir, 'index.html'), INDEX);
    writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("app")');
    writeFileSync(path.join(staticDir, 'assets', 'style.css'), 'body{}');
    writeFileSync(path.join(staticDir, 'data.bin'), 'bytes');
    writeFileSync(path.join(dir, 'secret.txt'), SECRET);
    mkdirSync(path.join(dir, 'static-sibling'));
    writeFileSync(path.join(dir, 'static-sibling', 'secret.txt'), SECRET);
    control = new ControlService(handlers);
    logger = recordingLogger();
    server = await startWebServer({ control, staticDir, port: 0, logger, token: TOKEN });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const controlUrl = (token = TOKEN) => `ws://127.0.0.1:${server.port}/control?token=${encodeURIComponent(token)}`;

  it('listens on 127.0.0.1 on a free port and puts the token in the URL fragment', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toBe(TOKEN);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${TOKEN}`);
  });

  it('makes a fresh random token when none is given', async () => {
    const other = await startWebServer({ control, staticDir, logger });
    try {
      expect(other.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(other.token).not.toBe(TOKEN);
    } finally {
      await other.close();
    }
  });

  describe('control socket', () => {
    it('refuses a wrong token with 401', async () => {
      expect(await openSocket(controlUrl('wrong-token'))).toEqual({ refused: 401 });
    });

    it('refuses a token of a different length, and no token at all, with 401', async () => {
      expect(await openSocket(controlUrl(`${TOKEN}x`))).toEqual({ refused: 401 });
      expect(await openSocket(`ws://127.0.0.1:${server.port}/control`)).toEqual({ refused: 401 });
    });

    it('refuses a foreign Origin with 403, even with the right token', async () => {
      expect(await openSocket(controlUrl(), { origin: 'https://evil.example' })).toEqual({ refused: 403 });
      expect(await openSocket(controlUrl(), { origin: `http://127.0.0.1:${server.port + 1}` })).toEqual({ refused: 403 });
    });

    it('refuses a Host header that is not ours (DNS rebinding) with 403, even with the right token', async () => {
      expect(await openSocket(controlUrl(), { headers: { host: `evil.example:${server.port}` } })).toEqual({ refused: 403 });
    });

    it('answers 404 for any path but /control', async () => {
      expect(await openSocket(`ws://127.0.0.1:${server.port}/other?token=${TOKEN}`)).toEqual({ refused: 404 });
    });

    it('with the right token and no Origin, a call round-trips and returns the outcome', async () => {
      const opened = await openSocket(controlUrl());
      if (!('ws' in opened)) return expect.fail(`refused: ${String(opened.refused)}`);
      const { ws } = opened;
      try {
        const reply = nextMessage<ApiResponseMessage>(ws);
        ws.send(JSON.stringify({ id: 1, method: 'server.start', params: { name: 'github' } }));
        expect(await reply).toEqual({ id: 1, ok: true, result: sampleServer('github') });
        expect(handlers.calls).toContainEqual(['server.start', { name: 'github' }]);

        const failure = nextMessage<ApiResponseMessage>(ws);
        ws.send(JSON.stringify({ id: 2, method: 'server.start', params: {} }));
        expect(await failure).toMatchObject({ id: 2, ok: false, error: { code: 'INVALID_INPUT' } });

        const unknown = nextMessage<ApiResponseMessage>(ws);
        ws.send(JSON.stringify({ id: 3, method: 'nope' }));
        expect(await unknown).toMatchObject({ id: 3, ok: false, error: { code: 'UNKNOWN_METHOD' } });
      } finally {
        ws.close();
      }
    });

    it('accepts our own page as Origin (127.0.0.1 and localhost)', async () => {
      for (const origin of [`http://127.0.0.1:${server.port}`, `http://localhost:${server.port}`]) {
        const opened = await openSocket(controlUrl(), { origin });
        expect('ws' in opened, origin).toBe(true);
        if ('ws' in opened) opened.ws.close();
      }
    });

    it('ignores malformed messages (with a warning) and keeps serving', async () => {
      const opened = await openSocket(controlUrl());
      if (!('ws' in opened)) return expect.fail('refused');
      const { ws } = opened;
      try {
        ws.send('not json');
        ws.send(JSON.stringify({ id: 'one', method: 'gateway.status' }));
        ws.send(JSON.stringify({ id: 4 }));
        const reply = nextMessage<ApiResponseMessage>(ws);
        ws.send(JSON.stringify({ id: 5, method: 'gateway.status' }));
        expect(await reply).toEqual({ id: 5, ok: true, result: sampleStatus });
        expect(logger.warnings.filter((w) => w.includes('malformed'))).toHaveLength(3);
      } finally {
        ws.close();
      }
    });

    it('pushes an event emitted on the ControlService to the socket, and unsubscribes when it closes', async () => {
      const unsubscribed = vi.fn();
      const original = control.onEvent.bind(control);
      const spy = vi.spyOn(control, 'onEvent').mockImplementation((listener) => {
        const off = original(listener);
        return () => {
          unsubscribed();
          return off();
        };
      });
      try {
        const opened = await openSocket(controlUrl());
        if (!('ws' in opened)) return expect.fail('refused');
        const { ws } = opened;
        const event = nextMessage<ApiEventMessage>(ws);
        const payload = { ...sampleStatus, sessions: 3 };
        control.emit('gateway.status', payload);
        expect(await event).toEqual({ event: 'gateway.status', payload });
        const closed = new Promise((resolve) => ws.once('close', resolve));
        ws.close();
        await closed;
        await vi.waitFor(() => expect(unsubscribed).toHaveBeenCalledTimes(1));
        expect(() => control.emit('gateway.status', sampleStatus)).not.toThrow();
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('static files', () => {
    it('serves index.html at / with the CSP and hardening headers', async () => {
      const res = await rawGet(server.port, '/');
      expect(res.status).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(webContentSecurityPolicy);
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('serves assets with their content type and the CSP header', async () => {
      const js = await rawGet(server.port, '/assets/app.js');
      expect(js).toMatchObject({ status: 200, body: 'console.log("app")' });
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(js.headers['content-security-policy']).toBe(webContentSecurityPolicy);
      expect((await rawGet(server.port, '/assets/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
      expect((await rawGet(server.port, '/data.bin')).headers['content-type']).toBe('application/octet-stream');
    });

    it('lets the browser keep the built, content-hashed files under /assets/ and never the page that names them', async () => {
      const js = await rawGet(server.port, '/assets/app.js');
      expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect((await rawGet(server.port, '/assets/style.css')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect((await rawGet(server.port, '/')).headers['cache-control']).toBe('no-store');
      expect((await rawGet(server.port, '/index.html')).headers['cache-control']).toBe('no-store');
      expect((await rawGet(server.port, '/data.bin')).headers['cache-control']).toBe('no-store');
      // A missing asset falls back to the page, which must not be kept under the asset's name.
      expect((await rawGet(server.port, '/assets/gone-1234.js')).headers['cache-control']).toBe('no-store');
    });

    it('falls back to index.html for unknown paths and folders (client-side routes)', async () => {
      for (const route of ['/servers/github', '/assets', '/assets/', '/missing.js']) {
        const res = await rawGet(server.port, route);
        expect(res, route).toMatchObject({ status: 200, body: INDEX });
        expect(res.headers['content-security-policy']).toBe(webContentSecurityPolicy);
      }
    });

    it.each([
      '/../secret.txt',
      '/../../../../../../etc/passwd',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/.%2e/secret.txt',
      '/..%5csecret.txt',
      '/..%2fstatic-sibling%2fsecret.txt',
      '/%2e%2e/static-sibling/secret.txt',
      '//../secret.txt',
      '/assets/../../secret.txt',
    ])('never serves a file outside the static folder for %s', async (rawPath) => {
      const res = await rawGet(server.port, rawPath);
      expect(res.body).not.toContain(SECRET);
      expect(res.body).not.toMatch(/root:.*:0:0:/);
      if (res.status === 200) expect(res.body).toBe(INDEX);
    });

    it('refuses a request whose Host header is not ours with 403', async () => {
      const res = await rawGet(server.port, '/', { host: `evil.example:${server.port}` });
      expect(res.status).toBe(403);
      expect(res.body).toContain('127.0.0.1 and localhost');
      expect(res.body).not.toContain(INDEX);
    });

    it('answers HEAD with headers only', async () => {
      const res = await rawGet(server.port, '/', { method: 'HEAD' });
      expect(res.status).toBe(200);
      expect(res.body).toBe('');
      expect(res.headers['content-security-policy']).toBe(webContentSecurityPolicy);
    });

    it('refuses other methods with 405 and an Allow header', async () => {
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const res = await rawGet(server.port, '/', { method });
        expect(res.status, method).toBe(405);
        expect(res.headers.allow).toBe('GET, HEAD');
      }
    });
  });

  it('answers 503 with a build hint when the UI is not built', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'switchyard-web-empty-'));
    const unbuilt = await startWebServer({ control, staticDir: empty, logger });
    try {
      const res = await rawGet(unbuilt.port, '/');
      expect(res.status).toBe(503);
      expect(res.body).toContain('npm run build');
    } finally {
      await unbuilt.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });

  // Regression test for a fixed bug (minor, electron/control/web-server.ts line 123, serveStatic): the containment check compares the
  // resolved file path with `root + path.sep` using staticDir exactly as given. With a trailing slash
  // ("…/static/") or a relative staticDir ("dist/renderer") no file is ever "inside", so every asset request
  // (e.g. /assets/app.js) gets index.html as text/html and the UI cannot load. Expected: the asset itself.
  // Fix: `const root = path.resolve(options.staticDir)` once in startWebServer.
  it('serves assets when staticDir has a trailing slash', async () => {
    const slashed = await startWebServer({ control, staticDir: `${staticDir}${path.sep}`, logger });
    try {
      const res = await rawGet(slashed.port, '/assets/app.js');
      expect(res.body).toBe('console.log("app")');
    } finally {
      await slashed.close();
    }
  });

  it('close() disconnects open control sockets and stops listening', async () => {
    const own = await startWebServer({ control, staticDir, logger, token: TOKEN });
    const opened = await openSocket(`ws://127.0.0.1:${own.port}/control?token=${TOKEN}`);
    if (!('ws' in opened)) return expect.fail('refused');
    const closed = new Promise((resolve) => opened.ws.once('close', resolve));
    await own.close();
    await closed;
    await expect(rawGet(own.port, '/')).rejects.toThrow(/ECONNREFUSED/);
  });
});
