import { describe, expect, it } from 'vitest';
import { callSpan, errorMessageMaxChars } from '../../../electron/telemetry/call-span.js';
import { sampleCall } from './support.js';

const okResult = { kind: 'outcome', outcome: { result: { content: [{ type: 'text', text: 'RESULT-PAYLOAD sk-live-ARGUMENT-SECRET-123' }] } } } as const;

describe('callSpan', () => {
  it('names the span <method> <server>/<name> and carries the MCP, GenAI and Switchyard attributes', () => {
    const span = callSpan(sampleCall(), okResult, 12.5);
    expect(span.name).toBe('tools/call every/echo');
    expect(span.startTime).toBe(sampleCall().startedAt);
    expect(span.endTime).toBe(sampleCall().startedAt + 12.5);
    expect(span.status).toBe('ok');
    expect(span.errorMessage).toBeUndefined();
    expect(span.attributes).toEqual({
      'mcp.method.name': 'tools/call',
      'mcp.session.id': 'session-7',
      'gen_ai.tool.name': 'echo',
      'gen_ai.operation.name': 'execute_tool',
      'switchyard.server': 'every',
      'switchyard.status': 'ok',
      'switchyard.client.name': 'claude-code',
      'switchyard.client.version': '2.1.0',
    });
  });

  it('uses the prompt and resource attributes for prompts/get and resources/read, and omits an unknown client', () => {
    const prompt = callSpan(
      sampleCall({ method: 'prompts/get', name: 'simple-prompt', client: { sessionId: 's' } }),
      { kind: 'outcome', outcome: { result: {} } },
      1,
    );
    expect(prompt.name).toBe('prompts/get every/simple-prompt');
    expect(prompt.attributes).toMatchObject({ 'gen_ai.prompt.name': 'simple-prompt', 'mcp.method.name': 'prompts/get' });
    expect(prompt.attributes).not.toHaveProperty('gen_ai.tool.name');
    expect(prompt.attributes).not.toHaveProperty('switchyard.client.name');
    const read = callSpan(sampleCall({ method: 'resources/read', name: 'demo://resource/static/1' }), { kind: 'outcome', outcome: { result: {} } }, 1);
    expect(read.name).toBe('resources/read every/demo://resource/static/1');
    expect(read.attributes['mcp.resource.uri']).toBe('demo://resource/static/1');
  });

  it('maps every way a call ends to the history status, with an error status and error.type for failures', () => {
    const call = sampleCall();
    const toolError = callSpan(call, { kind: 'outcome', outcome: { result: { content: [{ type: 'text', text: 'RESULT-PAYLOAD' }], isError: true } } }, 1);
    expect(toolError).toMatchObject({ status: 'tool_error', errorMessage: 'the tool returned an error result' });
    expect(toolError.attributes).toMatchObject({ 'switchyard.status': 'tool_error', 'error.type': 'tool_error' });

    const protocol = callSpan(call, { kind: 'outcome', outcome: { error: { code: -32602, message: 'Invalid params for echo' } } }, 1);
    expect(protocol).toMatchObject({ status: 'protocol_error', errorMessage: 'Invalid params for echo' });
    expect(protocol.attributes).toMatchObject({ 'error.type': '-32602', 'rpc.response.status_code': '-32602' });

    const denied = callSpan(call, { kind: 'denied', reason: 'every echo is denied by your settings.' }, 0);
    expect(denied).toMatchObject({ status: 'denied', errorMessage: 'denied by policy: every echo is denied by your settings.' });
    expect(denied.attributes['error.type']).toBe('denied');

    const timeout = callSpan(call, { kind: 'timeout', afterMs: 30_000 }, 30_000);
    expect(timeout).toMatchObject({ status: 'timeout', errorMessage: 'no answer within 30 s' });

    const cancelled = callSpan(call, { kind: 'cancelled', reason: 'user pressed stop' }, 3);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.errorMessage).toBeUndefined();
    expect(cancelled.attributes).not.toHaveProperty('error.type');
  });

  it('never carries arguments or result content, and redacts and caps error texts', () => {
    const spans = [
      callSpan(sampleCall(), okResult, 1),
      callSpan(sampleCall(), { kind: 'outcome', outcome: { result: { content: [{ type: 'text', text: 'RESULT-PAYLOAD' }], isError: true } } }, 1),
    ];
    for (const span of spans) {
      const text = JSON.stringify(span);
      expect(text).not.toContain('ARGUMENT-SECRET');
      expect(text).not.toContain('RESULT-PAYLOAD');
    }
    const long = callSpan(sampleCall(), { kind: 'outcome', outcome: { error: { code: -32603, message: `token hunter2 ${'x'.repeat(1000)}` } } }, 1, (text) =>
      text.replace('hunter2', '[redacted:every.key]'),
    );
    expect(long.errorMessage).toMatch(/^token \[redacted:every\.key\] x+…$/);
    expect(long.errorMessage).toHaveLength(errorMessageMaxChars);
  });
});
