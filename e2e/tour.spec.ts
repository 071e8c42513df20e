import { expect, test, type Page } from '@playwright/test';
import type { Client } from '@modelcontextprotocol/client';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { requireDocker, startEngine, type Engine } from './support/engine.js';
import { SCREENSHOT_DIR, expectAccessible, goTo, openWindow, screenshots } from './support/window.js';

/**
 * The screenshot tour: every page of the window, light and dark at 380 and 1280 px, with its empty, loading and
 * error states, against a real gateway (fixture servers in Docker, real calls). It writes
 * test-results/screenshots/tour/<state>-<theme>-<width>.png and an index.html that shows them side by side, for
 * the polish review and the README. Loading and error states come from holding or failing the engine's answer to
 * one method on the page's control socket (the rest of the traffic passes through unchanged).
 */
const IMAGE = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';
const TOUR_DIR = join(SCREENSHOT_DIR, 'tour');
const LONG_NAME = 'analytics-warehouse-readonly-replica-eu';

test.describe.configure({ mode: 'serial', timeout: 420_000 });

let engine: Engine;
let home: string;
let client: Client | undefined;

test.beforeAll(async () => {
  requireDocker([IMAGE]);
  process.env.SWITCHYARD_SECRET_BACKEND = 'encrypted-file';
  mkdirSync(TOUR_DIR, { recursive: true });
  home = mkdtempSync(join(tmpdir(), 'switchyard-e2e-tour-'));
  mkdirSync(join(home, '.cursor'), { recursive: true }); // Cursor is "installed"
  engine = await startEngine({
    env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
    settings: {
      policy: { deny: [{ server: 'everything', tool: 'get-sum' }] },
      customEntries: {
        greeter: {
          type: 'server',
          image: IMAGE,
          title: 'Greeter',
          description: 'A fixture that needs an API key and a greeting',
          secrets: [{ name: 'greeter.api_key', env: 'GREETER_API_KEY', description: 'API key' }],
          env: [{ name: 'GREETING', value: '{{greeter.greeting}}' }],
          config: [
            {
              name: 'greeter',
              description: 'Greeter settings',
              type: 'object',
              properties: { greeting: { type: 'string', description: 'What to say' }, loud: { type: 'boolean', description: 'Shout it' } },
              required: ['greeting'],
            },
          ],
          tools: [{ name: 'get-env', description: 'Shows the environment' }],
        },
      },
      servers: {
        everything: { image: IMAGE, enabled: true },
        greeter: { catalog: 'greeter', enabled: true },
        [LONG_NAME]: { image: IMAGE, enabled: true },
      },
    },
  });
  engine.cli(['profile', 'create', 'coding', '--server', 'everything']);
});

test.afterAll(async () => {
  await client?.close();
  await engine?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
  writeIndex();
});

/** Four screenshots of the page as it is now (light/dark, 380/1280 px) under tour/. */
async function shoot(page: Page, name: string, settle?: () => Promise<void>): Promise<void> {
  await screenshots(page, `tour/${name}`, settle);
}

/** Holds ('hold': a loading state) or fails ('fail': an error state) the engine's answers to some control methods. */
class ControlFaults {
  private readonly faults = new Map<string, 'hold' | 'fail'>();

  async install(page: Page): Promise<void> {
    await page.routeWebSocket(/\/control\?token=/, (socket) => {
      const server = socket.connectToServer();
      socket.onMessage((message) => {
        const request = parseRequest(message);
        const fault = request ? this.faults.get(request.method) : undefined;
        if (request && fault === 'fail') {
          const error = {
            code: 'INTERNAL',
            message: `The engine could not answer ${request.method}.`,
            hint: 'Try again; if it keeps failing, see the engine’s log.',
          };
          socket.send(JSON.stringify({ id: request.id, ok: false, error }));
        } else if (fault !== 'hold') server.send(message);
      });
      server.onMessage((message) => socket.send(message));
    });
  }

  set(methods: string[], fault: 'hold' | 'fail'): void {
    this.faults.clear();
    for (const method of methods) this.faults.set(method, fault);
  }

  clear(): void {
    this.faults.clear();
  }
}

function parseRequest(message: string | Buffer): { id: number; method: string } | undefined {
  try {
    const parsed = JSON.parse(String(message)) as { id?: unknown; method?: unknown };
    return typeof parsed.id === 'number' && typeof parsed.method === 'string' ? { id: parsed.id, method: parsed.method } : undefined;
  } catch {
    return undefined;
  }
}

/** Opens `route` on a fresh load with `methods` held (loading) or failed (error), and shoots `name`. */
async function faultState(page: Page, faults: ControlFaults, route: string, methods: string[], fault: 'hold' | 'fail', name: string, visible: string | RegExp) {
  faults.set(methods, fault);
  // A fresh load (a new socket), and not openWindow: the header's state may be what is held.
  await page.goto('about:blank');
  await page.goto(engine.url);
  await goTo(page, route);
  const state = page
    .getByRole('main')
    .getByRole(fault === 'hold' ? 'status' : 'alert')
    .filter({ hasText: visible });
  await expect(state.first()).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page, name);
  await shoot(page, name);
  faults.clear();
}

test('catalog: the list, an empty search, loading and error; an entry not switched on', async ({ page }) => {
  const faults = new ControlFaults();
  await faults.install(page);
  await openWindow(page, engine, '/catalog');
  const entries = page.getByRole('list', { name: 'Catalog entries' });
  await expect(entries.getByRole('listitem').first()).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page, 'catalog');
  await shoot(page, 'catalog', () => expect(entries.getByRole('listitem').first()).toBeVisible());

  await page.getByLabel('Search the catalog').fill('no server is called this');
  await expect(page.getByRole('main').getByText(/No entries match|No entry matches|Nothing matches/i)).toBeVisible({ timeout: 10_000 });
  await expectAccessible(page, 'catalog, no match');
  await shoot(page, 'catalog-empty-search');

  await faultState(page, faults, '/catalog', ['catalog.list'], 'hold', 'catalog-loading', 'Loading the catalog…');
  await faultState(page, faults, '/catalog', ['catalog.list'], 'fail', 'catalog-error', 'Could not read the catalog');

  // A bundled entry that is not switched on opens as the offer to switch it on.
  await openWindow(page, engine, '/servers/github-official');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page, 'catalog entry, not switched on');
  await shoot(page, 'catalog-entry');
});

test('my servers, loading and error', async ({ page }) => {
  const faults = new ControlFaults();
  await faults.install(page);
  await openWindow(page, engine, '/servers');
  await expect(page.getByRole('main').getByRole('link', { name: 'everything', exact: true }).first()).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page, 'my servers');
  // An image name cut short at 380 px can still be read whole (its title).
  await expect(page.getByRole('listitem', { name: 'everything' }).getByTitle(IMAGE)).toBeVisible();
  await shoot(page, 'servers');
  await faultState(page, faults, '/servers', ['gateway.status'], 'hold', 'servers-loading', 'Loading your servers…');
  await faultState(page, faults, '/servers', ['gateway.status'], 'fail', 'servers-error', 'Could not read the servers');
});

test('a server page, tab by tab; a long name; an error', async ({ page }) => {
  const faults = new ControlFaults();
  await faults.install(page);

  await openWindow(page, engine, '/servers/greeter');
  await expect(page.getByRole('heading', { level: 1, name: 'Greeter' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'It cannot start yet' })).toBeVisible();
  await expectAccessible(page, 'server page, overview, not ready');
  await shoot(page, 'server-overview-needs');

  for (const [tab, name] of [
    [/^Configuration/, 'server-config'],
    [/^Secrets/, 'server-secrets'],
    [/^Tools/, 'server-tools'],
    [/^Log/, 'server-log'],
  ] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    // The click left the tab focused; its focus ring is not part of how the page looks.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await expectAccessible(page, name);
    await shoot(page, name);
  }

  // A long name: the page and its row keep it readable at 380 px.
  await openWindow(page, engine, `/servers/${LONG_NAME}`);
  await expect(page.getByRole('heading', { level: 1, name: LONG_NAME })).toBeVisible({ timeout: 15_000 });
  await shoot(page, 'server-overview-long-name');
  await faultState(page, faults, '/servers/everything', ['server.inspect'], 'fail', 'server-error', /server\.inspect/);
});

test('the add-server dialog, empty and with its field errors', async ({ page }) => {
  await openWindow(page, engine, '/servers');
  await page.getByRole('main').getByRole('button', { name: 'Add server' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a custom server' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'add-server dialog');
  await shoot(page, 'add-server');
  await dialog.getByRole('button', { name: 'Add server' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'add-server dialog, errors');
  await shoot(page, 'add-server-errors');
});

test('clients; activity empty, then with calls and a call detail', async ({ page }) => {
  const faults = new ControlFaults();
  await faults.install(page);
  await openWindow(page, engine, '/clients');
  await expect(page.getByRole('list', { name: 'Supported apps' })).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page, 'clients');
  await shoot(page, 'clients');
  await faultState(page, faults, '/clients', ['client.list'], 'hold', 'clients-loading', 'Looking for your AI apps…');
  await faultState(page, faults, '/clients', ['client.list'], 'fail', 'clients-error', 'Could not read the clients');

  await openWindow(page, engine, '/activity');
  await expect(page.getByText('No calls yet')).toBeVisible({ timeout: 15_000 });
  await shoot(page, 'activity-empty');
  client = await engine.mcpClient('tour-client');
  // Two enabled servers run the same image, so their tools are prefixed with the server's name.
  for (let i = 0; i < 24; i += 1) await client.callTool({ name: 'everything__echo', arguments: { message: `hello ${i}` } });
  await client.callTool({ name: 'everything__get-sum', arguments: { a: 1, b: 2 } });
  const calls = page.getByRole('list', { name: 'Calls, newest first' });
  await expect(calls.getByRole('button', { name: /get-sum, denied/ })).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'activity');
  await shoot(page, 'activity');
  await calls.getByRole('button', { name: /get-sum, denied/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await shoot(page, 'activity-detail');
  await faultState(page, faults, '/activity', ['history.query'], 'fail', 'activity-error', 'Could not read the call history');
});

test('policies and settings, with their loading and error states', async ({ page }) => {
  const faults = new ControlFaults();
  await faults.install(page);

  await openWindow(page, engine, '/policies');
  await expect(page.getByRole('heading', { level: 1, name: 'Policies' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('main').getByRole('status')).toHaveCount(0, { timeout: 15_000 });
  await expectAccessible(page, 'policies');
  await shoot(page, 'policies');
  await faultState(page, faults, '/policies', ['settings.get'], 'hold', 'policies-loading', 'Reading the policies…');
  await faultState(page, faults, '/policies', ['settings.get'], 'fail', 'policies-error', 'Could not read the policies');

  await openWindow(page, engine, '/settings');
  await expect(page.getByRole('form', { name: 'Gateway settings' })).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page, 'settings');
  await shoot(page, 'settings');
  await faultState(page, faults, '/settings', ['settings.get'], 'fail', 'settings-error', 'Could not read the settings');
});

test('profiles on My servers; the first-run guide', async ({ page }) => {
  await openWindow(page, engine, '/servers?profile=coding');
  await expect(page.getByText('/mcp/profiles/coding')).toBeVisible({ timeout: 15_000 });
  await expectAccessible(page, 'profiles');
  await shoot(page, 'profiles');

  await openWindow(page, engine, '/welcome');
  await expect(page.getByRole('heading', { name: 'Getting started', level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('region', { name: '1. Check Docker' }).getByText(/The Docker engine answers at/)).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page, 'first run');
  await shoot(page, 'first-run');
});

test('first run on a fresh home when the Docker engine went away: the fix', async ({ page }) => {
  // `gateway run` refuses to start without Docker, so the engine starts through a socket that passes to the real
  // one, and the socket is then closed (and removed): Docker has gone away, as when Docker Desktop is quit.
  const fresh = mkdtempSync(join(tmpdir(), 'switchyard-e2e-tour-fresh-'));
  const socketPath = join(fresh, 'docker.sock');
  const relay = createServer((conn) => {
    const upstream = connect(process.env.DOCKER_HOST?.replace(/^unix:\/\//, '') || '/var/run/docker.sock');
    conn.pipe(upstream).pipe(conn);
    conn.on('error', () => upstream.destroy());
    upstream.on('error', () => conn.destroy());
  });
  await new Promise<void>((done) => relay.listen(socketPath, done));
  const gone = await startEngine({ firstRun: true, env: { HOME: fresh, DOCKER_HOST: `unix://${socketPath}` } });
  try {
    await new Promise<void>((done) => relay.close(() => done()));
    await page.goto(gone.url);
    await expect(page.getByRole('heading', { name: 'Getting started', level: 1 })).toBeVisible({ timeout: 15_000 });
    const docker = page.getByRole('region', { name: '1. Check Docker' });
    await expect(docker.getByRole('button', { name: 'Check again' })).toBeVisible({ timeout: 20_000 });
    await expect(docker.getByText(/The Docker engine answers at/)).toHaveCount(0);
    await expectAccessible(page, 'first run, Docker unreachable');
    await shoot(page, 'first-run-no-docker');
  } finally {
    await gone.stop();
    relay.close();
    rmSync(fresh, { recursive: true, force: true });
  }
});

/** index.html beside the PNGs: each state's four shots side by side, to review them at a glance. */
function writeIndex(): void {
  const files = new Set(readdirSync(TOUR_DIR));
  const names = [...new Set([...files].filter((file) => file.endsWith('.png')).map((file) => file.replace(/-(light|dark)-\d+\.png$/, '')))].sort();
  const rows = names.map((name) => {
    const cells = ['light-380', 'dark-380', 'light-1280', 'dark-1280']
      .map((variant) => `${name}-${variant}.png`)
      .filter((file) => files.has(file))
      .map((file) => `<figure><img src="${file}" alt="${file}"><figcaption>${file}</figcaption></figure>`);
    return `<section id="${name}"><h2>${name}</h2><div class="row">${cells.join('')}</div></section>`;
  });
  const style =
    'body{font:14px system-ui;margin:16px;background:#888}h2{margin:8px 0}.row{display:flex;gap:8px;align-items:flex-start}' +
    'figure{margin:0}figure img{display:block;height:520px;border:1px solid #333}figcaption{font-size:11px}';
  writeFileSync(join(TOUR_DIR, 'index.html'), `<!doctype html><title>Switchyard window tour</title><style>${style}</style>${rows.join('\n')}\n`);
}
