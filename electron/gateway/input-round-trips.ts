import { randomUUID } from 'node:crypto';
import { errorOutcome, rpcErrorCodes, type RpcOutcome } from './json-rpc.js';

/** A question a server put to the client while serving a call, waiting for the client's answer. */
interface Ask {
  key: string;
  method: string;
  params: Record<string, unknown> | undefined;
  answer: (outcome: RpcOutcome) => void;
}

/** How many `input_required` rounds one call may take against a 2026-era backend (the SDK client's default cap). */
export const maxInputRounds = 10;

/**
 * The mirror of InputRoundTrips, for a 2025-era caller of a 2026-era backend: each embedded input request of an
 * `input_required` result becomes a server-to-client request to the caller (elicitation/create,
 * sampling/createMessage, roots/list), and the answers, under the backend's own keys, form the `inputResponses`
 * of the retry. An input request the caller cannot answer fails the whole round, naming which and why.
 */
export async function answerInputRequests(
  inputRequests: unknown,
  relay: (method: string, params: Record<string, unknown> | undefined) => Promise<RpcOutcome>,
): Promise<{ responses: Record<string, unknown> } | { failed: string }> {
  const entries = typeof inputRequests === 'object' && inputRequests !== null ? Object.entries(inputRequests as Record<string, unknown>) : [];
  const responses: Record<string, unknown> = {};
  for (const [key, request] of entries) {
    const { method, params } = (request ?? {}) as { method?: unknown; params?: unknown };
    if (typeof method !== 'string') return { failed: `input request "${key}" names no method` };
    const outcome = await relay(method, typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : undefined);
    if ('error' in outcome) return { failed: `${method} (input request "${key}") failed: ${outcome.error.message}` };
    responses[key] = outcome.result;
  }
  return { responses };
}

/** How long a client may take to retry with its answers before the server's questions are declined. */
const answerTimeoutMs = 10 * 60_000;

/**
 * Translation between the eras for input a server needs mid-call. A 2025-era server sends a JSON-RPC request
 * (sampling, elicitation, roots) and waits; a 2026-era client cannot receive one, so the gateway answers the
 * client's call with an `input_required` result carrying those requests and an opaque requestState, keeps
 * the server's call open, and resumes it when the client retries with `inputResponses`.
 */
export class InputRoundTrips {
  private readonly open = new Map<string, RoundTrip>();

  /** Runs a call whose server-to-client questions are collected by `asker` instead of being sent. */
  start(
    run: (
      ask: (method: string, params: Record<string, unknown> | undefined) => Promise<RpcOutcome>,
      fail: (outcome: RpcOutcome) => void,
    ) => Promise<RpcOutcome>,
  ): Promise<RpcOutcome> {
    const trip = new RoundTrip();
    let fail: (outcome: RpcOutcome) => void = () => undefined;
    const failed = new Promise<RpcOutcome>((resolve) => (fail = resolve));
    trip.final = Promise.race([run((method, params) => trip.ask(method, params), fail), failed]);
    return this.step(trip);
  }

  /** True when a retry carries a requestState this gateway issued. */
  owns(requestState: unknown): boolean {
    return typeof requestState === 'string' && this.open.has(requestState);
  }

  /** Delivers the client's answers and continues the call: its final result, or the next questions. */
  resume(requestState: string, inputResponses: Record<string, unknown> | undefined): Promise<RpcOutcome> {
    const trip = this.open.get(requestState);
    if (!trip) return Promise.resolve(errorOutcome(rpcErrorCodes.invalidParams, 'requestState is unknown or expired: call again without it.'));
    this.open.delete(requestState);
    clearTimeout(trip.expiry);
    trip.answer(inputResponses ?? {});
    return this.step(trip);
  }

  private async step(trip: RoundTrip): Promise<RpcOutcome> {
    const next = await trip.next();
    if (next.kind === 'final') return next.outcome;
    const requestState = `switchyard:${randomUUID()}`;
    this.open.set(requestState, trip);
    trip.expiry = setTimeout(() => {
      this.open.delete(requestState);
      trip.decline('the client did not answer in time');
    }, answerTimeoutMs);
    trip.expiry.unref?.();
    const inputRequests = Object.fromEntries(
      next.asks.map((ask) => [ask.key, ask.params === undefined ? { method: ask.method } : { method: ask.method, params: ask.params }]),
    );
    return { result: { resultType: 'input_required', inputRequests, requestState } };
  }
}

class RoundTrip {
  final!: Promise<RpcOutcome>;
  expiry: NodeJS.Timeout | undefined;
  private pending: Ask[] = [];
  private sent: Ask[] = [];
  private wake: (() => void) | undefined;
  private counter = 0;

  ask(method: string, params: Record<string, unknown> | undefined): Promise<RpcOutcome> {
    return new Promise((answer) => {
      this.pending.push({ key: `q${++this.counter}`, method, params, answer });
      this.wake?.();
    });
  }

  /** Waits for the call to finish or for questions, whichever comes first. */
  async next(): Promise<{ kind: 'final'; outcome: RpcOutcome } | { kind: 'ask'; asks: Ask[] }> {
    if (this.pending.length === 0) {
      const asked = new Promise<void>((resolve) => (this.wake = resolve));
      const winner = await Promise.race([this.final.then((outcome) => ({ outcome })), asked.then(() => undefined)]);
      this.wake = undefined;
      if (winner && this.pending.length === 0) return { kind: 'final', outcome: winner.outcome };
    }
    // Questions a server asks together (often in separate writes) travel in one round.
    await new Promise((resolve) => setTimeout(resolve, 15));
    this.sent = this.pending;
    this.pending = [];
    return { kind: 'ask', asks: this.sent };
  }

  answer(responses: Record<string, unknown>): void {
    for (const ask of this.sent) {
      const response = responses[ask.key];
      ask.answer(
        response && typeof response === 'object'
          ? { result: response as Record<string, unknown> }
          : errorOutcome(rpcErrorCodes.invalidParams, `The client sent no answer for ${ask.method}.`),
      );
    }
    this.sent = [];
  }

  decline(reason: string): void {
    for (const ask of [...this.sent, ...this.pending]) ask.answer(errorOutcome(rpcErrorCodes.internalError, reason));
    this.sent = [];
    this.pending = [];
  }
}
