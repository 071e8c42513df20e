import type { CallInterceptor } from '../gateway/call-interceptors.js';
import type { CallMethod } from './call-record.js';
import type { HistoryStore } from './history-store.js';

/**
 * Records every intercepted call: a `running` record when it starts, its outcome when it ends. The store only
 * queues (batches are written off the call path) and redacts secrets before anything is stored or streamed.
 * Placed first among the interceptors, it sees calls a policy then denies.
 */
export function recordingInterceptor(history: HistoryStore): CallInterceptor {
  return {
    before(call) {
      history.begin({
        id: call.id,
        traceId: call.traceId,
        startedAt: call.startedAt,
        client: { ...(call.client.name ? { name: call.client.name } : {}), ...(call.client.version ? { version: call.client.version } : {}), sessionId: call.client.sessionId },
        server: call.server,
        method: call.method as CallMethod,
        name: call.name,
        arguments: call.arguments,
      });
    },
    ended(call, end) {
      if (end.kind === 'denied') {
        history.end(call.id, { status: 'denied', error: end.reason });
        return;
      }
      if (end.kind === 'cancelled') {
        history.end(call.id, { status: 'cancelled', ...(end.reason ? { error: end.reason } : {}) });
        return;
      }
      if (end.kind === 'timeout') {
        history.end(call.id, { status: 'timeout', error: `no answer within the call timeout; cancelled after ${Math.round(end.afterMs)} ms` });
        return;
      }
      const { outcome } = end;
      if ('error' in outcome) {
        history.end(call.id, { status: 'protocol_error', error: outcome.error.message });
        return;
      }
      const toolError = call.method === 'tools/call' && outcome.result.isError === true;
      history.end(call.id, { status: toolError ? 'tool_error' : 'ok', result: outcome.result });
    },
  };
}
