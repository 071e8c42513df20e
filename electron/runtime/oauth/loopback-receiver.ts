import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SwitchyardError } from '../../../shared/errors.js';

/** What the authorization server sent back to the redirect URI. */
export interface AuthorizationCallback {
  code: string;
  /** RFC 9207 `iss`, when the server sends it. */
  iss?: string;
}

export interface LoopbackReceiverOptions {
  /** The port to try first (the one a registered redirect URI names); a random free one when taken or unset. */
  preferredPort?: number;
  /** For the page the browser shows afterwards. */
  serverName: string;
}

const callbackPath = '/oauth/callback';

/**
 * The browser step's far end (RFC 8252 §7.3): an HTTP listener on 127.0.0.1 only, on a random port, with a fresh
 * `state`. It takes exactly one redirect: the first request to the callback path settles it (a code with the
 * right state, or a failure naming what was wrong: the wrong state, an error from the server, no code), then
 * the listener closes. A sign-in that nobody finishes times out.
 */
export class LoopbackReceiver {
  readonly state = randomBytes(24).toString('base64url');
  private settled = false;
  private resolve!: (callback: AuthorizationCallback) => void;
  private reject!: (error: Error) => void;
  private readonly result = new Promise<AuthorizationCallback>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });

  private constructor(
    private readonly server: http.Server,
    private readonly serverName: string,
  ) {
    this.result.catch(() => undefined);
  }

  static async listen(options: LoopbackReceiverOptions): Promise<LoopbackReceiver> {
    const server = http.createServer();
    const receiver = new LoopbackReceiver(server, options.serverName);
    server.on('request', (request, response) => receiver.handle(request, response));
    const bind = (port: number) =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    if (options.preferredPort) await bind(options.preferredPort).catch(() => bind(0));
    else await bind(0);
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get redirectUrl(): string {
    return `http://127.0.0.1:${this.port}${callbackPath}`;
  }

  /** The code, once the browser comes back; rejects on a bad redirect, on `timeoutMs`, or when aborted. */
  async wait(timeoutMs: number, signal?: AbortSignal): Promise<AuthorizationCallback> {
    const timer = setTimeout(
      () =>
        this.fail(
          new SwitchyardError(
            'UNAUTHORIZED',
            `Sign-in to "${this.serverName}" timed out: the browser did not come back to ${this.redirectUrl} within ${Math.round(timeoutMs / 1000)} s.`,
            `Start it again: switchyard server auth ${this.serverName}`,
            { reason: 'sign_in_timeout', server: this.serverName },
          ),
        ),
      timeoutMs,
    );
    const onAbort = () =>
      this.fail(new SwitchyardError('UNAUTHORIZED', `Sign-in to "${this.serverName}" was cancelled.`, undefined, { reason: 'sign_in_cancelled' }));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.result;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      await this.close();
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== callbackPath) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    if (this.settled) {
      page(response, 410, 'This sign-in link was already used', 'Start a new sign-in from Switchyard.');
      return;
    }
    const params = url.searchParams;
    const state = params.get('state');
    if (state !== this.state) {
      page(response, 400, 'Sign-in refused', 'The answer carried the wrong state, so it does not belong to the sign-in Switchyard started.');
      this.fail(
        new SwitchyardError(
          'UNAUTHORIZED',
          `Sign-in to "${this.serverName}" refused: the redirect carried ${state === null ? 'no state' : 'the wrong state'} (it does not answer the sign-in Switchyard started).`,
          `Start it again: switchyard server auth ${this.serverName}`,
          { reason: 'state_mismatch', server: this.serverName },
        ),
      );
      return;
    }
    const error = params.get('error');
    if (error) {
      const description = params.get('error_description');
      page(response, 400, 'Sign-in failed', `The authorization server answered: ${error}${description ? ` (${description})` : ''}.`);
      this.fail(
        new SwitchyardError(
          'UNAUTHORIZED',
          `Sign-in to "${this.serverName}" failed: the authorization server answered ${error}${description ? ` (${description.slice(0, 200)})` : ''}.`,
          `Start it again: switchyard server auth ${this.serverName}`,
          { reason: 'authorization_error', error, server: this.serverName },
        ),
      );
      return;
    }
    const code = params.get('code');
    if (!code) {
      page(response, 400, 'Sign-in failed', 'The answer carried no authorization code.');
      this.fail(
        new SwitchyardError('UNAUTHORIZED', `Sign-in to "${this.serverName}" failed: the redirect carried no authorization code.`, undefined, {
          reason: 'no_code',
        }),
      );
      return;
    }
    page(response, 200, `Signed in to ${this.serverName}`, 'You can close this tab and go back to Switchyard.');
    this.settled = true;
    const iss = params.get('iss');
    this.resolve({ code, ...(iss !== null ? { iss } : {}) });
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }
}

function page(response: http.ServerResponse, status: number, title: string, text: string): void {
  const escape = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  response
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
    .end(
      `<!doctype html><meta charset="utf-8"><title>${escape(title)}</title><body style="font-family:system-ui;margin:3rem"><h1>${escape(title)}</h1><p>${escape(text)}</p></body>\n`,
    );
}
