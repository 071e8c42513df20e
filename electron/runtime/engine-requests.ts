import type Docker from 'dockerode';
import { SwitchyardError } from '../../shared/errors.js';

/** How long a request to the Docker engine may go unanswered by default (SWITCHYARD_ENGINE_TIMEOUT_SECONDS sets it). */
export const defaultEngineTimeoutMs = 30_000;

/** The engine timeout of this process: SWITCHYARD_ENGINE_TIMEOUT_SECONDS when it is a positive number, else 30 s. */
export function engineTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.SWITCHYARD_ENGINE_TIMEOUT_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : defaultEngineTimeoutMs;
}

/** One request's outcome as the engine's health sees it: answered (any HTTP status), or not (no answer in time, no connection). */
export type EngineRequestOutcome = { answered: true; call: string } | { answered: false; call: string; error: unknown };

/** The time limit on one engine's requests, and who hears how each ended. */
export interface EngineRequests {
  readonly timeoutMs: number;
  /** Hears every request's outcome until the returned function is called. */
  observe(listener: (outcome: EngineRequestOutcome) => void): () => void;
}

interface DialOptions {
  path: string;
  method: string;
  abortSignal?: AbortSignal;
  isStream?: boolean;
  hijack?: boolean;
}
type DialCallback = (error: unknown, data: unknown) => void;
type Modem = { dial(options: DialOptions, callback: DialCallback): void; [limited]?: EngineRequests };

const limited = Symbol('switchyard.engineRequests');

/**
 * Gives every request to the engine a time limit on its answer: a plain request must be answered whole, a stream
 * (events, image pull, logs) must get its headers, an attach its upgrade, within `timeoutMs`; past it the request
 * is aborted and fails with DOCKER_UNREACHABLE naming the call, the endpoint and the limit. Two requests wait
 * by design and are left alone: `docker wait` (answers when the container ends) and an image build (answers
 * once it has read the whole context); a stream's own silence after its headers is its reader's to judge
 * (pull and build by their progress, events by a periodic ping). Applied once per client; later calls return
 * the same limits.
 */
export function limitEngineRequests(docker: Docker, timeoutMs: number, endpoint: string): EngineRequests {
  const modem = docker.modem as unknown as Modem;
  const existing = modem[limited];
  if (existing) return existing;
  const listeners = new Set<(outcome: EngineRequestOutcome) => void>();
  const tell = (outcome: EngineRequestOutcome) => {
    for (const listener of listeners) listener(outcome);
  };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    const call = engineCall(options);
    if (waitsByDesign(options)) return dial(options, callback);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    timer.unref();
    const signal = options.abortSignal ? AbortSignal.any([options.abortSignal, controller.signal]) : controller.signal;
    dial({ ...options, abortSignal: signal }, (error, data) => {
      clearTimeout(timer);
      if (timedOut) {
        const failure = engineTimeout(call, endpoint, timeoutMs);
        tell({ answered: false, call, error: failure });
        // A stream that arrived after all is no one's: close it.
        (data as { destroy?: () => void } | null)?.destroy?.();
        return callback(failure, null);
      }
      if (!error || (error as { statusCode?: number }).statusCode) tell({ answered: true, call });
      else if (!options.abortSignal?.aborted) tell({ answered: false, call, error }); // the caller's own abort says nothing
      callback(error, data);
    });
  };
  const requests: EngineRequests = {
    timeoutMs,
    observe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  modem[limited] = requests;
  return requests;
}

/** The call as a person reads it: method and path without the query, a container id cut to 12 characters. */
export function engineCall(options: Pick<DialOptions, 'method' | 'path'>): string {
  const path = options.path.replace(/\?.*$/, '').replace(/^\/v\d+(\.\d+)?\//, '/');
  return `${options.method} ${path.replace(/\b([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1')}`;
}

function waitsByDesign(options: DialOptions): boolean {
  const path = options.path.replace(/\?.*$/, '');
  return /\/containers\/[^/]+\/wait$/.test(path) || /\/build$/.test(path);
}

export function engineTimeout(call: string, endpoint: string, timeoutMs: number): SwitchyardError {
  const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${timeoutMs / 1000} s`;
  return new SwitchyardError(
    'DOCKER_UNREACHABLE',
    `Docker engine not reachable at ${endpoint}: ${call} got no answer within ${limit}.`,
    'Start Docker (Docker Desktop, or `sudo systemctl start docker` / `sudo dockerd &` on Linux) if it is not running, or point DOCKER_HOST at a running engine; `docker info` tells whether it answers. SWITCHYARD_ENGINE_TIMEOUT_SECONDS sets how long the gateway waits.',
    { reason: 'timeout', engineCall: call, dockerHost: endpoint, timeoutMs },
  );
}
