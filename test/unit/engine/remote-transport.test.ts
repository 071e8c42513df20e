import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION_META_KEY, type JSONRPCMessage } from '@modelcontextprotocol/client';
import { SwitchyardError } from '../../../shared/errors.js';
import { DockerRuntime } from '../../../electron/runtime/docker-runtime.js';
import { openRemoteTransport, type RemoteServerDefinition } from '../../../electron/runtime/remote-transport.js';
import { StderrBuffer } from '../../../electron/runtime/stderr-buffer.js';
import { startRemoteMcpServer, type RemoteMcpServer } from '../../integration/support/remote-mcp-server.js';

/** Real HTTP on 127.0.0.1: a fixture MCP server that wants a bearer token, and a server that answers one fixed status. */
describe('the remote transport', () => {
  const token = 'unit-token-do-not-leak';
  let remote: RemoteMcpServer;
  let fixed: Server;
  let fixedBase = '';
  let status = 500;
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-remote-'));

  beforeAll(async () => {
    remote = await startRemoteMcpServer(token);
    fixed = createServer((_, res) => void res.writeHead(status).end('no'));
    await new Promise<void>((resolve) => fixed.listen(0, '127.0.0.1', resolve));
    fixedBase = `http://127.0.0.1:${(fixed.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await remote.close();
    fixed.closeAllConnections();
    await new Promise<void>((resolve) => fixed.close(() => resolve()));
    rmSync(home, { recursive: true, force: true });
  });

  const server = (
    url: string,
    transport: 'streamable-http' | 'sse' = 'streamable-http',
    headers: Record<string, string> = { Authorization: `Bearer ${token}` },
  ): RemoteServerDefinition => ({
    name: 'acme',
    image: url,
    remote: { url, transport, headers },
    launch: { secretEnv: { ACME_TOKEN: 'acme.token' } },
  });

  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as SwitchyardError,
    );

  it('connects without Docker: the runtime dispatches a remote server before touching the engine', async () => {
    const runtime = new DockerRuntime({ home, socketPath: path.join(home, 'no-docker.sock') });
    const transport = await runtime.open(server(`${remote.base}/mcp`), new StderrBuffer());
    const received: JSONRPCMessage[] = [];
    let closed = 0;
    transport.onmessage = (message) => void received.push(message);
    transport.onclose = () => void closed++;
    expect(transport.containerId).toBeUndefined();
    await transport.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    });
    await until(() => received.length > 0);
    expect(received[0]).toMatchObject({ id: 1, result: { serverInfo: { name: 'remote-fixture' } } });
    await transport.close();
    expect(transport.exit).toEqual({ code: 0, unexpected: false });
    expect(closed).toBe(1);
  });

  it('refuses wrong credentials at start, naming the URL, the status and the secret to set', async () => {
    const error = await failureOf(openRemoteTransport(server(`${remote.base}/mcp`, 'streamable-http', { Authorization: 'Bearer wrong' }), new StderrBuffer()));
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error?.code).toBe('UNAUTHORIZED');
    expect(error?.message).toBe(`Remote server at ${remote.base}/mcp refused the credentials: HTTP 401 Unauthorized.`);
    expect(error?.hint).toContain('switchyard secret set acme.token');
    const sse = await failureOf(openRemoteTransport(server(`${remote.base}/sse`, 'sse', {}), new StderrBuffer()));
    expect(sse?.message).toBe(`Remote server at ${remote.base}/sse refused the credentials: HTTP 401 Unauthorized.`);
  });

  it('names a refused connection, a wrong path and a failing service', async () => {
    const closed = `http://127.0.0.1:${await closedPort()}/mcp`;
    for (const transport of ['streamable-http', 'sse'] as const) {
      const refused = await failureOf(openRemoteTransport(server(closed, transport), new StderrBuffer()));
      expect(refused?.message).toBe(`Could not connect to remote server at ${closed}: connection refused (ECONNREFUSED).`);
    }
    status = 404;
    expect((await failureOf(openRemoteTransport(server(`${fixedBase}/wrong`), new StderrBuffer())))?.message).toBe(
      `Remote server at ${fixedBase}/wrong has no MCP endpoint at that address: HTTP 404.`,
    );
    status = 502;
    expect((await failureOf(openRemoteTransport(server(`${fixedBase}/mcp`, 'sse'), new StderrBuffer())))?.message).toBe(
      `Remote server at ${fixedBase}/mcp answered HTTP 502.`,
    );
  });

  it('refuses plain http to another machine before connecting', async () => {
    const error = await failureOf(openRemoteTransport(server('http://mcp.example.com/mcp'), new StderrBuffer()));
    expect(error?.code).toBe('INVALID_INPUT');
    expect(error?.message).toContain('use https://');
  });

  it('ends with an unexpected exit when the server goes away, and never logs a header value', async () => {
    const gone = await startRemoteMcpServer(token);
    const stderr = new StderrBuffer();
    const transport = await openRemoteTransport(server(`${gone.base}/mcp`), stderr);
    let closed = 0;
    transport.onclose = () => void closed++;
    await gone.close();
    const error = await failureOf(transport.send({ jsonrpc: '2.0', id: 1, method: 'ping' }));
    expect(error?.message).toBe(`Could not connect to remote server at ${gone.base}/mcp: connection refused (ECONNREFUSED).`);
    await until(() => closed === 1);
    expect(transport.exit).toEqual({ code: -1, unexpected: true });
    expect(stderr.tail(5).join('\n')).toContain(`connection to ${gone.base}/mcp lost`);
    expect(stderr.tail(50).join('\n')).not.toContain(token);
  });

  it('a 404 to a 2026-07-28 request fails that request alone (no session to lose); a 404 to a 2025 request ends the connection', async () => {
    // A stateless server: the start's ping probe is refused with 400, every request it does not serve with 404
    // (the conformance suite's 2026-07-28 mock answers subscriptions/listen so).
    const stateless = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => void res.writeHead(body.includes('"ping"') ? 400 : 404).end('no'));
    });
    await new Promise<void>((resolve) => stateless.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(stateless.address() as AddressInfo).port}`;
      const transport = await openRemoteTransport(server(`${base}/mcp`, 'streamable-http', {}), new StderrBuffer());
      let closed = 0;
      transport.onclose = () => void closed++;
      const listen = {
        jsonrpc: '2.0' as const,
        id: 1,
        method: 'subscriptions/listen',
        params: { _meta: { [PROTOCOL_VERSION_META_KEY]: '2026-07-28' } },
      };
      expect((await failureOf(transport.send(listen)))?.message).toContain('404');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(transport.exit).toBeUndefined();
      expect(closed).toBe(0);

      expect((await failureOf(transport.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' })))?.message).toContain('404');
      await until(() => closed === 1);
      expect(transport.exit).toEqual({ code: -1, unexpected: true });
    } finally {
      stateless.closeAllConnections();
      await new Promise<void>((resolve) => stateless.close(() => resolve()));
    }
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
