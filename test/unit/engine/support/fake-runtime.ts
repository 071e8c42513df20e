import { InMemoryTransport, McpServer, inputRequired, type JSONRPCMessage } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';
import type { ServerRuntime, ServerTransport } from '../../../../electron/runtime/docker-runtime.js';
import type { ServerDefinition } from '../../../../electron/runtime/server-definition.js';
import type { StderrBuffer } from '../../../../electron/runtime/stderr-buffer.js';
import type { ContainerExit } from '../../../../electron/runtime/container-transport.js';

/** One "container": a real McpServer on the far end of an in-memory link, and a log of what reached it. */
/**
 * How a fake backend serves: `legacy` a plain 2025-era McpServer connection (answers server/discover with
 * "method not found"); `dual` and `modern` the SDK's serveStdio entry, which pins the era from the opening
 * exchange (`modern` rejects the 2025 handshake); `dies-on-probe` a 2025-era server that quits when its first
 * request is not initialize; `silent-probe` one that never answers server/discover.
 */
export type FakeBackendMode = 'legacy' | 'dual' | 'modern' | 'dies-on-probe' | 'silent-probe';

export interface FakeBackend {
  /** The server instance serving the connection (for serveStdio modes: the one made last, i.e. the pinned one). */
  readonly server: McpServer;
  readonly containerId: string;
  /** The gateway's end of the link, as the runtime returned it. */
  readonly transport: InMemoryTransport & { containerId: string; exit: ContainerExit | undefined };
  /** Every message the gateway sent to this backend, in order. */
  readonly received: JSONRPCMessage[];
  /** Abort reasons seen by the `slow` tool's handler (a cancellation that reached the server). */
  readonly aborted: unknown[];
  /** Resolves the `slow` tool calls that are waiting. */
  releaseSlow(): void;
  /** Tools calls that are running on the server right now. */
  readonly running: { count: number };
}

function buildServer(backend: { aborted: unknown[]; running: { count: number } }, slow: { waiters: Array<() => void> }, mode: FakeBackendMode): McpServer {
  const server = new McpServer(
    { name: 'fake-backend', version: '9.9.9' },
    { capabilities: { tools: { listChanged: true }, prompts: { listChanged: true }, resources: {} } },
  );

  server.registerTool(
    'echo',
    { description: 'Echoes its text, after an optional delay', inputSchema: z.object({ text: z.string(), delayMs: z.number().optional() }) },
    async ({ text, delayMs }) => {
      backend.running.count++;
      try {
        if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
        return { content: [{ type: 'text', text }] };
      } finally {
        backend.running.count--;
      }
    },
  );

  server.registerTool('slow', { description: 'Waits until released or cancelled' }, async (ctx) => {
    backend.running.count++;
    try {
      await new Promise<void>((resolve) => {
        slow.waiters.push(resolve);
        ctx.mcpReq.signal.addEventListener('abort', () => {
          backend.aborted.push(ctx.mcpReq.signal.reason);
          resolve();
        });
      });
      return { content: [{ type: 'text', text: 'slow done' }] };
    } finally {
      backend.running.count--;
    }
  });

  server.registerTool('count', { description: 'Reports progress twice, then answers' }, async (ctx) => {
    const progressToken = ctx.mcpReq._meta?.progressToken;
    if (progressToken !== undefined) {
      for (const progress of [1, 2]) await ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress, total: 2 } });
    }
    return { content: [{ type: 'text', text: 'counted' }] };
  });

  server.registerTool('ask', { description: 'Asks the user (elicitation) and reports the answer' }, async (ctx) => {
    try {
      const answer = await ctx.mcpReq.elicitInput({
        mode: 'form',
        message: 'Proceed?',
        requestedSchema: { type: 'object', properties: { ok: { type: 'boolean' } } },
      });
      return { content: [{ type: 'text', text: `answer: ${answer.action} ${JSON.stringify(answer.content ?? {})}` }] };
    } catch (error) {
      return { content: [{ type: 'text', text: `elicitation failed: ${(error as Error).message}` }], isError: true };
    }
  });

  // A 2026-style multi-round tool (SEP-2322): asks for the user's name under its own key, with a requestState.
  // Only on the 2026-capable fakes, so the 2025-era fake keeps the tool list the other tests know.
  if (mode === 'dual' || mode === 'modern')
    server.registerTool('ask_name', { description: 'Asks for a name with an input_required result' }, async (ctx) => {
      const answer = ctx.mcpReq.inputResponses?.user_name as { action?: string; content?: { name?: string } } | undefined;
      if (!answer) {
        return inputRequired({
          inputRequests: {
            user_name: inputRequired.elicit({
              mode: 'form',
              message: 'Your name?',
              requestedSchema: { type: 'object', properties: { name: { type: 'string' } } },
            }),
          },
          requestState: 'fake-state-1',
        });
      }
      return { content: [{ type: 'text', text: `hello ${answer.content?.name ?? `(${answer.action})`}; state ${String(ctx.mcpReq.requestState())}` }] };
    });

  server.registerPrompt('greeting', { description: 'Says hello' }, () => ({
    messages: [{ role: 'user', content: { type: 'text', text: 'Hello from the fake backend' } }],
  }));

  server.registerResource('readme', 'file:///readme.md', { mimeType: 'text/markdown' }, async (uri) => ({
    contents: [{ uri: uri.href, text: '# Readme' }],
  }));

  return server;
}

/**
 * A ServerRuntime without Docker: open() links the gateway to a real in-process McpServer through an
 * InMemoryTransport pair. Tests can make open() slow (`gate`) or fail (`failWith`).
 */
export class FakeRuntime implements ServerRuntime {
  readonly backends: FakeBackend[] = [];
  readonly openCalls: ServerDefinition[] = [];
  /** When set, open() rejects with it. */
  failWith: unknown;
  /** When set, open() waits for it before linking the server. */
  gate: Promise<void> | undefined;
  /** How the next backends serve (see FakeBackendMode). */
  mode: FakeBackendMode = 'legacy';
  ensureReachableCalls = 0;
  sweepCalls = 0;

  /** When set, ensureReachable() rejects with it (a stopped Docker engine). */
  unreachable: unknown;

  async ensureReachable(): Promise<void> {
    this.ensureReachableCalls++;
    if (this.unreachable !== undefined) throw this.unreachable;
  }

  async sweepOrphans(): Promise<number> {
    this.sweepCalls++;
    return 0;
  }

  async listOwned(): Promise<Array<{ id: string; server: string; state: string }>> {
    return this.backends.map((b) => ({ id: b.containerId, server: 'fake', state: 'running' }));
  }

  async open(server: ServerDefinition, _stderr: StderrBuffer): Promise<ServerTransport> {
    this.openCalls.push(server);
    if (this.gate) await this.gate;
    if (this.failWith !== undefined) throw this.failWith;

    const [gatewaySide, serverSide] = InMemoryTransport.createLinkedPair();
    const received: JSONRPCMessage[] = [];
    const aborted: unknown[] = [];
    const running = { count: 0 };
    const slow = { waiters: [] as Array<() => void> };
    const build = () => buildServer({ aborted, running }, slow, mode);
    const mode = this.mode;
    let mcp: McpServer | undefined;

    // Record what the gateway sends, without changing it.
    const send = gatewaySide.send.bind(gatewaySide);
    gatewaySide.send = (message, options) => {
      received.push(structuredClone(message));
      if ('method' in message && message.method === 'server/discover') {
        if (mode === 'dies-on-probe') return serverSide.close();
        if (mode === 'silent-probe') return Promise.resolve();
      }
      return send(message, options);
    };
    if (mode === 'dual' || mode === 'modern') {
      serveStdio(() => (mcp = build()), { transport: serverSide, legacy: mode === 'modern' ? 'reject' : 'serve' });
    } else {
      mcp = build();
      await mcp.connect(serverSide);
    }

    const containerId = `fake-container-${this.backends.length + 1}`;
    const transport = Object.assign(gatewaySide, { containerId, exit: undefined as ContainerExit | undefined });
    this.backends.push({
      get server(): McpServer {
        if (!mcp) throw new Error('the fake backend has not received its opening message yet');
        return mcp;
      },
      containerId,
      transport,
      received,
      aborted,
      running,
      releaseSlow: () => {
        for (const wake of slow.waiters.splice(0)) wake();
      },
    });
    return transport;
  }
}
