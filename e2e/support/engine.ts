import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { labelKeys, ownerIdentity } from '../../electron/runtime/labels.js';

export const REPO = resolve(import.meta.dirname, '../..');
const CLI = join(REPO, 'bin', 'switchyard.js');
const UI_LINE = /Switchyard UI: (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/;
const GATEWAY_LINE = /Switchyard gateway: (http:\/\/127\.0\.0\.1:\d+\/mcp)/;

export interface EngineOptions {
  /** Extra arguments for `gateway run` (e.g. `--image`, `--name`). */
  args?: string[];
  /** Reuse this home (e.g. to restart an engine on the same settings); a fresh temp home otherwise. */
  home?: string;
  /** Written to settings.json before the engine starts. */
  settings?: Record<string, unknown>;
  /** Extra environment for the engine and cli() (e.g. a temp HOME so client config files are never the user's). */
  env?: Record<string, string>;
  /** Leave the first-run guide to open on this new home (by default it is marked finished, as for a returning user). */
  firstRun?: boolean;
}

export interface Engine {
  /** The window's link, with its token in the fragment. */
  url: string;
  origin: string;
  /** The MCP endpoint AI clients use. */
  mcpUrl: string;
  home: string;
  homeHash: string;
  /** Everything the engine wrote to stderr so far. */
  log(): string;
  /** `switchyard ARGS` against this engine's home (the real CLI); returns stdout, throws with stderr on failure. */
  cli(args: string[], input?: string): string;
  /** A real SDK client (2025-11-25 era) connected to the gateway with its token. Close it before stop(). */
  mcpClient(name?: string): Promise<Client>;
  /** Stops the engine; the home is removed unless keepHome. */
  stop(options?: { keepHome?: boolean }): Promise<void>;
}

/**
 * A real engine for the browser tests: `switchyard gateway run --transport http --port 0 --ui --ui-port 0`
 * (built CLI in dist/) on its own SWITCHYARD_HOME, ready once it has printed both URLs.
 */
export async function startEngine(options: EngineOptions = {}): Promise<Engine> {
  const ownHome = options.home === undefined;
  const home = options.home ?? mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
  if (options.settings) writeFileSync(join(home, 'settings.json'), JSON.stringify({ version: 1, ...options.settings }, null, 2));
  if (ownHome && !options.firstRun) writeFileSync(join(home, 'first-run.json'), JSON.stringify({ finished: true, steps: {} }));
  const env = { ...process.env, ...options.env, SWITCHYARD_HOME: home };
  const child = spawn(process.execPath, [CLI, 'gateway', 'run', '--transport', 'http', '--port', '0', '--ui', '--ui-port', '0', ...(options.args ?? [])], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
    if (process.env.SWITCHYARD_E2E_ECHO) process.stderr.write(chunk);
  });
  const stop = async ({ keepHome = false } = {}) => {
    await terminate(child);
    if (ownHome && !keepHome) rmSync(home, { recursive: true, force: true });
  };
  try {
    const [url, mcpUrl] = await Promise.all([waitFor(child, () => stderr, UI_LINE), waitFor(child, () => stderr, GATEWAY_LINE)]);
    const cli = (args: string[], input?: string) =>
      execFileSync(process.execPath, [CLI, ...args], { cwd: REPO, env, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
    return {
      url,
      origin: new URL(url).origin,
      mcpUrl,
      home,
      homeHash: ownerIdentity(home).homeHash,
      log: () => stderr,
      cli,
      async mcpClient(name = 'e2e-client') {
        const token = cli(['gateway', 'token']).trim();
        const client = new Client({ name, version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: { token: async () => token } }));
        return client;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitFor(child: ChildProcess, output: () => string, line: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const match = line.exec(output());
      if (match?.[1]) {
        clearInterval(poll);
        resolvePromise(match[1]);
      } else if (child.exitCode !== null || child.signalCode !== null || Date.now() - started > timeoutMs) {
        clearInterval(poll);
        const why = child.exitCode !== null ? `exited with code ${child.exitCode}` : `did not print ${line} within ${timeoutMs} ms`;
        reject(new Error(`The engine ${why}.\n--- engine stderr ---\n${output()}`));
      }
    }, 25);
  });
}

async function terminate(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Fails with what to do when Docker is not reachable or a fixture image is missing (`npm run fixtures`). */
export function requireDocker(images: string[] = []): void {
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'pipe', timeout: 15_000 });
  } catch (error) {
    throw new Error(`Docker engine not reachable: start dockerd (or Docker Desktop) and check \`docker version\`.\n${detail(error)}`, { cause: error });
  }
  for (const image of images) {
    try {
      execFileSync('docker', ['image', 'inspect', image], { stdio: 'pipe', timeout: 15_000 });
    } catch (error) {
      throw new Error(`Fixture image ${image} not found: build it with \`npm run fixtures\`.\n${detail(error)}`, { cause: error });
    }
  }
}

/** Ids of the running containers of `server` started by this engine (the home label keeps other runs out). */
export function runningContainers(engine: Engine, server: string): string[] {
  const filters = [`label=${labelKeys.server}=${server}`, `label=${labelKeys.home}=${engine.homeHash}`];
  const out = execFileSync('docker', ['ps', '-q', ...filters.flatMap((filter) => ['--filter', filter])], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

/** A catalog entry backed by a local fixture image (the bundled catalog's images are not present offline). */
export interface FixtureEntry {
  name: string;
  image: string;
  title: string;
  description: string;
  category?: string;
  tools?: string[];
  /** Secrets the entry asks for: `<entry>.<name>`, passed to the container as `env`. */
  secrets?: { name: string; env: string }[];
}

/** Writes a catalog file (Docker's catalog format) with these entries into the home and adds it with the real CLI. */
export function addFixtureCatalog(engine: Engine, entries: FixtureEntry[]): string {
  const lines = ['registry:'];
  for (const entry of entries) {
    lines.push(`  ${entry.name}:`, '    type: server', `    image: ${entry.image}`, `    title: ${JSON.stringify(entry.title)}`);
    lines.push(`    description: ${JSON.stringify(entry.description)}`);
    if (entry.tools?.length) lines.push('    tools:', ...entry.tools.map((tool) => `    - name: ${tool}`));
    if (entry.secrets?.length)
      lines.push('    secrets:', ...entry.secrets.flatMap((secret) => [`    - name: ${entry.name}.${secret.name}`, `      env: ${secret.env}`]));
    lines.push('    metadata:', `      category: ${entry.category ?? 'test'}`);
  }
  const file = join(engine.home, 'fixture-catalog.yaml');
  writeFileSync(file, lines.join('\n') + '\n');
  engine.cli(['catalog', 'add', file]);
  return file;
}

function detail(error: unknown): string {
  const stderr = (error as { stderr?: Buffer | string }).stderr;
  return stderr ? String(stderr).trim() : error instanceof Error ? error.message : String(error);
}
