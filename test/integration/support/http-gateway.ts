import { spawn, execFile, execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client, SSEClientTransport, StreamableHTTPClientTransport, type ClientOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll } from 'vitest';
import { cliPath, tempHome } from './gateway-process.js';

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

/** What a CLI command answered, its exit code included (a failing command is an answer too). */
export interface CliAnswer {
  code: number;
  stdout: string;
  stderr: string;
}

/** `switchyard ARGS` on `home` without blocking the test's event loop, with extra environment when given. */
export function cliAnswer(home: string, args: string[], env: Record<string, string> = {}): Promise<CliAnswer> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home, ...env }, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
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

/** One home and its HTTP gateway, shared by the tests of a describe block (see httpGatewayForSuite). */
export interface SuiteGateway {
  readonly home: ReturnType<typeof tempHome>;
  /** Set once the gateway is ready (in beforeAll). */
  gateway: HttpGatewayProcess;
  /** The gateway's bearer token and MCP endpoint; set in beforeAll. */
  token: string;
  url: URL;
}

/**
 * A fresh home whose HTTP gateway runs for the whole describe block: `prepare` adds servers to the home
 * (settings on a free port are written first), then the gateway starts; it stops and the home goes after the
 * block's own afterAll hooks. Call it at the top of a describe body.
 */
export function httpGatewayForSuite(prepare: (home: string) => Promise<void> | void = () => undefined): SuiteGateway {
  const suite = { home: tempHome() } as SuiteGateway;
  beforeAll(async () => {
    writeSettings(suite.home.home, { gateway: { port: await freePort() } });
    await prepare(suite.home.home);
    suite.gateway = new HttpGatewayProcess(suite.home.home);
    suite.url = new URL(await suite.gateway.ready());
    suite.token = cli(suite.home.home, ['gateway', 'token']).trim();
  });
  afterAll(async () => {
    await suite.gateway?.stop();
    suite.home.remove();
  });
  return suite;
}

/** Adds the servers to the home's settings (keeping its gateway port): what `switchyard server add` would write. */
export function addServersToSettings(home: string, servers: Record<string, unknown>): void {
  const file = path.join(home, 'settings.json');
  const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...settings, servers: { ...(settings.servers as object), ...servers } }, null, 2));
}
