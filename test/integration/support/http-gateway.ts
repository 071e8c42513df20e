import { spawn, execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client, SSEClientTransport, StreamableHTTPClientTransport, type ClientOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { cliPath } from './gateway-process.js';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Writes a settings document (what `switchyard server add` would produce) straight into a test home. */
export function writeSettings(home: string, settings: Record<string, unknown>): void {
  writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ version: 1, ...settings }, null, 2));
}

/** `switchyard ARGS` on `home`, with extra environment and stdin when given; throws (with .stderr) on failure. */
export function cli(home: string, args: string[], options: { env?: Record<string, string>; input?: string } = {}): string {
  return execFileSync(process.execPath, [cliPath, ...args], {
    env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home, ...options.env },
    encoding: 'utf8',
    input: options.input,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** `switchyard gateway run --transport http` as a child process, ready once it prints its URL. */
export class HttpGatewayProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stderr = '';
  url = '';
  readonly exited: Promise<number | null>;

  constructor(home: string, args: string[] = [], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [cliPath, 'gateway', 'run', '--transport', 'http', '--log-level', 'debug', ...args], {
      env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home, ...env },
    });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  async ready(timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = /Switchyard gateway: (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(this.stderr);
      if (match) return (this.url = match[1]!);
      if (this.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`gateway did not start:\n${this.stderr}`);
  }

  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return this.exited;
  }
}

/** The HTTP gateway of `home` started, and the SDK client connected to it with the gateway's token. */
export async function startHttpGatewayWithClient(home: string, env: Record<string, string> = {}): Promise<{ gateway: HttpGatewayProcess; client: Client }> {
  const gateway = new HttpGatewayProcess(home, [], env);
  await gateway.ready();
  const client = await httpClient(gateway.url, cli(home, ['gateway', 'token'], { env }).trim());
  return { gateway, client };
}

export async function httpClient(url: string, token: string, options: ClientOptions = {}, name = 'http-client'): Promise<Client> {
  const client = new Client({ name, version: '1.0.0' }, options);
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { authProvider: { token: async () => token } }));
  return client;
}

export async function legacySseClient(base: string, token: string): Promise<Client> {
  const client = new Client({ name: 'legacy-sse', version: '1.0.0' });
  await client.connect(new SSEClientTransport(new URL('/sse', base), { authProvider: { token: async () => token } }));
  return client;
}

export async function bridgeClient(home: string, options: ClientOptions = {}): Promise<Client> {
  const client = new Client({ name: 'bridge-client', version: '1.0.0' }, options);
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [cliPath, 'connect'],
      env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home },
      stderr: 'inherit',
    }),
  );
  return client;
}
