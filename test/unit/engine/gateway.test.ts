import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client, JSONRPCMessage } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GatewayStatus } from '../../../shared/domain.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { silentLogger } from '../../../electron/core/logger.js';
import { Gateway, type GatewayOptions } from '../../../electron/gateway/gateway.js';
import type { ListCache } from '../../../electron/gateway/list-cache.js';
import { ToolPins } from '../../../electron/gateway/tool-pins.js';
import type { ServerLists } from '../../../electron/gateway/server-lists.js';
import { FakeRuntime, type FakeBackend } from './support/fake-runtime.js';
import { connectInMemoryClient } from './support/in-memory-client.js';

const server = { name: 'fake', image: 'test/fake-mcp:1.0' };

interface Connected {
  client: Client;
  /** Every message the gateway sent to this client, in order. */
  inbox: JSONRPCMessage[];
  errors: Error[];
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function startGateway(runtime = new FakeRuntime(), options: Partial<GatewayOptions> = {}): Promise<{ runtime: FakeRuntime; gateway: Gateway }> {
  const gateway = new Gateway({ runtime, servers: [server], version: '1.2.3-test', logger: silentLogger, ...options });
  cleanups.push(() => gateway.close());
  await gateway.start();
  return { runtime, gateway };
}

async function connectClient(gateway: Gateway, name = 'test-client', capabilities: Record<string, unknown> = {}): Promise<Connected> {
  const connected = await connectInMemoryClient(gateway, name, { capabilities });
  cleanups.push(() => connected.client.close());
  return connected;
}

/** A list cache that remembers what the fake backend offers, as if it had run before. */
function cachedLists(lists: ServerLists = fakeServerLists): ListCache & { written: Array<[string, string, ServerLists]> } {
  const written: Array<[string, string, ServerLists]> = [];
  const cache = {
    get: (name: string, image: string) => (name === server.name && image === server.image ? lists : undefined),
    set: (name: string, image: string, next: ServerLists) => void written.push([name, image, next]),
    written,
  };
  return cache as unknown as ListCache & { written: Array<[string, string, ServerLists]> };
}

const fakeServerLists: ServerLists = {
  tools: [
    { name: 'echo', inputSchema: { type: 'object' } },
    { name: 'slow', inputSchema: { type: 'object' } },
    { name: 'count', inputSchema: { type: 'object' } },
  ],
  prompts: [{ name: 'greeting' }],
  resources: [{ uri: 'file:///readme.md', name: 'readme' }],
  resourceTemplates: [],
};

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function textOf(result: { content?: unknown }): string {
  return (result.content as Array<{ type: string; text?: string }>).map((c) => c.text ?? '').join('');
}

function requestsTo(backend: FakeBackend, method: string): Array<JSONRPCMessage & { id: number; params?: Record<string, unknown> }> {
  return backend.received.filter((m) => 'method' in m && m.method === method && 'id' in m) as Array<
    JSONRPCMessage & { id: number; params?: Record<string, unknown> }
  >;
}

function onlyBackend(runtime: FakeRuntime): FakeBackend {
  expect(runtime.backends).toHaveLength(1);
  return runtime.backends[0] as FakeBackend;
}

describe('Gateway without Docker', () => {
  describe('handshake', () => {
    it('answers initialize and ping itself, without opening a backend', async () => {
      const { runtime, gateway } = await startGateway();
      const { client } = await connectClient(gateway);
      expect(client.getServerVersion()).toEqual({ name: 'switchyard', version: '1.2.3-test' });
      expect(client.getServerCapabilities()).toMatchObject({ tools: { listChanged: true }, prompts: { listChanged: true }, resources: { subscribe: true } });
      expect(client.getNegotiatedProtocolVersion?.() ?? '2025-11-25').toBe('2025-11-25');
      await client.ping();
      expect(runtime.openCalls).toHaveLength(0);
      expect(gateway.status().servers[0]?.state).toBe('stopped');
    });

    it('checks the engine and sweeps orphans on start, once', async () => {
      const { runtime, gateway } = await startGateway();
      expect(runtime.ensureReachableCalls).toBe(1);
      expect(runtime.sweepCalls).toBe(1);
      await gateway.start();
      expect(runtime.ensureReachableCalls).toBe(1);
    });
  });

  describe('routing to the backend', () => {
    it('opens exactly one backend for five concurrent first calls while it starts', async () => {
      const runtime = new FakeRuntime();
      const gate = deferred();
      runtime.gate = gate.promise;
      const { gateway } = await startGateway(runtime);
      const { client } = await connectClient(gateway);

      const calls = Promise.all([
        client.listTools(),
        client.listTools(undefined, { cacheMode: 'bypass' }),
        client.callTool({ name: 'echo', arguments: { text: 'one' } }),
        client.callTool({ name: 'echo', arguments: { text: 'two' } }),
        client.listPrompts(),
      ]);
      await vi.waitFor(() => expect(runtime.openCalls).toHaveLength(1));
      expect(gateway.status().servers[0]?.state).toBe('starting');
      gate.resolve();
      const [tools, tools2, one, two, prompts] = await calls;

      expect(runtime.openCalls).toHaveLength(1);
      const backend = onlyBackend(runtime);
      expect(requestsTo(backend, 'initialize')).toHaveLength(1);
      expect(tools.tools.map((t) => t.name).sort()).toEqual(['ask', 'count', 'echo', 'slow']);
      expect(tools2.tools).toHaveLength(4);
      expect(textOf(one)).toBe('one');
      expect(textOf(two)).toBe('two');
      expect(prompts.prompts.map((p) => p.name)).toEqual(['greeting']);
    });

    it("performs the backend handshake as a client with our identity, then reads the server's lists once", async () => {
      const { runtime, gateway } = await startGateway();
      const { client } = await connectClient(gateway);
      await client.listTools();
      await client.listTools(undefined, { cacheMode: 'bypass' });
      const backend = onlyBackend(runtime);
      const [initialize] = requestsTo(backend, 'initialize');
      expect(initialize?.params).toMatchObject({
        clientInfo: { name: 'switchyard', version: '1.2.3-test' },
        capabilities: { sampling: {}, elicitation: {}, roots: { listChanged: true } },
      });
      const methods = backend.received.map((m) => ('method' in m ? m.method : 'response'));
      // The era probe first: this 2025-era backend answers it with "method not found" (see backend-eras.test.ts).
      expect(methods.slice(0, 3)).toEqual(['server/discover', 'initialize', 'notifications/initialized']);
      // The lists are fetched once at start; later tools/list calls are answered by the gateway itself.
      expect(methods.slice(3).sort()).toEqual(['prompts/list', 'resources/list', 'resources/templates/list', 'tools/list']);
    });

    it('answers tools/list from cached lists without starting a container', async () => {
      const { runtime, gateway } = await startGateway(new FakeRuntime(), { listCache: cachedLists() });
      const { client } = await connectClient(gateway);
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['echo', 'slow', 'count']);
      expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['greeting']);
      expect(runtime.openCalls).toHaveLength(0);
      expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'lazy' } }))).toBe('lazy');
      expect(runtime.openCalls).toHaveLength(1);
    });

    it('holds back a cached tool whose definition differs from the approved one, without starting a container', async () => {
      // The user approved another definition of echo (the server ran another image since the cache was written).
      const home = mkdtempSync(path.join(tmpdir(), 'switchyard-pins-'));
      cleanups.push(async () => rmSync(home, { recursive: true, force: true }));
      const pins = new ToolPins(home);
      pins.review(server.name, [{ name: 'echo', description: 'approved echo', inputSchema: { type: 'object' } }]);
      const { runtime, gateway } = await startGateway(new FakeRuntime(), { listCache: cachedLists(), pins });
      const { client } = await connectClient(gateway);
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['slow', 'count']);
      expect(pins.pendingChanges()).toMatchObject([{ server: server.name, tool: 'echo', before: { description: 'approved echo' } }]);
      expect(runtime.openCalls).toHaveLength(0);
    });

    it('exposes clashing names of two servers as <server>__<name> and routes each to its own server', async () => {
      const runtime = new FakeRuntime();
      const gateway = new Gateway({
        runtime,
        servers: [
          { name: 'alpha', image: 'test/a:1' },
          { name: 'beta', image: 'test/b:1' },
        ],
        version: '1',
        logger: silentLogger,
      });
      cleanups.push(() => gateway.close());
      await gateway.start();
      const { client } = await connectClient(gateway);
      const names = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(names).toEqual(['alpha__ask', 'alpha__count', 'alpha__echo', 'alpha__slow', 'beta__ask', 'beta__count', 'beta__echo', 'beta__slow']);
      const [a, b] = await Promise.all([
        client.callTool({ name: 'alpha__echo', arguments: { text: 'to alpha', delayMs: 20 } }),
        client.callTool({ name: 'beta__echo', arguments: { text: 'to beta' } }),
      ]);
      expect([textOf(a), textOf(b)]).toEqual(['to alpha', 'to beta']);
      // Each backend got the call under the server's own tool name.
      for (const backend of runtime.backends) {
        expect(requestsTo(backend, 'tools/call').map((m) => m.params?.name)).toEqual(['echo']);
      }
    });

    it('round-trips a tool call, a prompt and a resource', async () => {
      const { gateway } = await startGateway();
      const { client } = await connectClient(gateway);
      const result = await client.callTool({ name: 'echo', arguments: { text: 'héllo wörld' } });
      expect(result.isError).toBeFalsy();
      expect(result.content).toEqual([{ type: 'text', text: 'héllo wörld' }]);
      const prompt = await client.getPrompt({ name: 'greeting' });
      expect(prompt.messages[0]?.content).toEqual({ type: 'text', text: 'Hello from the fake backend' });
      const resource = await client.readResource({ uri: 'file:///readme.md' });
      expect(resource.contents).toEqual([{ uri: 'file:///readme.md', text: '# Readme' }]);
      const resources = await client.listResources();
      expect(resources.resources.map((r) => r.uri)).toEqual(['file:///readme.md']);
    });

    it('relays a backend error (unknown tool) to the caller', async () => {
      const { gateway } = await startGateway();
      const { client } = await connectClient(gateway);
      const result = await client.callTool({ name: 'no-such-tool', arguments: {} }).catch((error: Error) => error);
      // The SDK server answers an unknown tool either as a tool error or a JSON-RPC error; both must name it.
      expect(JSON.stringify(result instanceof Error ? result.message : result)).toContain('no-such-tool');
    });

    it('serves two clients at once: ids are remapped and concurrent answers never cross', async () => {
      const { runtime, gateway } = await startGateway();
      const a = await connectClient(gateway, 'client-a');
      const b = await connectClient(gateway, 'client-b');
      const results = await Promise.all([
        a.client.callTool({ name: 'echo', arguments: { text: 'a1', delayMs: 40 } }),
        b.client.callTool({ name: 'echo', arguments: { text: 'b1', delayMs: 0 } }),
        a.client.callTool({ name: 'echo', arguments: { text: 'a2', delayMs: 0 } }),
        b.client.callTool({ name: 'echo', arguments: { text: 'b2', delayMs: 25 } }),
        a.client.callTool({ name: 'echo', arguments: { text: 'a3', delayMs: 10 } }),
        b.client.callTool({ name: 'echo', arguments: { text: 'b3', delayMs: 5 } }),
      ]);
      expect(results.map(textOf)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);

      // Both clients numbered their requests from the same start, so their ids collided; the backend saw unique ids.
      const backendIds = requestsTo(onlyBackend(runtime), 'tools/call').map((m) => m.id);
      expect(backendIds).toHaveLength(6);
      expect(new Set(backendIds).size).toBe(6);
      const clientIds = (inbox: JSONRPCMessage[]) => inbox.filter((m) => 'id' in m && 'result' in m).map((m) => (m as { id: number }).id);
      expect(clientIds(a.inbox).sort()).toEqual(clientIds(b.inbox).sort());
      // Each client got exactly its three answers, and nothing else.
      expect(clientIds(a.inbox)).toHaveLength(3);
      expect(clientIds(b.inbox)).toHaveLength(3);
    });

    it('gives each caller only its own progress, with its own progress token', async () => {
      const { gateway } = await startGateway();
      const a = await connectClient(gateway, 'client-a');
      const b = await connectClient(gateway, 'client-b');
      const progressA: number[] = [];
      const progressB: number[] = [];
      await Promise.all([
        a.client.callTool({ name: 'count', arguments: {} }, { onprogress: (p) => progressA.push(p.progress) }),
        b.client.callTool({ name: 'count', arguments: {} }, { onprogress: (p) => progressB.push(p.progress) }),
      ]);
      expect(progressA).toEqual([1, 2]);
      expect(progressB).toEqual([1, 2]);
      const tokens = (inbox: JSONRPCMessage[]) =>
        inbox
          .filter((m) => 'method' in m && m.method === 'notifications/progress')
          .map((m) => (m as unknown as { params: { progressToken: unknown } }).params.progressToken);
      expect(tokens(a.inbox)).toHaveLength(2);
      expect(tokens(b.inbox)).toHaveLength(2);
      expect(typeof tokens(a.inbox)[0]).toBe('number'); // the client's own token, not the gateway's "fake:<id>"
    });

    it('fans a backend notifications/tools/list_changed out to every client, with the new list', async () => {
      const { runtime, gateway } = await startGateway();
      const a = await connectClient(gateway, 'client-a');
      await a.client.listTools();
      const b = await connectClient(gateway, 'client-b');
      const seenA = vi.fn();
      const seenB = vi.fn();
      a.client.setNotificationHandler('notifications/tools/list_changed', seenA);
      b.client.setNotificationHandler('notifications/tools/list_changed', seenB);
      const backend = onlyBackend(runtime);
      // Registering a tool on a connected McpServer sends notifications/tools/list_changed.
      backend.server.registerTool('added', { description: 'new' }, async () => ({ content: [{ type: 'text', text: 'added' }] }));
      await vi.waitFor(() => {
        expect(seenA).toHaveBeenCalledTimes(1);
        expect(seenB).toHaveBeenCalledTimes(1);
      });
      expect((await b.client.listTools(undefined, { cacheMode: 'bypass' })).tools.map((t) => t.name)).toContain('added');
      expect(textOf(await b.client.callTool({ name: 'added', arguments: {} }))).toBe('added');
    });

    it('does not bother clients with a list_changed whose list did not change', async () => {
      const { runtime, gateway } = await startGateway();
      const { client } = await connectClient(gateway);
      await client.listTools();
      const seen = vi.fn();
      client.setNotificationHandler('notifications/tools/list_changed', seen);
      const backend = onlyBackend(runtime);
      const listsBefore = requestsTo(backend, 'tools/list').length;
      await backend.server.sendToolListChanged();
      await vi.waitFor(() => expect(requestsTo(backend, 'tools/list').length).toBe(listsBefore + 1));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen).not.toHaveBeenCalled();
    });

    it('relays a server-to-client request (elicitation) to the client whose call caused it, if it declared the capability', async () => {
      const { gateway } = await startGateway();
      const asker = await connectClient(gateway, 'asker', { elicitation: { form: {} } });
      const plain = await connectClient(gateway, 'plain');
      const asked = vi.fn(async () => ({ action: 'accept' as const, content: { ok: true } }));
      asker.client.setRequestHandler('elicitation/create', asked);

      const answered = await asker.client.callTool({ name: 'ask', arguments: {} });
      expect(textOf(answered)).toBe('answer: accept {"ok":true}');
      expect(asked).toHaveBeenCalledTimes(1);

      const refused = await plain.client.callTool({ name: 'ask', arguments: {} });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toContain('Client "plain" does not support elicitation (needed for elicitation/create during tools/call)');
      expect(asked).toHaveBeenCalledTimes(1);
      expect(plain.inbox.some((m) => 'method' in m && m.method === 'elicitation/create')).toBe(false);
    });

    it('forwards a client roots/list_changed to a running backend', async () => {
      const { runtime, gateway } = await startGateway();
      const { client } = await connectClient(gateway, 'rooted', { roots: { listChanged: true } });
      await client.listTools();
      await client.sendRootsListChanged();
      await vi.waitFor(() => expect(onlyBackend(runtime).received.some((m) => 'method' in m && m.method === 'notifications/roots/list_changed')).toBe(true));
    });
  });

  describe('cancellation and failures', () => {
    it('relays a client cancellation (AbortSignal) to the backend as notifications/cancelled', async () => {
      const { runtime, gateway } = await startGateway();
      const { client } = await connectClient(gateway);
      await client.listTools();
      const backend = onlyBackend(runtime);
      const controller = new AbortController();
      const call = client.callTool({ name: 'slow', arguments: {} }, { signal: controller.signal });
      await vi.waitFor(() => expect(backend.running.count).toBe(1));
      controller.abort('user gave up');
      await expect(call).rejects.toThrow();

      const [slowCall] = requestsTo(backend, 'tools/call');
      await vi.waitFor(() => {
        const cancelled = backend.received.find((m) => 'method' in m && m.method === 'notifications/cancelled');
        expect(cancelled).toMatchObject({ params: { requestId: slowCall?.id, reason: 'user gave up' } });
      });
      await vi.waitFor(() => expect(backend.aborted).toHaveLength(1));
      expect(backend.running.count).toBe(0);
      // The connection stays usable.
      expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'still here' } }))).toBe('still here');
    });

    // Regression test for a fixed bug (spec deviation, electron/gateway/backend-connection.ts cancel() + client-session.ts answer()): after a
    // client cancels request N, BackendConnection.cancel settles it with an error outcome ("user gave up") and
    // ClientSession.answer sends that as a JSON-RPC error response for id N. MCP says the receiver of a
    // cancellation SHOULD NOT respond to the cancelled request; the SDK client reports it via onerror as a
    // response for an unknown id. Expected: no response for id N reaches the client. Fix: let ClientSession
    // skip sending when its AbortController for that id was aborted by the client's own notifications/cancelled.
    it('does not answer a request the client itself cancelled', async () => {
      const { runtime, gateway } = await startGateway();
      const { client, inbox, errors } = await connectClient(gateway);
      await client.listTools();
      const backend = onlyBackend(runtime);
      const controller = new AbortController();
      const call = client.callTool({ name: 'slow', arguments: {} }, { signal: controller.signal });
      await vi.waitFor(() => expect(backend.running.count).toBe(1));
      const callId = inbox.length; // not an id; just a marker for messages after this point
      controller.abort('user gave up');
      await expect(call).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const responsesAfterCancel = inbox.slice(callId).filter((m) => 'id' in m && ('result' in m || 'error' in m));
      expect(responsesAfterCancel).toEqual([]);
      expect(errors).toEqual([]);
    });

    // Regression test for a fixed bug (electron/gateway/gateway.ts forward(), lines ~300-307): the abort listener is added only after
    // `await slot.connect()`. A client that cancels while the container is still starting has already fired
    // 'abort', so addEventListener never runs the handler: the request is still sent to the backend once it
    // is up, runs to completion there, and no notifications/cancelled is ever sent. Expected: after connect,
    // check `signal.aborted` and skip the request (or cancel it at once). Input: tools/call "slow" with an
    // AbortSignal aborted while runtime.open() is pending.
    it('does not run a call on the backend when the client cancelled it while the server was starting', async () => {
      const runtime = new FakeRuntime();
      const gate = deferred();
      runtime.gate = gate.promise;
      const { gateway } = await startGateway(runtime);
      const { client } = await connectClient(gateway);
      const controller = new AbortController();
      const call = client.callTool({ name: 'slow', arguments: {} }, { signal: controller.signal });
      await vi.waitFor(() => expect(runtime.openCalls).toHaveLength(1));
      controller.abort('changed my mind');
      await expect(call).rejects.toThrow();
      gate.resolve();
      await vi.waitFor(() => expect(gateway.status().servers[0]?.state).toBe('running'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const backend = onlyBackend(runtime);
      const ranOrCancelled =
        requestsTo(backend, 'tools/call').length === 0 || backend.received.some((m) => 'method' in m && m.method === 'notifications/cancelled');
      backend.releaseSlow();
      expect(ranOrCancelled).toBe(true);
    });

    it('cancels a client’s in-flight calls on the backend when the client disconnects', async () => {
      const { runtime, gateway } = await startGateway();
      const { client } = await connectClient(gateway);
      await client.listTools();
      const backend = onlyBackend(runtime);
      const call = client.callTool({ name: 'slow', arguments: {} }).catch((error: unknown) => error);
      await vi.waitFor(() => expect(backend.running.count).toBe(1));
      await client.close();
      await call;
      await vi.waitFor(() =>
        expect(backend.received.find((m) => 'method' in m && m.method === 'notifications/cancelled')).toMatchObject({
          params: { reason: 'client disconnected' },
        }),
      );
      await vi.waitFor(() => expect(gateway.status().sessions).toBe(0));
    });

    it('answers a call in flight when the backend dies with an error naming the server and its exit code', async () => {
      const { runtime, gateway } = await startGateway();
      const { client } = await connectClient(gateway);
      await client.listTools();
      const backend = onlyBackend(runtime);
      const call = client.callTool({ name: 'slow', arguments: {} });
      await vi.waitFor(() => expect(backend.running.count).toBe(1));
      backend.transport.exit = { code: 137, unexpected: true };
      await backend.server.close(); // the far end goes away, as when the container dies
      await expect(call).rejects.toThrow('Server "fake" exited with code 137.');

      const status = gateway.status().servers[0];
      expect(status?.state).toBe('error');
      expect(status?.error).toBe('Server "fake" exited with code 137.');
      expect(status?.containerId).toBeUndefined();

      // The next call starts a fresh backend.
      expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'again' } }))).toBe('again');
      expect(runtime.openCalls).toHaveLength(2);
      expect(gateway.status().servers[0]).toMatchObject({ state: 'running', containerId: 'fake-container-2' });
      expect(gateway.status().servers[0]?.error).toBeUndefined();
    });

    it('includes the last stderr lines when a dying server wrote some', async () => {
      const runtime = new FakeRuntime();
      const { gateway } = await startGateway(runtime);
      const { client } = await connectClient(gateway);
      await client.listTools();
      const backend = onlyBackend(runtime);
      // The runtime hands the slot's StderrBuffer to open(); write through the slot's buffer as a container would.
      const call = client.callTool({ name: 'slow', arguments: {} });
      await vi.waitFor(() => expect(backend.running.count).toBe(1));
      const slotStderr = (gateway as unknown as { slots: Map<string, { stderr: { write(s: string): void } }> }).slots.get('fake')?.stderr;
      slotStderr?.write('panic: out of cheese\n');
      backend.transport.exit = { code: 2, unexpected: true };
      await backend.server.close();
      await expect(call).rejects.toThrow(/Server "fake" exited with code 2\. Last stderr lines:\npanic: out of cheese/);
      expect(gateway.status().servers[0]?.stderrTail).toEqual(['panic: out of cheese']);
    });

    it('makes calls fail with "gateway is stopped" after stop(), and stops the backend', async () => {
      const { runtime, gateway } = await startGateway();
      const { client } = await connectClient(gateway);
      await client.listTools();
      const stopped = await gateway.stop();
      expect(stopped.state).toBe('stopped');
      expect(stopped.servers[0]?.state).toBe('stopped');
      expect(onlyBackend(runtime).server.isConnected()).toBe(false);

      await expect(client.callTool({ name: 'echo', arguments: { text: 'x' } })).rejects.toThrow(
        /The Switchyard gateway is stopped; start it in the Switchyard app or with `switchyard gateway run`/,
      );
      await expect(client.listTools(undefined, { cacheMode: 'bypass' })).rejects.toThrow(/gateway is stopped/);
      await client.ping(); // the session itself is still served
      expect(runtime.openCalls).toHaveLength(1);

      await gateway.start();
      expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'back' } }))).toBe('back');
      expect(runtime.openCalls).toHaveLength(2);
    });

    it('fails a call in flight with an error naming the server when the gateway stops', async () => {
      const { runtime, gateway } = await startGateway();
      const { client } = await connectClient(gateway);
      await client.listTools();
      const call = client.callTool({ name: 'slow', arguments: {} });
      await vi.waitFor(() => expect(onlyBackend(runtime).running.count).toBe(1));
      await gateway.stop();
      await expect(call).rejects.toThrow(/Server "fake" exited\./);
    });

    const imageMissing = () =>
      new SwitchyardError('IMAGE_NOT_FOUND', 'Image test/fake-mcp:1.0 is not available locally.', 'Run `docker pull test/fake-mcp:1.0`.');

    it('with known lists: answers a tool call with a tool error naming the server, and prompts/get with a JSON-RPC error', async () => {
      const runtime = new FakeRuntime();
      runtime.failWith = imageMissing();
      const { gateway } = await startGateway(runtime, { listCache: cachedLists() });
      const { client } = await connectClient(gateway);

      const result = await client.callTool({ name: 'echo', arguments: { text: 'x' } });
      expect(result.isError).toBe(true);
      const text = textOf(result);
      expect(text).toContain('Server "fake" could not start: Image test/fake-mcp:1.0 is not available locally.');
      expect(text).toContain('docker pull test/fake-mcp:1.0');

      const failure = await client.getPrompt({ name: 'greeting' }).then(
        () => undefined,
        (error: Error & { code?: number; data?: unknown }) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      expect(failure?.message).toContain('Server "fake" could not start');
      expect(failure?.code).toBe(-32603);
      expect(failure?.data).toEqual({ code: 'IMAGE_NOT_FOUND', hint: 'Run `docker pull test/fake-mcp:1.0`.' });

      // The lists still come from the cache: one broken server never breaks tools/list.
      expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['greeting']);
      const status = gateway.status().servers[0];
      expect(status?.state).toBe('error');
      expect(status?.error).toContain('could not start');
      expect(status?.error).toContain('docker pull');
    });

    it('without known lists: lists are empty and a call explains which server could not start and why', async () => {
      const runtime = new FakeRuntime();
      runtime.failWith = imageMissing();
      const { gateway } = await startGateway(runtime);
      const { client } = await connectClient(gateway);
      expect((await client.listTools()).tools).toEqual([]);
      expect((await client.listPrompts()).prompts).toEqual([]);
      const message = await client.callTool({ name: 'echo', arguments: { text: 'x' } }).then(
        () => 'resolved',
        (error: Error) => error.message,
      );
      expect(message).toContain('Unknown tool "echo"');
      expect(message).toContain('Server "fake" could not start: Image test/fake-mcp:1.0 is not available locally.');
      expect(message).toContain('docker pull test/fake-mcp:1.0');
    });

    it('turns a plain start failure into CONTAINER_FAILED with a hint to run the image by hand', async () => {
      const runtime = new FakeRuntime();
      runtime.failWith = new Error('exec format error');
      const { gateway } = await startGateway(runtime, { listCache: cachedLists() });
      const { client } = await connectClient(gateway);
      const result = await client.callTool({ name: 'echo', arguments: { text: 'x' } });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('Server "fake" could not start: exec format error.');
      expect(textOf(result)).toContain('docker run --rm -i test/fake-mcp:1.0');
    });

    it('backs off a server that keeps failing to start, saying when it will try again', async () => {
      const runtime = new FakeRuntime();
      runtime.failWith = new Error('boom');
      const { gateway } = await startGateway(runtime, { listCache: cachedLists() });
      const { client } = await connectClient(gateway);
      await client.callTool({ name: 'echo', arguments: { text: '1' } });
      await client.callTool({ name: 'echo', arguments: { text: '2' } }); // the first retry is immediate
      expect(runtime.openCalls).toHaveLength(2);
      const third = await client.callTool({ name: 'echo', arguments: { text: '3' } });
      expect(third.isError).toBe(true);
      expect(textOf(third)).toMatch(/Server "fake" failed 2 time\(s\) in a row; next start attempt in 1 s/);
      expect(runtime.openCalls).toHaveLength(2);
    });

    it('recovers once the runtime can open the server again', async () => {
      const runtime = new FakeRuntime();
      runtime.failWith = imageMissing();
      const { gateway } = await startGateway(runtime, { listCache: cachedLists() });
      const { client } = await connectClient(gateway);
      expect((await client.callTool({ name: 'echo', arguments: { text: 'x' } })).isError).toBe(true);
      runtime.failWith = undefined;
      expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'ok now' } }))).toBe('ok now');
      expect(gateway.status().servers[0]).toMatchObject({ state: 'running' });
      expect(gateway.status().servers[0]?.error).toBeUndefined();
    });
  });

  describe('status', () => {
    it('reflects gateway state, sessions and server state, and announces every change', async () => {
      const runtime = new FakeRuntime();
      const gateway = new Gateway({ runtime, servers: [server], version: '1.2.3-test', logger: silentLogger });
      cleanups.push(() => gateway.close());
      const seen: GatewayStatus[] = [];
      const unsubscribe = gateway.onStatus((status) => seen.push(status));

      expect(gateway.status()).toEqual({
        state: 'stopped',
        version: '1.2.3-test',
        sessions: 0,
        profiles: [],
        servers: [{ name: 'fake', image: 'test/fake-mcp:1.0', state: 'stopped', stderrTail: [] }],
      });
      await gateway.start();
      expect(gateway.status().state).toBe('running');

      const a = await connectClient(gateway);
      await connectClient(gateway);
      expect(gateway.status().sessions).toBe(2);
      expect(gateway.status().profiles).toEqual([{ name: 'default', sessions: 2 }]);

      const before = Date.now();
      await a.client.listTools();
      const running = gateway.status().servers[0];
      expect(running).toMatchObject({ state: 'running', containerId: 'fake-container-1' });
      expect(running?.startedAt).toBeGreaterThanOrEqual(before);

      await a.client.close();
      await vi.waitFor(() => expect(gateway.status().sessions).toBe(1));

      const serverStates = seen.map((s) => s.servers[0]?.state);
      expect(serverStates).toContain('starting');
      expect(serverStates).toContain('running');
      expect(seen.map((s) => s.sessions)).toEqual(expect.arrayContaining([1, 2]));

      unsubscribe();
      const count = seen.length;
      await gateway.stop();
      expect(seen).toHaveLength(count);
    });

    it('starts and stops a server on request, and names the configured servers for an unknown one', async () => {
      const { runtime, gateway } = await startGateway();
      expect(await gateway.startServer('fake')).toMatchObject({ state: 'running', containerId: 'fake-container-1' });
      expect(runtime.openCalls).toHaveLength(1);
      expect(await gateway.startServer('fake')).toMatchObject({ state: 'running' });
      expect(runtime.openCalls).toHaveLength(1);
      expect(await gateway.stopServer('fake')).toMatchObject({ state: 'stopped' });

      const error = await gateway.startServer('ghost').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SwitchyardError);
      expect(error).toMatchObject({ code: 'SERVER_NOT_FOUND', message: 'No server named "ghost".', hint: 'Configured servers: fake.' });
      await expect(gateway.stopServer('ghost')).rejects.toMatchObject({ code: 'SERVER_NOT_FOUND' });
    });

    it('refuses to start a server while the gateway is stopped', async () => {
      const runtime = new FakeRuntime();
      const gateway = new Gateway({ runtime, servers: [server], version: '1', logger: silentLogger });
      await expect(gateway.startServer('fake')).rejects.toMatchObject({ code: 'GATEWAY_STOPPED', hint: 'Start the gateway first.' });
      expect(runtime.openCalls).toHaveLength(0);
    });

    it('refuses an invalid or duplicate server name at construction', () => {
      const runtime = new FakeRuntime();
      expect(() => new Gateway({ runtime, servers: [{ name: 'Bad Name', image: 'x' }], version: '1', logger: silentLogger })).toThrow(
        /server name "Bad Name" must be/,
      );
      expect(() => new Gateway({ runtime, servers: [server, { ...server }], version: '1', logger: silentLogger })).toThrow('Two servers are named "fake".');
    });
  });

  describe('without servers', () => {
    it('answers list methods with empty lists and a call with "unknown tool"', async () => {
      const runtime = new FakeRuntime();
      const gateway = new Gateway({ runtime, servers: [], version: '1', logger: silentLogger });
      cleanups.push(() => gateway.close());
      await gateway.start();
      const { client } = await connectClient(gateway);
      expect((await client.listTools()).tools).toEqual([]);
      expect((await client.listPrompts()).prompts).toEqual([]);
      expect((await client.listResources()).resources).toEqual([]);
      expect((await client.listResourceTemplates()).resourceTemplates).toEqual([]);
      await expect(client.callTool({ name: 'x', arguments: {} })).rejects.toThrow(
        'Unknown tool "x": no enabled server offers it. List tools to see what is available.',
      );
      expect(runtime.openCalls).toHaveLength(0);
    });
  });
});

describe('per-tool switches (disabledTools)', () => {
  it('hides a switched-off tool, refuses it with the fix, and keeps the running container', async () => {
    const { runtime, gateway } = await startGateway();
    const { client, inbox } = await connectClient(gateway);
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'a' } }))).toBeTruthy();
    expect(runtime.openCalls).toHaveLength(1);
    inbox.length = 0;

    await gateway.setServers([{ ...server, disabledTools: ['echo'] }]);
    expect(runtime.openCalls).toHaveLength(1);
    expect(inbox.some((message) => 'method' in message && message.method === 'notifications/tools/list_changed')).toBe(true);
    expect((await client.listTools()).tools.map((tool) => tool.name)).not.toContain('echo');
    await expect(client.callTool({ name: 'echo', arguments: { text: 'b' } })).rejects.toThrow(
      /switched off in your settings.*switchyard tools enable fake echo/s,
    );
    expect(gateway.knownTools()).toEqual([expect.objectContaining({ server: 'fake', disabled: ['echo'] })]);

    await gateway.setServers([server]);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('echo');
    // A new call timeout does not restart the container either.
    await gateway.setServers([{ ...server, callTimeoutMs: 5000 }]);
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'c' } }))).toBeTruthy();
    expect(runtime.openCalls).toHaveLength(1);
  });

  it('still restarts the container when something it runs with changes', async () => {
    const { runtime, gateway } = await startGateway();
    const { client } = await connectClient(gateway);
    await client.callTool({ name: 'echo', arguments: { text: 'a' } });
    await gateway.setServers([{ ...server, env: { MODE: 'other' }, disabledTools: ['slow'] }]);
    await client.callTool({ name: 'echo', arguments: { text: 'b' } });
    expect(runtime.openCalls).toHaveLength(2);
  });
});

describe('a stopped Docker engine', () => {
  it('stops a gateway with container servers from starting, but not one with only remote servers', async () => {
    const stopped = new SwitchyardError('DOCKER_UNREACHABLE', 'Docker is not running');
    const withContainers = new FakeRuntime();
    withContainers.unreachable = stopped;
    const containers = new Gateway({ runtime: withContainers, servers: [server], version: '0', logger: silentLogger });
    await expect(containers.start()).rejects.toThrow('Docker is not running');

    const onlyRemote = new FakeRuntime();
    onlyRemote.unreachable = stopped;
    const warnings: string[] = [];
    const remote = new Gateway({
      runtime: onlyRemote,
      servers: [{ name: 'hosted', image: 'https://mcp.example.com/mcp', remote: { url: 'https://mcp.example.com/mcp', transport: 'streamable-http' } }],
      version: '0',
      logger: { ...silentLogger, warn: (message) => void warnings.push(message) },
    });
    cleanups.push(() => remote.close());
    expect((await remote.start()).state).toBe('running');
    expect(warnings.join('\n')).toContain('only remote servers are configured');
  });
});

describe('setServers applied twice (the control API, then the settings watcher)', () => {
  it('applies a config change to a running server once, without "Two servers are named"', async () => {
    const { runtime, gateway } = await startGateway();
    const { client, inbox } = await connectClient(gateway);
    await client.callTool({ name: 'echo', arguments: { text: 'a' } });
    inbox.length = 0;
    const changed = [{ ...server, env: { MODE: 'other' } }];
    // The watcher's copy arrives while the first application is still stopping the old container.
    const first = gateway.setServers(changed);
    const second = gateway.setServers(changed);
    await expect(Promise.all([first, second])).resolves.toBeDefined();
    expect(gateway.status().servers.map((status) => status.name)).toEqual(['fake']);
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'b' } }))).toBe('b');
    // One restart: the second application found the change already made.
    expect(runtime.openCalls).toHaveLength(2);
  });

  it('keeps the order of changes: the last one wins', async () => {
    const { gateway } = await startGateway();
    const { client } = await connectClient(gateway);
    await client.callTool({ name: 'echo', arguments: { text: 'a' } });
    await Promise.all([
      gateway.setServers([{ ...server, env: { MODE: 'one' } }]),
      gateway.setServers([]),
      gateway.setServers([{ ...server, env: { MODE: 'two' } }]),
    ]);
    expect(gateway.status().servers.map((status) => status.name)).toEqual(['fake']);
    await client.callTool({ name: 'echo', arguments: { text: 'b' } });
  });
});
