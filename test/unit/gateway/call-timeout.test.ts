import { Client, InMemoryTransport, type JSONRPCMessage } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/logger.js';
import type { CallEnd, CallInterceptor } from '../../../electron/gateway/call-interceptors.js';
import { awaitWithinLimit, timeoutOutcome } from '../../../electron/gateway/call-timeout.js';
import { Gateway } from '../../../electron/gateway/gateway.js';
import type { RpcOutcome } from '../../../electron/gateway/json-rpc.js';
import { serversFromSettings } from '../../../electron/servers/server-definitions.js';
import { SettingsSchema } from '../../../electron/settings/settings-schema.js';
import { FakeRuntime, type FakeBackend } from '../engine/support/fake-runtime.js';

describe('awaitWithinLimit', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes the answer through when it comes in time, and never cancels', async () => {
    vi.useFakeTimers();
    const cancel = vi.fn();
    const answer = awaitWithinLimit(Promise.resolve({ result: { ok: true } }), 1000, cancel);
    await expect(answer).resolves.toEqual({ outcome: { result: { ok: true } } });
    vi.advanceTimersByTime(5000);
    expect(cancel).not.toHaveBeenCalled();
  });

  it('cancels and reports the wait once the limit runs out', async () => {
    vi.useFakeTimers();
    const cancel = vi.fn();
    const never = new Promise<RpcOutcome>(() => undefined);
    const answer = awaitWithinLimit(never, 2000, cancel);
    await vi.advanceTimersByTimeAsync(2000);
    const settled = await answer;
    expect('timedOutAfterMs' in settled).toBe(true);
    expect(cancel).toHaveBeenCalledWith('Switchyard call timeout: no answer within 2 s');
  });

  it('keeps each call to its own limit when limits differ and answers come and go', async () => {
    vi.useFakeTimers();
    const cancelled: string[] = [];
    const never = () => new Promise<RpcOutcome>(() => undefined);
    let releaseFast!: (outcome: RpcOutcome) => void;
    const slow = awaitWithinLimit(never(), 3000, () => cancelled.push('slow'));
    const answered = awaitWithinLimit(new Promise<RpcOutcome>((resolve) => (releaseFast = resolve)), 500, () => cancelled.push('answered'));
    const short = awaitWithinLimit(never(), 1000, () => cancelled.push('short'));
    releaseFast({ result: {} });
    await expect(answered).resolves.toEqual({ outcome: { result: {} } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(cancelled).toEqual(['short']);
    expect('timedOutAfterMs' in (await short)).toBe(true);
    await vi.advanceTimersByTimeAsync(1999);
    expect(cancelled).toEqual(['short']);
    await vi.advanceTimersByTimeAsync(1);
    expect(cancelled).toEqual(['short', 'slow']);
    expect('timedOutAfterMs' in (await slow)).toBe(true);
  });

  it('has no limit for 0 or undefined', async () => {
    vi.useFakeTimers();
    const cancel = vi.fn();
    let release!: (outcome: RpcOutcome) => void;
    const answer = awaitWithinLimit(new Promise<RpcOutcome>((resolve) => (release = resolve)), 0, cancel);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    release({ result: {} });
    await expect(answer).resolves.toEqual({ outcome: { result: {} } });
    expect(cancel).not.toHaveBeenCalled();
  });
});

describe('timeoutOutcome', () => {
  it('answers a tool call with a tool error naming the server, tool, limit and settings', () => {
    const outcome = timeoutOutcome({ method: 'tools/call', server: 'files', name: 'search', limitMs: 30_000 });
    expect(outcome).toMatchObject({ result: { isError: true } });
    const text = 'result' in outcome ? (outcome.result.content as Array<{ text: string }>)[0]!.text : '';
    for (const part of ['server "files"', 'tool "search"', '30 s', 'servers.files.callTimeoutSeconds', 'gateway.callTimeoutSeconds'])
      expect(text).toContain(part);
  });

  it('answers other methods with a JSON-RPC error', () => {
    const outcome = timeoutOutcome({ method: 'resources/read', server: 'files', name: 'file:///a', limitMs: 1500 });
    expect('error' in outcome && outcome.error.message).toContain('resource "file:///a" within 1.5 s');
  });
});

describe('call timeout settings', () => {
  it('give every server the gateway default (300 s), a server its own override, and 0 no limit', () => {
    const limits = (settings: Record<string, unknown>) =>
      Object.fromEntries(serversFromSettings(SettingsSchema.parse({ version: 1, ...settings })).map((server) => [server.name, server.callTimeoutMs]));
    const servers = { a: { image: 'x/a' }, b: { image: 'x/b', callTimeoutSeconds: 30 }, c: { image: 'x/c', callTimeoutSeconds: 0 } };
    expect(limits({ servers })).toEqual({ a: 300_000, b: 30_000, c: undefined });
    expect(limits({ servers, gateway: { callTimeoutSeconds: 0 } })).toEqual({ a: undefined, b: 30_000, c: undefined });
  });
});

describe('call timeouts in the gateway', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  async function setUp(callTimeoutMs: number, runtime = new FakeRuntime()) {
    const ends: CallEnd[] = [];
    const recorder: CallInterceptor = { ended: (_call, end) => void ends.push(end) };
    const gateway = new Gateway({
      runtime,
      servers: [{ name: 'fake', image: 'test/fake:1', callTimeoutMs }],
      version: 'test',
      logger: silentLogger,
      interceptors: [recorder],
    });
    cleanups.push(() => gateway.close());
    await gateway.start();
    const [clientSide, gatewaySide] = InMemoryTransport.createLinkedPair();
    await gateway.connect(gatewaySide);
    const client = new Client({ name: 'timeout-test', version: '1.0.0' });
    await client.connect(clientSide);
    cleanups.push(() => client.close());
    return { runtime, client, ends };
  }

  const textOf = (result: { content?: unknown }) => (result.content as Array<{ text?: string }>).map((c) => c.text ?? '').join('');

  it('cancels a call at the server, answers a timeout tool error, records it as timeout, and keeps serving', async () => {
    const { runtime, client, ends } = await setUp(300);
    await client.listTools();
    const backend = runtime.backends[0] as FakeBackend;

    const result = await client.callTool({ name: 'slow', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('did not answer tool "slow" within 0.3 s');
    await vi.waitFor(() => expect(backend.aborted).toHaveLength(1));
    const cancelled = backend.received.find(
      (m): m is JSONRPCMessage & { params: { reason: string } } => 'method' in m && m.method === 'notifications/cancelled',
    );
    expect(cancelled?.params.reason).toContain('call timeout');
    // The gateway reports the end after the answer is sent.
    await vi.waitFor(() => expect(ends.at(-1)).toMatchObject({ kind: 'timeout' }));

    // The slow tool now answers (it was aborted): that late answer must not surface anywhere; the next call works.
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'still serving' } }))).toBe('still serving');
    await vi.waitFor(() => expect(ends.at(-1)).toMatchObject({ kind: 'outcome' }));
    expect(runtime.backends).toHaveLength(1);
  });

  it('does not count the container start against the call', async () => {
    const runtime = new FakeRuntime();
    let open!: () => void;
    runtime.gate = new Promise<void>((resolve) => (open = resolve));
    const { client } = await setUp(300, runtime);
    const call = client.callTool({ name: 'echo', arguments: { text: 'after a slow start' } });
    await vi.waitFor(() => expect(runtime.openCalls).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 600));
    open();
    expect(textOf(await call)).toBe('after a slow start');
  });
});
