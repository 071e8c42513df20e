import type { SignInAttempt } from '../../../shared/catalog-types.js';
import { SwitchyardError } from '../../../shared/errors.js';
import type { OAuthSession } from './oauth-session.js';

/** How a sign-in started from a window went on: the URL to open, or the sign-in ended before one was needed. */
export type SignInStart = { server: string; authorizationUrl: string } | { server: string; required: false };

const defaultTimeoutMs = 5 * 60_000;

/**
 * Sign-ins started by a window (the server page's Sign in button), which cannot wait on one request for the
 * user to come back from the browser: each runs in the background, and what the window needs to show is kept
 * per server — pending with its authorization URL (the window opens it in the system browser), or failed with
 * the error — until the next attempt or a sign-out. Listeners hear every change (the control API turns it into
 * a `servers.changed` event), including the end of a sign-in that succeeded.
 */
export class SignInAttempts {
  private readonly attempts = new Map<string, { attempt: SignInAttempt; abort?: AbortController }>();
  private readonly listeners = new Set<(server: string) => void>();

  constructor(private readonly timeoutMs = defaultTimeoutMs) {}

  /** The attempt to show for a server (none after a success, or when the window never started one). */
  get(server: string): SignInAttempt | undefined {
    return this.attempts.get(server)?.attempt;
  }

  onChange(listener: (server: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts a sign-in (or joins the one pending for this server) and answers as soon as the authorization URL is
   * known; the sign-in goes on until the browser comes back, the timeout passes or `reset` is called. Errors
   * before the URL (discovery, registration, an insecure authorization server) reject here, and are kept.
   */
  async begin(session: OAuthSession, extra: { client?: { client_id: string; client_secret?: string } } = {}): Promise<SignInStart> {
    const server = session.server;
    const pending = this.attempts.get(server)?.attempt;
    if (pending?.state === 'pending') return { server, authorizationUrl: pending.authorizationUrl };
    const abort = new AbortController();
    let announce: (url: string) => void = () => undefined;
    const announced = new Promise<string>((resolve) => (announce = resolve));
    const done = session
      .signIn({
        ...extra,
        timeoutMs: this.timeoutMs,
        signal: abort.signal,
        openBrowser: (url) => {
          this.set(server, { attempt: { state: 'pending', authorizationUrl: url.href, startedAt: new Date().toISOString() }, abort });
          announce(url.href);
        },
      })
      .then(
        () => {
          this.attempts.delete(server);
          this.emit(server);
        },
        (error: unknown) => {
          // A cancelled sign-in was forgotten by reset(); any other failure stays on show until the next attempt.
          if (!abort.signal.aborted) this.set(server, { attempt: failedAttempt(error) });
          throw error;
        },
      );
    done.catch(() => undefined); // kept as the failed attempt once the caller of begin() has the URL
    const first = await Promise.race([announced.then((url) => ({ url })), done.then(() => ({ url: undefined }))]);
    return first.url !== undefined ? { server, authorizationUrl: first.url } : { server, required: false };
  }

  /** At sign-out: stops a pending sign-in, forgets a failed one, and tells the listeners the state changed. */
  reset(server: string): void {
    const current = this.attempts.get(server);
    current?.abort?.abort();
    this.attempts.delete(server);
    this.emit(server);
  }

  private set(server: string, value: { attempt: SignInAttempt; abort?: AbortController }): void {
    this.attempts.set(server, value);
    this.emit(server);
  }

  private emit(server: string): void {
    for (const listener of this.listeners) listener(server);
  }
}

function failedAttempt(error: unknown): SignInAttempt {
  const at = new Date().toISOString();
  if (error instanceof SwitchyardError) {
    const reason = typeof error.details?.reason === 'string' ? error.details.reason : undefined;
    return { state: 'failed', at, code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}), ...(reason ? { reason } : {}) };
  }
  return { state: 'failed', at, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
