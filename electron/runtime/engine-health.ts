import { EventEmitter } from 'node:events';
import type Docker from 'dockerode';
import type { EngineStatus } from '../../shared/domain.js';
import type { EngineRequestOutcome, EngineRequests } from './engine-requests.js';

/**
 * Whether the Docker engine answers, as every engine request finds it (engine-requests.ts): one unanswered
 * request (no answer in time, no connection) makes it unreachable, any answer makes it reachable again. While
 * it is unreachable it is pinged every `pingEveryMs` (default 2 s), so that the state recovers without traffic.
 * 'change' is emitted when reachability flips.
 */
export class EngineHealth extends EventEmitter<{ change: [EngineStatus] }> {
  private state: EngineStatus;
  private pinger: NodeJS.Timeout | undefined;
  private pinging = false;
  private readonly stopObserving: () => void;

  constructor(
    private readonly docker: Docker,
    requests: EngineRequests,
    dockerHost: string,
    private readonly pingEveryMs = 2000,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.state = { reachable: true, dockerHost, timeoutMs: requests.timeoutMs };
    this.stopObserving = requests.observe((outcome) => this.heard(outcome));
  }

  status(): EngineStatus {
    return this.state;
  }

  /** Stops listening and pinging (the runtime is done). */
  dispose(): void {
    this.stopObserving();
    clearInterval(this.pinger);
    this.pinger = undefined;
  }

  private heard(outcome: EngineRequestOutcome): void {
    if (outcome.answered) {
      if (this.state.reachable) return;
      clearInterval(this.pinger);
      this.pinger = undefined;
      this.state = { reachable: true, dockerHost: this.state.dockerHost, timeoutMs: this.state.timeoutMs };
      this.emit('change', this.state);
      return;
    }
    const reason = reasonOf(outcome.error);
    if (!this.state.reachable) return void (this.state = { ...this.state, engineCall: outcome.call, reason });
    this.state = { ...this.state, reachable: false, since: this.now(), engineCall: outcome.call, reason };
    this.pinger = setInterval(() => this.ping(), this.pingEveryMs);
    this.pinger.unref();
    this.emit('change', this.state);
  }

  /** One ping at a time: against a silent engine each one waits out the engine timeout. */
  private ping(): void {
    if (this.pinging) return;
    this.pinging = true;
    this.docker
      .ping()
      .catch(() => undefined)
      .finally(() => (this.pinging = false));
  }
}

function reasonOf(error: unknown): string {
  const details = (error as { details?: { reason?: unknown } }).details;
  if (typeof details?.reason === 'string') return details.reason;
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : 'no answer';
}
