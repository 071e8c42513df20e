import type { Logger } from '../../../electron/core/logger.js';
import type { CallInfo } from '../../../electron/gateway/call-interceptors.js';

/** A call as the gateway hands it to interceptors, with an argument that looks like a secret. */
export function sampleCall(fields: Partial<CallInfo> = {}): CallInfo {
  return {
    id: 'call-1',
    traceId: '0af7651916cd43dd8448eb211c80319c',
    startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    client: { name: 'claude-code', version: '2.1.0', sessionId: 'session-7' },
    server: 'every',
    method: 'tools/call',
    name: 'echo',
    arguments: { message: 'sk-live-ARGUMENT-SECRET-123' },
    ...fields,
  };
}

export function recordingLogger(): Logger & { lines: Array<{ level: string; message: string }> } {
  const lines: Array<{ level: string; message: string }> = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
