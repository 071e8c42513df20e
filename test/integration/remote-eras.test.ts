import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client as ModernClient, StreamableHTTPClientTransport as ModernTransport } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateMessageRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { tempHome } from './support/gateway-process.js';
import { cli, freePort, HttpGatewayProcess, writeSettings } from './support/http-gateway.js';
import { boardUri, startDualEraRemoteServer, type DualEraRemoteServer } from './support/dual-era-remote-server.js';

/**
 * A remote server of both eras behind the gateway: each client's calls are driven in its own era whoever came
 * first, lists are kept per era, and a 2026-era listen subscribes at the server.
 */
describe('a remote server of both eras, reached by clients of both eras', () => {
  const home = tempHome();
  let remote: DualEraRemoteServer;
  let gateway: HttpGatewayProcess;
  let token = '';
  const closers: Array<() => Promise<unknown>> = [];

  async function modernClient(name: string): Promise<ModernClient> {
    const client = new ModernClient({ name, version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { sampling: {} } });
    client.setRequestHandler('sampling/createMessage', async () => ({ model: 'm', role: 'assistant', content: { type: 'text', text: `${name} says hi` } }));
    await client.connect(new ModernTransport(new URL(gateway.url), { authProvider: { token: async () => token } }));
    closers.push(() => client.close());
    return client;
  }

  async function legacyClient(name: string): Promise<LegacyClient> {
    const client = new LegacyClient({ name, version: '1.0.0' }, { capabilities: { sampling: {} } });
    client.setRequestHandler(CreateMessageRequestSchema, async () => ({ model: 'm', role: 'assistant', content: { type: 'text', text: `${name} says hi` } }));
    await client.connect(new LegacyTransport(new URL(gateway.url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    closers.push(() => client.close());
    return client;
  }

  const text = (result: unknown) => ((result as { content: unknown }).content as Array<{ text?: string }>).map((part) => part.text ?? '').join('');

  beforeAll(async () => {
    remote = await startDualEraRemoteServer();
    writeSettings(home.home, { gateway: { port: await freePort() } });
    cli(home.home, ['server', 'add', 'dual', '--remote', remote.url]);
    token = cli(home.home, ['gateway', 'token']).trim();
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
    await gateway?.stop();
  });

  afterAll(async () => {
    await remote?.close();
    home.remove();
  });

  async function startGateway(): Promise<void> {
    gateway = new HttpGatewayProcess(home.home);
    await gateway.ready();
    remote.posts.length = 0;
  }

  it('a 2025 client first: a 2026 client is still served in 2026-07-28, with its own era’s lists', async () => {
    await startGateway();
    const legacy = await legacyClient('legacy-first');
    expect(text(await legacy.callTool({ name: 'whoami', arguments: {} }))).toBe('served in legacy');
    const modern = await modernClient('modern-second');
    expect(text(await modern.callTool({ name: 'whoami', arguments: {} }))).toBe('served in modern');
    expect(text(await modern.callTool({ name: 'echo', arguments: { text: 'x' } }))).toBe('echo (modern): x');
    expect((await modern.readResource({ uri: boardUri })).contents).toEqual([expect.objectContaining({ text: 'board (modern)' })]);
    const modernTools = (await modern.listTools()).tools.map((tool) => tool.name);
    expect(modernTools).toContain('modern-only');
    expect(modernTools).not.toContain('legacy-only');
    expect(text(await modern.callTool({ name: 'modern-only', arguments: {} }))).toBe('modern only');
    const legacyTools = (await legacy.listTools()).tools.map((tool) => tool.name);
    expect(legacyTools).toContain('legacy-only');
    expect(legacyTools).not.toContain('modern-only');
    // The server never saw a 2026 version on its 2025 session (the refused pings are the gateway's reachability probes).
    expect(remote.posts.filter((post) => (post.status >= 400 && post.method !== 'ping') || (post.session && post.version === '2026-07-28'))).toEqual([]);
  });

  it('a 2026 client first: a 2025 client’s sampling still works (its calls go over a 2025 session)', async () => {
    await startGateway();
    const modern = await modernClient('modern-first');
    expect(text(await modern.callTool({ name: 'whoami', arguments: {} }))).toBe('served in modern');
    const legacy = await legacyClient('legacy-second');
    expect(text(await legacy.callTool({ name: 'whoami', arguments: {} }))).toBe('served in legacy');
    expect(text(await legacy.callTool({ name: 'sample', arguments: {} }))).toBe('sampled (legacy): legacy-second says hi');
    expect(text(await modern.callTool({ name: 'sample', arguments: {} }))).toBe('sampled (modern): modern-first says hi');
  });
  it('a 2026 listen for a resource subscribes at the server, and the last listener going unsubscribes', async () => {
    await startGateway();
    const legacy = await legacyClient('legacy-first');
    expect(text(await legacy.callTool({ name: 'whoami', arguments: {} }))).toBe('served in legacy');
    const listen = new AbortController();
    const response = await fetch(gateway.url, {
      method: 'POST',
      signal: listen.signal,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'subscriptions/listen',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 'watch-board',
        method: 'subscriptions/listen',
        params: {
          notifications: { resourceSubscriptions: [boardUri] },
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientInfo': { name: 'listener', version: '1.0.0' },
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      }),
    });
    if (!String(response.headers.get('content-type')).includes('text/event-stream')) throw new Error(`listen refused: ${await response.text()}`);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let stream = '';
    const readUntil = async (needle: string, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!stream.includes(needle) && Date.now() < deadline) {
        const chunk = await Promise.race([reader.read(), new Promise<undefined>((resolve) => setTimeout(resolve, 200))]);
        if (chunk && !chunk.done) stream += chunk.value;
      }
      return stream.includes(needle);
    };
    expect(await readUntil('notifications/subscriptions/acknowledged')).toBe(true);
    // The server was asked to watch the resource (on its 2025 session, where the gateway's first connection is).
    const deadline = Date.now() + 10_000;
    while (!remote.legacySubscriptions.has(boardUri) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...remote.legacySubscriptions]).toEqual([boardUri]);
    await remote.touch(boardUri);
    expect(await readUntil('notifications/resources/updated')).toBe(true);
    expect(stream).toContain(boardUri);

    listen.abort();
    const gone = Date.now() + 10_000;
    while (remote.legacySubscriptions.size > 0 && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...remote.legacySubscriptions]).toEqual([]);
  });
});
