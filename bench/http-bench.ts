import { spawn, type ChildProcess } from 'node:child_process';
import { LeanHttpClient } from './lean-http-client.js';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { projectRoot } from '../electron/core/version.js';

/** A client connected over Streamable HTTP to a server process started for the benchmark. */
export interface HttpTarget {
  client: Client;
  /** A second client on the same server: minimal keep-alive HTTP (see lean-http-client.ts). */
  lean: LeanHttpClient;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `switchyard gateway run --transport http` fronting one image, with a known token. */
export async function startSwitchyardHttp(home: string, image: string): Promise<HttpTarget> {
  const port = await freePort();
  const token = benchToken;
  writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ version: 1, gateway: { port, token } }));
  return startGatewayProcess(home, port, token, ['--image', image, '--name', 'bench']);
}

/** The gateway with the settings already in `home` (servers, port, token); the client on `mcpPath` (a profile's path). */
export function startSwitchyardHttpWithSettings(home: string, port: number, mcpPath = '/mcp'): Promise<HttpTarget> {
  return startGatewayProcess(home, port, benchToken, [], mcpPath);
}

const benchToken = 'bench-token-0123456789abcdef';

async function startGatewayProcess(home: string, port: number, token: string, extra: string[], mcpPath = '/mcp'): Promise<HttpTarget> {
  const child = spawn(
    process.execPath,
    [path.join(projectRoot(), 'bin', 'switchyard.js'), 'gateway', 'run', '--transport', 'http', '--log-level', 'warn', ...extra],
    {
      env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  await waitForLine(child, /Switchyard gateway: /);
  return connectHttp(`http://127.0.0.1:${port}${mcpPath}`, token, child);
}

/** bench/instant-http-server.ts: answers echo at once, with no backend (the floor of any HTTP server here). */
export async function startInstantHttpServer(): Promise<HttpTarget> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(projectRoot(), 'dist', 'node', 'bench', 'instant-http-server.js'), String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await waitForLine(child, /instant server on/);
  return connectHttp(`http://127.0.0.1:${port}/mcp`, undefined, child);
}

/** The npm package mcp-proxy in front of the same image (`docker run -i`), the usual way to put a stdio server on HTTP. */
export async function startMcpProxy(image: string): Promise<HttpTarget> {
  const port = await freePort();
  const bin = path.join(projectRoot(), 'node_modules', 'mcp-proxy', 'dist', 'bin', 'mcp-proxy.mjs');
  const child = spawn(
    process.execPath,
    [
      bin,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--server',
      'stream',
      '--no-eventStore',
      '--',
      'docker',
      'run',
      '-i',
      '--rm',
      '--network',
      'none',
      '--label',
      'io.switchyard.bench=mcp-proxy',
      image,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await waitForPort(port);
  return connectHttp(`http://127.0.0.1:${port}/mcp`, undefined, child);
}

async function connectHttp(url: string, token: string | undefined, child: ChildProcess): Promise<HttpTarget> {
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), token ? { authProvider: { token: async () => token } } : {}));
  const lean = new LeanHttpClient(new URL(url), token);
  await lean.connect();
  return {
    client,
    lean,
    async close() {
      await lean.close();
      await client.close().catch(() => undefined);
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)));
    },
  };
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${text}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', () => reject(new Error(`exited before ${pattern}:\n${text}`)));
  });
}

async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nothing listening on ${port} after ${timeoutMs} ms`);
}
