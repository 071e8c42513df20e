import type { SignInAttempt } from '../../../shared/catalog-types.js';
import { SwitchyardError } from '../../../shared/errors.js';
import type { OAuthSession } from './oauth-session.js';

/**
 * How a sign-in started from a window went on: the URL to open (`opened`: this process already opened it in the
 * system browser), or the sign-in ended before one was needed.
 */
export type SignInStart = { server: string; authorizationUrl: string; opened: boolean } | { server: string; required: false };

const defaultTimeoutMs = 5 * 60_000;

/**
 * Sign-ins started by a window (the server page's Sign in button), which cannot wait on one request for the
 * user to come back from the browser: each runs in the background, and what the window needs to show is kept
 * per server — pending with its authorization URL (the window opens it in the system browser), or failed with
 * the error — until the next attempt or a sign-out. Listeners hear every change (the control API turns it into
 * a `servers.changed` event), including the end of a sign-in that succeeded.
 */
export class SignInAttempts {
  private readonly attempts = new Map<string, { attempt: SignInAttempt; abort?: AbortController; done?: Promise<unknown> }>();
  private readonly listeners = new Set<(server: string) => void>();

  constructor(
    private readonly timeoutMs = defaultTimeoutMs,
    /** Opens the authorization URL in the user's browser from this process (the desktop app), if it can. */
    private readonly systemBrowser: () => ((url: string) => void | Promise<void>) | undefined = () => undefined,
  ) {}

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
    if (pending?.state === 'pending') return { server, authorizationUrl: pending.authorizationUrl, opened: false };
    const abort = new AbortController();
    let announce: (announced: { url: string; opened: boolean }) => void = () => undefined;
    const announced = new Promise<{ url: string; opened: boolean }>((resolve) => (announce = resolve));
    const done: Promise<void> = session
      .signIn({
        ...extra,
        timeoutMs: this.timeoutMs,
        signal: abort.signal,
        openBrowser: async (url) => {
          this.set(server, { attempt: { state: 'pending', authorizationUrl: url.href, startedAt: new Date().toISOString() }, abort, done });
          const browser = this.systemBrowser();
          // A browser that cannot be opened leaves the link on the page: the window says to open it by hand.
          const opened = browser
            ? await Promise.resolve(browser(url.href)).then(
                () => true,
                () => false,
              )
            : false;
          announce({ url: url.href, opened });
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
    const first = await Promise.race([announced, done.then(() => undefined)]);
    return first !== undefined ? { server, authorizationUrl: first.url, opened: first.opened } : { server, required: false };
  }

  /**
   * The window's Cancel: stops a sign-in that waits for the browser and answers once it has ended (its loopback
   * listener closed), so the server is back to its state before; a failed attempt is forgotten too. Answers
   * whether a sign-in was waiting.
   */
  async cancel(server: string): Promise<boolean> {
    const current = this.attempts.get(server);
    const waiting = current?.attempt.state === 'pending';
    current?.abort?.abort();
    await current?.done?.catch(() => undefined);
    if (this.attempts.get(server) === current) this.attempts.delete(server);
    this.emit(server);
    return waiting;
  }

  /** At sign-out: stops a pending sign-in, forgets a failed one, and tells the listeners the state changed. */
  reset(server: string): void {
    const current = this.attempts.get(server);
    current?.abort?.abort();
    this.attempts.delete(server);
    this.emit(server);
  }

  private set(server: string, value: { attempt: SignInAttempt; abort?: AbortController; done?: Promise<unknown> }): void {
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
    // The hint is the CLI's wording (it names `switchyard server auth`): the window words its own from the reason.
    return { state: 'failed', at, code: error.code, message: error.message, ...(reason ? { reason } : {}) };
  }
  return { state: 'failed', at, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
