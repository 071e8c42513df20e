import type { CallEnd, CallInfo, CallInterceptor } from '../gateway/call-interceptors.js';
import type { CallMethod } from './call-record.js';
import type { EndCall, HistoryStore } from './history-store.js';

/**
 * Records every intercepted call: a `running` record when it starts, its outcome when it ends. Nothing here
 * runs on the caller's critical path: the start is queued for the next turn of the event loop, the gateway
 * reports the end after the answer is sent, the store only queues, and batches are written by its writer
 * thread. Secrets are redacted before anything is stored or streamed. Placed first among the interceptors, it
 * sees calls a policy then denies. `enabled` is asked at each call's start (history.enabled in the settings): a
 * call that started unrecorded is not recorded when it ends.
 */
export function recordingInterceptor(history: HistoryStore, enabled: () => boolean = () => true): CallInterceptor {
  // Calls that started while recording was off (rare, so the usual path only asks an empty set).
  const unrecorded = new WeakSet<CallInfo>();
  // Starts wait here for the next turn of the event loop, all of them behind one setImmediate.
  let starting: Array<{ call: CallInfo; args: unknown }> = [];
  const beginAll = () => {
    const batch = starting;
    starting = [];
    for (const { call, args } of batch) {
      history.begin({
        id: call.id,
        traceId: call.traceId,
        startedAt: call.startedAt,
        client: call.client,
        server: call.server,
        method: call.method as CallMethod,
        name: call.name,
        arguments: args,
      });
    }
  };
  return {
    before(call) {
      if (!enabled()) return void unrecorded.add(call);
      // The arguments as the caller sent them: a hook may rewrite call.arguments before the deferred begin runs.
      if (starting.push({ call, args: call.arguments }) === 1) setImmediate(beginAll);
    },
    ended(call, end, durationMs) {
      if (unrecorded.has(call)) return;
      const outcome = endOf(call, end);
      outcome.durationMs = durationMs;
      history.end(call.id, outcome);
    },
  };
}

/** How a call ended, as the history records it. */
export function endOf(call: CallInfo, end: CallEnd): EndCall {
  switch (end.kind) {
    case 'denied':
      return { status: 'denied', error: end.reason };
    case 'cancelled':
      return { status: 'cancelled', ...(end.reason ? { error: end.reason } : {}) };
    case 'timeout':
      return { status: 'timeout', error: `no answer within the call timeout; cancelled after ${Math.round(end.afterMs)} ms` };
    case 'outcome': {
      const { outcome } = end;
      if ('error' in outcome) return { status: 'protocol_error', error: outcome.error.message };
      const toolError = call.method === 'tools/call' && outcome.result.isError === true;
      return { status: toolError ? 'tool_error' : 'ok', result: outcome.result };
    }
  }
}
