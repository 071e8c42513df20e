/** How long an HTTP session may sit unused, and how many may be open at once (both documented in the README). */
export interface SessionLimits {
  /** A session with no request, no open stream and no answer pending for this long is ended (0: never). */
  idleTimeoutMs: number;
  /** Open sessions (Streamable HTTP and legacy SSE together); an initialize past it is refused with 503. */
  maxSessions: number;
}

export const defaultSessionLimits: SessionLimits = { idleTimeoutMs: 30 * 60 * 1000, maxSessions: 1000 };

/** What the registry needs of a session transport. */
export interface RegisteredSession {
  readonly sessionId: string;
  /** True while a request is being answered or a stream is open: such a session is not idle. */
  readonly inUse: boolean;
  /** Runs the listener once the session has ended, however it ended (DELETE, stream closed, expiry, shutdown). */
  onceClosed(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * The open HTTP sessions of one endpoint: found by id, forgotten as soon as they end, ended after the idle
 * timeout, and capped in number. Idle time counts from the last moment the session was in use.
 */
export class SessionRegistry<T extends RegisteredSession> {
  private readonly entries = new Map<string, { session: T; lastUsed: number }>();
  private readonly sweeper: NodeJS.Timeout | undefined;

  constructor(
    readonly limits: SessionLimits,
    private readonly now: () => number = Date.now,
  ) {
    if (limits.idleTimeoutMs > 0) {
      // A quarter of the timeout (at most a minute) between sweeps: a session ends at most 25% late.
      this.sweeper = setInterval(() => void this.expireIdle(), Math.max(50, Math.min(limits.idleTimeoutMs / 4, 60_000)));
      this.sweeper.unref();
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** False when another session would pass the cap. */
  hasRoom(): boolean {
    return this.entries.size < this.limits.maxSessions;
  }

  add(session: T): void {
    this.entries.set(session.sessionId, { session, lastUsed: this.now() });
    session.onceClosed(() => this.entries.delete(session.sessionId));
  }

  /** The session with this id, marked as used now; undefined when there is none (ended, expired, never existed). */
  use(sessionId: string): T | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    entry.lastUsed = this.now();
    return entry.session;
  }

  /** Ends every session unused for longer than the idle timeout; returns how many. */
  async expireIdle(): Promise<number> {
    const now = this.now();
    const expired: T[] = [];
    for (const entry of this.entries.values()) {
      if (entry.session.inUse) entry.lastUsed = now;
      else if (now - entry.lastUsed >= this.limits.idleTimeoutMs) expired.push(entry.session);
    }
    await Promise.all(expired.map((session) => session.close()));
    return expired.length;
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.entries.values()].map((entry) => entry.session.close()));
  }
}
