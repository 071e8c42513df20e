import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import type { CallEnd, CallInfo } from '../gateway/call-interceptors.js';

/**
 * The MCP and GenAI attribute names are still "incubating" in the OTel semantic conventions; OTel asks
 * instrumentations to copy such names rather than import them from the unstable entry point, so they live here.
 */
export const mcpAttributes = {
  methodName: 'mcp.method.name',
  sessionId: 'mcp.session.id',
  resourceUri: 'mcp.resource.uri',
  toolName: 'gen_ai.tool.name',
  promptName: 'gen_ai.prompt.name',
  operationName: 'gen_ai.operation.name',
  rpcStatusCode: 'rpc.response.status_code',
} as const;

export const switchyardAttributes = {
  server: 'switchyard.server',
  status: 'switchyard.status',
  clientName: 'switchyard.client.name',
  clientVersion: 'switchyard.client.version',
} as const;

export type SpanCallStatus = 'ok' | 'tool_error' | 'protocol_error' | 'cancelled' | 'timeout' | 'denied';

/** One ended call as a span, before the SDK sees it. Holds no arguments and no result content, by construction. */
export interface CallSpan {
  name: string;
  /** Milliseconds since the epoch (fractions allowed). */
  startTime: number;
  endTime: number;
  attributes: Record<string, string | number>;
  status: SpanCallStatus;
  /** Set for failures: the span gets status ERROR with this message. */
  errorMessage?: string;
}

/** Longest status message exported: enough to tell what failed, too short to carry a payload along. */
export const errorMessageMaxChars = 300;

/**
 * Maps an ended call to its span: name `<method> <server>/<name>`, times from the call, the MCP/GenAI
 * attributes plus Switchyard's own, and an error status for failures. Error texts go through `redact` (stored
 * secret values out) and are capped; a tool error's message is never its result text, which is content.
 */
export function callSpan(call: CallInfo, end: CallEnd, durationMs: number, redact: (text: string) => string = (text) => text): CallSpan {
  const status = statusOf(call, end);
  const attributes: CallSpan['attributes'] = {
    [mcpAttributes.methodName]: call.method,
    [mcpAttributes.sessionId]: call.client.sessionId,
    [switchyardAttributes.server]: call.server,
    [switchyardAttributes.status]: status,
    ...targetAttributes(call),
    ...(call.client.name ? { [switchyardAttributes.clientName]: call.client.name } : {}),
    ...(call.client.version ? { [switchyardAttributes.clientVersion]: call.client.version } : {}),
  };
  const failure = failureOf(end, status);
  if (failure) {
    attributes[ATTR_ERROR_TYPE] = failure.type;
    if (failure.rpcCode !== undefined) attributes[mcpAttributes.rpcStatusCode] = String(failure.rpcCode);
  }
  return {
    name: `${call.method} ${call.server}/${call.name}`,
    startTime: call.startedAt,
    endTime: call.startedAt + Math.max(0, durationMs),
    attributes,
    status,
    ...(failure ? { errorMessage: cap(redact(failure.message)) } : {}),
  };
}

/** The same statuses the call history records (see history/recording-interceptor.ts). */
export function statusOf(call: Pick<CallInfo, 'method'>, end: CallEnd): SpanCallStatus {
  switch (end.kind) {
    case 'denied':
    case 'cancelled':
    case 'timeout':
      return end.kind;
    case 'outcome':
      if ('error' in end.outcome) return 'protocol_error';
      return call.method === 'tools/call' && end.outcome.result.isError === true ? 'tool_error' : 'ok';
  }
}

function targetAttributes(call: CallInfo): CallSpan['attributes'] {
  switch (call.method) {
    case 'tools/call':
      return { [mcpAttributes.toolName]: call.name, [mcpAttributes.operationName]: 'execute_tool' };
    case 'prompts/get':
      return { [mcpAttributes.promptName]: call.name };
    case 'resources/read':
      return { [mcpAttributes.resourceUri]: call.name };
    default:
      return {};
  }
}

/** Cancelled calls are not failures of the server or of the gateway: no error status, like history's error rate. */
function failureOf(end: CallEnd, status: SpanCallStatus): { type: string; message: string; rpcCode?: number } | undefined {
  switch (end.kind) {
    case 'denied':
      return { type: 'denied', message: `denied by policy: ${end.reason}` };
    case 'timeout':
      return { type: 'timeout', message: `no answer within ${Math.round(end.afterMs / 1000)} s` };
    case 'cancelled':
      return undefined;
    case 'outcome':
      if ('error' in end.outcome) return { type: String(end.outcome.error.code), message: end.outcome.error.message, rpcCode: end.outcome.error.code };
      return status === 'tool_error' ? { type: 'tool_error', message: 'the tool returned an error result' } : undefined;
  }
}

function cap(text: string): string {
  return text.length <= errorMessageMaxChars ? text : `${text.slice(0, errorMessageMaxChars - 1)}…`;
}

/** The span attributes that are safe as metric dimensions: bounded in number (no session ids, resource URIs or client versions). */
export function callMetricAttributes(span: CallSpan): Record<string, string> {
  const keep = [
    mcpAttributes.methodName,
    mcpAttributes.toolName,
    mcpAttributes.promptName,
    switchyardAttributes.server,
    switchyardAttributes.status,
    switchyardAttributes.clientName,
    ATTR_ERROR_TYPE,
  ];
  return Object.fromEntries(keep.flatMap((key) => (span.attributes[key] !== undefined ? [[key, String(span.attributes[key])]] : [])));
}
