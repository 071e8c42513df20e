import type { Client, ClientOptions, JSONRPCMessage } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../electron/core/logger.js';
import { BackendConnection } from '../../../electron/gateway/backend-connection.js';
import { inLegacyForm } from '../../../electron/gateway/backend-era.js';
import { Gateway } from '../../../electron/gateway/gateway.js';
import { StderrBuffer } from '../../../electron/runtime/stderr-buffer.js';
import { FakeRuntime, type FakeBackend, type FakeBackendMode } from './support/fake-runtime.js';
import { connectInMemoryClient } from './support/in-memory-client.js';

const server = { name: 'fake', image: 'test/fake-mcp:1.0' };
const modernClient: ClientOptions = { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { elicitation: { form: {} } } };
const gatewayInfo = { name: 'switchyard', version: '1.2.3-test' };

type Sent = JSONRPCMessage & { id?: number; method: string; params?: Record<string, unknown> };

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function startGateway(mode: FakeBackendMode): Promise<{ runtime: FakeRuntime; gateway: Gateway }> {
  const runtime = new FakeRuntime();
  runtime.mode = mode;
  const gateway = new Gateway({ runtime, servers: [server], version: gatewayInfo.version, logger: silentLogger });
  cleanups.push(() => gateway.close());
  await gateway.start();
  return { runtime, gateway };
}

/** A client of either era; `inbox` records what the gateway sent it. */
async function connectClient(gateway: Gateway, options: ClientOptions, name = 'test-client'): Promise<{ client: Client; inbox: JSONRPCMessage[] }> {
  const connected = await connectInMemoryClient(gateway, name, options);
  cleanups.push(() => connected.client.close());
  return connected;
}

function methodsOf(backend: FakeBackend): string[] {
  return backend.received.filter((m) => 'method' in m).map((m) => (m as Sent).method);
}

function sent(backend: FakeBackend, method: string): Sent[] {
  return backend.received.filter((m) => 'method' in m && m.method === method) as Sent[];
}

function textOf(result: { content?: unknown }): string {
  return (result.content as Array<{ type: string; text?: string }>).map((c) => c.text ?? '').join('');
}

const askedName = vi.fn(async () => ({ action: 'accept' as const, content: { name: 'Ada' } }));
afterEach(() => askedName.mockClear());

describe('backend protocol eras', () => {
  describe('era detection', () => {
    it('drives a 2026-capable backend started for a 2026-era client in 2026-07-28: discover, a listen stream, no initialize', async () => {
      const { runtime, gateway } = await startGateway('dual');
      const { client } = await connectClient(gateway, modernClient);
      expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('ask_name');
      const backend = runtime.backends[0]!;
      const methods = methodsOf(backend);
      expect(methods.slice(0, 2)).toEqual(['server/discover', 'subscriptions/listen']);
      expect(methods).not.toContain('initialize');
      expect(sent(backend, 'server/discover')[0]?.params?._meta).toMatchObject({
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientInfo': gatewayInfo,
      });
      // The gateway's own list reads are 2026 requests too, in its own name.
      expect(sent(backend, 'tools/list')[0]?.params?._meta).toMatchObject({
        'io.modelcontextprotocol/clientInfo': gatewayInfo,
        'io.modelcontextprotocol/clientCapabilities': {},
      });
    });

    it('drives a backend of both eras started for a 2025-era client in 2025-11-25, where its server-to-client requests work', async () => {
      const { runtime, gateway } = await startGateway('dual');
      const { client } = await connectClient(gateway, {});
      await client.listTools();
      expect(methodsOf(runtime.backends[0]!).slice(0, 3)).toEqual(['server/discover', 'initialize', 'notifications/initialized']);
    });

    it('drives a 2026-only backend in 2026-07-28 even for a 2025-era client (it refuses initialize)', async () => {
      const { runtime, gateway } = await startGateway('modern');
      const { client } = await connectClient(gateway, {});
      expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'modern' } }))).toBe('modern');
      const methods = methodsOf(runtime.backends[0]!);
      expect(methods.slice(0, 3)).toEqual(['server/discover', 'initialize', 'subscriptions/listen']);
      expect(methods).not.toContain('notifications/initialized');
    });

    it('falls back to initialize when the backend answers server/discover with "method not found"', async () => {
      const { runtime, gateway } = await startGateway('legacy');
      const { client } = await connectClient(gateway, {});
      await client.listTools();
      expect(methodsOf(runtime.backends[0]!).slice(0, 3)).toEqual(['server/discover', 'initialize', 'notifications/initialized']);
    });

    it('starts a backend that quits on the probe once more with initialize, and does not probe it again', async () => {
      const { runtime, gateway } = await startGateway('dies-on-probe');
      const { client } = await connectClient(gateway, {});
      expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'after the probe' } }))).toBe('after the probe');
      expect(runtime.openCalls).toHaveLength(2);
      expect(methodsOf(runtime.backends[1]!).slice(0, 2)).toEqual(['initialize', 'notifications/initialized']);
      expect(gateway.status().servers[0]?.stderrTail.join('\n')).toContain('ended during the server/discover probe');

      await gateway.stopServer('fake');
      await client.callTool({ name: 'echo', arguments: { text: 'again' } });
      expect(runtime.openCalls).toHaveLength(3);
      expect(methodsOf(runtime.backends[2]!)[0]).toBe('initialize');
    });

    it('counts a backend that does not answer the probe in time as 2025-era', async () => {
      const runtime = new FakeRuntime();
      runtime.mode = 'silent-probe';
      const transport = await runtime.open(server, new StderrBuffer());
      const backend = new BackendConnection(
        'fake',
        transport,
        { onNotification: () => undefined, onUnattributedRequest: async () => ({ result: {} }), onClose: () => undefined },
        () => 'closed',
      );
      cleanups.push(() => backend.close());
      const verdict = await backend.open(gatewayInfo, { probe: true, probeTimeoutMs: 50 });
      expect(verdict).toEqual({ era: 'legacy', reason: 'no answer to server/discover within 0.05 s' });
      expect(backend.era).toBe('legacy');
      expect(backend.serverInfo).toMatchObject({ name: 'fake-backend' });
    });
  });

  describe('a 2026-07-28 client in front of a 2026-era backend', () => {
    it("passes the backend's input_required through (its keys and requestState), and the client's retry back", async () => {
      const { runtime, gateway } = await startGateway('dual');
      const { client, inbox } = await connectClient(gateway, modernClient);
      client.setRequestHandler('elicitation/create', askedName);

      const result = await client.callTool({ name: 'ask_name', arguments: {} });
      expect(textOf(result)).toBe('hello Ada; state fake-state-1');
      expect(askedName).toHaveBeenCalledTimes(1);

      const inputRequired = inbox.find((m) => 'result' in m && (m.result as Record<string, unknown>).resultType === 'input_required') as
        { result: Record<string, unknown> } | undefined;
      expect(inputRequired?.result).toMatchObject({
        requestState: 'fake-state-1',
        inputRequests: { user_name: { method: 'elicitation/create', params: { message: 'Your name?' } } },
        _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'switchyard', version: gatewayInfo.version } },
      });

      const calls = sent(runtime.backends[0]!, 'tools/call');
      expect(calls).toHaveLength(2);
      expect(calls[0]?.params?._meta).toMatchObject({
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientInfo': gatewayInfo,
        'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } },
      });
      expect(calls[1]?.params).toMatchObject({
        name: 'ask_name',
        requestState: 'fake-state-1',
        inputResponses: { user_name: { action: 'accept', content: { name: 'Ada' } } },
      });
    });

    it('delivers a 2026 backend tools list change from its listen stream to the client', async () => {
      const { runtime, gateway } = await startGateway('modern');
      const { client } = await connectClient(gateway, {});
      await client.listTools();
      const changed = new Promise<void>((resolve) => client.setNotificationHandler('notifications/tools/list_changed', () => resolve()));
      runtime.backends[0]!.server.registerTool('late_tool', { description: 'Added while running' }, async () => ({ content: [] }));
      await changed;
      expect((await client.listTools(undefined, { cacheMode: 'bypass' })).tools.map((tool) => tool.name)).toContain('late_tool');
    });

    it('answers logging/setLevel for a 2026 backend and carries the level on its later requests', async () => {
      const { runtime, gateway } = await startGateway('modern');
      const { client } = await connectClient(gateway, { capabilities: {} });
      await client.setLoggingLevel('warning');
      await client.callTool({ name: 'echo', arguments: { text: 'x' } });
      const backend = runtime.backends[0]!;
      expect(methodsOf(backend)).not.toContain('logging/setLevel');
      expect(sent(backend, 'tools/call')[0]?.params?._meta).toMatchObject({ 'io.modelcontextprotocol/logLevel': 'warning' });
    });
  });

  describe('a 2025-era client in front of a 2026-only backend', () => {
    it("asks the client with elicitation/create for the backend's input request and retries the backend with the answer", async () => {
      const { runtime, gateway } = await startGateway('modern');
      const { client } = await connectClient(gateway, { capabilities: { elicitation: { form: {} } } });
      client.setRequestHandler('elicitation/create', askedName);

      const result = await client.callTool({ name: 'ask_name', arguments: {} });
      expect(textOf(result)).toBe('hello Ada; state fake-state-1');
      expect(askedName).toHaveBeenCalledTimes(1);
      expect(result).not.toHaveProperty('resultType');

      const calls = sent(runtime.backends[0]!, 'tools/call');
      expect(calls).toHaveLength(2);
      expect(calls[0]?.params?._meta).toMatchObject({ 'io.modelcontextprotocol/clientCapabilities': { elicitation: { form: {} } } });
      expect(calls[1]?.params).toMatchObject({ requestState: 'fake-state-1', inputResponses: { user_name: { action: 'accept', content: { name: 'Ada' } } } });
    });

    it('tells a client without the elicitation capability that the server needs it', async () => {
      const { gateway } = await startGateway('modern');
      const { client } = await connectClient(gateway, {}, 'plain');
      const outcome = await client.callTool({ name: 'ask_name', arguments: {} }).then(
        (result) => textOf(result),
        (error: Error) => error.message,
      );
      // The backend refuses (-32021) because the gateway declared only what this client can answer.
      expect(outcome).toContain('elicitation/create');
      expect(outcome).toContain('client capabilities do not declare the required capability');
    });

    it('turns a failed answer into a tool error naming the server and the input request', async () => {
      const { gateway } = await startGateway('modern');
      const { client } = await connectClient(gateway, { capabilities: { elicitation: { form: {} } } });
      client.setRequestHandler('elicitation/create', async () => {
        throw new Error('the user closed the dialog');
      });
      const result = await client.callTool({ name: 'ask_name', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('Server "fake" needed input from the client during tools/call');
      expect(textOf(result)).toContain('elicitation/create (input request "user_name") failed');
    });
  });
});

describe('a 2026-era caller relayed to a 2025-era backend', () => {
  it('loses its envelope (the backend’s client is the gateway), and keeps its own _meta', () => {
    const envelope = {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'c', version: '1' },
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    expect(inLegacyForm({ name: 'echo', _meta: { ...envelope, progressToken: 7 } })).toEqual({ name: 'echo', _meta: { progressToken: 7 } });
    expect(inLegacyForm({ name: 'echo', _meta: envelope })).toEqual({ name: 'echo' });
    const plain = { name: 'echo', _meta: { progressToken: 1 } };
    expect(inLegacyForm(plain)).toBe(plain);
    expect(inLegacyForm(undefined)).toBeUndefined();
  });
});
