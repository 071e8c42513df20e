import { expect, test } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { labelKeys, ownerIdentity } from '../electron/runtime/labels.js';

const IMAGE = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';
const SERVER = 'everything';
const REPO = resolve(import.meta.dirname, '..');
const UI_LINE = /Switchyard UI: (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/;

// One engine for the whole file: the tests share it and must run in order.
test.describe.configure({ mode: 'serial' });

let engine: Engine;

test.beforeAll(async () => {
  requireDocker();
  engine = await startEngine();
});

test.afterAll(async () => {
  await engine?.stop();
});

test('starts and stops a server container from the status page', async ({ page }) => {
  await page.goto(engine.url);
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
  const state = page.getByTestId(`server-state-${SERVER}`);
  await expect(state).toHaveText('stopped');

  await page.getByTestId(`server-start-${SERVER}`).click();
  await expect(state).toHaveText('running', { timeout: 30_000 });
  await expect.poll(() => runningContainers(), { message: 'docker ps after start' }).toHaveLength(1);
  // The row shows the short id of the very container Docker reports.
  await expect(page.getByTestId(`server-row-${SERVER}`)).toContainText(runningContainers()[0] ?? '(none)');
  await expect(page.getByTestId('error-alert')).toHaveCount(0);

  await page.getByTestId(`server-stop-${SERVER}`).click();
  await expect(state).toHaveText('stopped', { timeout: 30_000 });
  await expect.poll(() => runningContainers(), { message: 'docker ps after stop' }).toHaveLength(0);
});

test('a page opened without the token is refused', async ({ page }) => {
  await page.goto(new URL(engine.url).origin + '/');
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'unauthorized');
  await expect(page.getByTestId('gateway-state')).toHaveCount(0);
});

interface Engine {
  url: string;
  home: string;
  stop(): Promise<void>;
}

/** Runs the real CLI as an AI client would: stdin stays open (closing it ends an MCP stdio session). */
async function startEngine(): Promise<Engine> {
  const home = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
  const child = spawn(process.execPath, ['bin/switchyard.js', 'gateway', 'run', '--ui', '--ui-port', '0', '--name', SERVER, '--image', IMAGE], {
    cwd: REPO,
    env: { ...process.env, SWITCHYARD_HOME: home },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // stdout carries MCP frames; drain it so a full pipe can never block the engine.
  child.stdout?.resume();
  const stop = async () => {
    await terminate(child);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    return { url: await waitForUiUrl(child), home, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForUiUrl(child: ChildProcess, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let stderr = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${why}\n--- engine stderr ---\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`The engine did not print "Switchyard UI: <url>" within ${timeoutMs} ms.`), timeoutMs);
    const onExit = (code: number | null, signal: string | null) => fail(`The engine exited (code ${code}, signal ${signal}) before printing its UI URL.`);
    child.once('exit', onExit);
    child.once('error', (error) => fail(`Could not spawn the engine: ${error.message}`));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      // Keep echoing after the URL is found: the engine's log explains failures later in the test.
      process.stderr.write(chunk);
      stderr += chunk;
      const match = UI_LINE.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolvePromise(match[1]);
      }
    });
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

function requireDocker(): void {
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'pipe', timeout: 15_000 });
  } catch (error) {
    throw new Error(
      `Docker engine not reachable: start dockerd (or Docker Desktop) and check that \`docker version\` shows a Server section.\n${detail(error)}`,
      { cause: error },
    );
  }
  try {
    execFileSync('docker', ['image', 'inspect', IMAGE], { stdio: 'pipe', timeout: 15_000 });
  } catch (error) {
    throw new Error(`Fixture image ${IMAGE} not found: build it with \`npm run fixtures\` or set SWITCHYARD_EVERYTHING_IMAGE.\n${detail(error)}`, {
      cause: error,
    });
  }
}

/** Containers of this run only: the home label keeps parallel runs (other specs, other engineers) out. */
function runningContainers(): string[] {
  const filters = [`label=${labelKeys.server}=${SERVER}`, `label=${labelKeys.home}=${ownerIdentity(engine.home).homeHash}`];
  const out = execFileSync('docker', ['ps', '-q', ...filters.flatMap((filter) => ['--filter', filter])], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

function detail(error: unknown): string {
  const stderr = (error as { stderr?: Buffer | string }).stderr;
  return stderr ? String(stderr).trim() : error instanceof Error ? error.message : String(error);
}
