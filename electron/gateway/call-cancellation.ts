/**
 * One call's cancellation, set by the client session (a `notifications/cancelled`, a disconnect, a refused
 * server-to-client request) and watched by the relay. It does what an AbortController does here, without the
 * EventTarget machinery, which costs more than the rest of a call's bookkeeping on every single call.
 */
export class CallCancellation {
  aborted = false;
  /** What the canceller gave (a client's reason text, usually). */
  reason: unknown;
  private listeners: Array<(reason: unknown) => void> = [];

  cancel(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener(reason);
  }

  /** Calls `listener` once if the call is cancelled; returns the function that stops watching. */
  onCancel(listener: (reason: unknown) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }
}
