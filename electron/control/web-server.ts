import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { contentSecurityPolicy } from '../../shared/content-security-policy.js';
import { SwitchyardError } from '../../shared/errors.js';
import type { ApiEventMessage, ApiRequestMessage, ApiResponseMessage } from '../../shared/api.js';
import type { Logger } from '../core/logger.js';
import type { ControlService } from './control-service.js';
import { isAllowedOrigin, isLocalHost, tokensMatch } from '../core/local-request-guard.js';

export interface WebServerOptions {
  control: ControlService;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  logger: Logger;
  /** Defaults to a fresh random token for this run. */
  token?: string;
}

export interface WebServer {
  /** The page to open, with the token in the fragment (fragments never reach server logs or Referer headers). */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The build names every file under assets/ by its content's hash, so a name never changes meaning: the browser
 * may keep them for good and a later window opens without fetching them again. index.html, which names the
 * current ones, is never kept.
 */
const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';

/** The window's policy (shared/content-security-policy.ts), the same in the desktop app and the built page. */
export const webContentSecurityPolicy = contentSecurityPolicy;

/**
 * Web mode: the renderer served over http://127.0.0.1 and the control API over a WebSocket at /control,
 * open only to a holder of the token and only from our own origin.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  let port = 0;

  const staticDir = path.resolve(options.staticDir);
  const server = createServer((request, response) => serveStatic(request, response, staticDir, port));
  server.on('upgrade', (request, socket, head) => {
    const refusal = refuseUpgrade(request, port, token);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveControl(ws, options.control, options.logger));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? uiPortInUse(options.port ?? 0) : error));
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}

/** The UI port is taken: which port, and the flag that picks another (0 lets the system choose a free one). */
function uiPortInUse(port: number): SwitchyardError {
  return new SwitchyardError(
    'INVALID_INPUT',
    `The UI port ${port} on 127.0.0.1 is already in use.`,
    'Another Switchyard UI or another program holds it: choose another port with --ui-port PORT, or leave --ui-port out to use any free port.',
  );
}

function refuseUpgrade(request: IncomingMessage, port: number, token: string): string | undefined {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/control') return '404 Not Found';
  if (!isLocalHost(request.headers.host, port)) return '403 Forbidden';
  if (!isAllowedOrigin(request.headers.origin, port)) return '403 Forbidden';
  if (!tokensMatch(url.searchParams.get('token'), token)) return '401 Unauthorized';
  return undefined;
}

function serveControl(ws: WebSocket, control: ControlService, logger: Logger): void {
  const unsubscribe = control.onEvent((event, payload) => {
    const message: ApiEventMessage = { event, payload };
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  });
  ws.on('close', unsubscribe);
  ws.on('message', async (data) => {
    let request: ApiRequestMessage;
    try {
      request = JSON.parse(String(data)) as ApiRequestMessage;
      if (typeof request.id !== 'number' || typeof request.method !== 'string') throw new Error('need numeric id and string method');
    } catch (error) {
      logger.warn(`control socket: ignoring a malformed message (${(error as Error).message})`);
      return;
    }
    const outcome = await control.dispatch(request.method, request.params);
    const response: ApiResponseMessage = { id: request.id, ...outcome };
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(response));
  });
}

function serveStatic(request: IncomingMessage, response: ServerResponse, root: string, port: number): void {
  if (!isLocalHost(request.headers.host, port)) {
    response.writeHead(403).end('Forbidden: this server answers only to 127.0.0.1 and localhost.');
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    response.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad Request: malformed URL.');
    return;
  }
  const resolved = path.resolve(root, '.' + (pathname === '/' ? '/index.html' : pathname));
  const inside = resolved === root || resolved.startsWith(root + path.sep);
  const file = inside && existsSync(resolved) && statSync(resolved).isFile() ? resolved : path.join(root, 'index.html');
  if (!existsSync(file)) {
    response.writeHead(503, { 'Content-Type': 'text/plain' }).end('The UI is not built. Run `npm run build` first.');
    return;
  }
  response.writeHead(200, {
    'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': webContentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': file.startsWith(path.join(root, 'assets') + path.sep) ? HASHED_ASSET_CACHE : 'no-store',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
}
