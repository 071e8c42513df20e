import { expect, test, type Page } from '@playwright/test';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { requireDocker, runningContainers, startEngine, type Engine } from './support/engine.js';
import { expectAccessible, openWindow, screenshots } from './support/window.js';

const IMAGE = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';
const SECRET = `sk-e2e-${Date.now()}-never-in-the-page`;
const KEYED_SECRET = `kb-${Date.now()}-typed-with-keys`;

// The secret store is an encrypted file here (no keyring on a test machine): the one file that may hold the value, encrypted.
process.env.SWITCHYARD_SECRET_BACKEND = 'encrypted-file';

// Long journeys (axe in two themes and four screenshots per page) on a shared 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

let engine: Engine;

test.beforeAll(async () => {
  requireDocker([IMAGE]);
  engine = await startEngine({
    settings: {
      customEntries: {
        // A catalog entry that needs an API key and a config value, backed by the local fixture image.
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
        keyed: {
          type: 'server',
          image: IMAGE,
          title: 'Keyed',
          description: 'A fixture that needs only a token',
          secrets: [{ name: 'keyed.token', env: 'KEYED_TOKEN', description: 'Token' }],
          tools: [{ name: 'echo', description: 'Echoes' }],
        },
      },
      servers: {
        greeter: { catalog: 'greeter', enabled: true },
        keyed: { catalog: 'keyed', enabled: false },
        everything: { image: IMAGE, enabled: true },
        // Never started: its overview shows what its settings opened up.
        opened: { image: IMAGE, enabled: false, network: true, readOnlyRootfs: false, user: '1000:1000', limits: { memoryMb: 256, cpus: 0.5, pids: 64 } },
      },
    },
  });
});

test.afterAll(async () => {
  await engine?.stop();
});

test('an entry that needs a secret and a config value: missing fields marked, filled, saved, started; the secret is nowhere but the store', async ({
  page,
}) => {
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  await openWindow(page, engine, '/servers/greeter');
  await expect(page.getByRole('heading', { level: 1, name: 'Greeter' })).toBeVisible();
  const needs = page.getByRole('region', { name: 'It cannot start yet' });
  await expect(needs).toContainText('greeter.api_key');
  await expect(needs).toContainText('greeting');
  await expectAccessible(page, 'server page, overview, not ready');
  await screenshots(page, 'server-overview-needs');

  await needs.getByRole('button', { name: 'Fill in configuration' }).click();
  await expect(page).toHaveURL(/section=config/);
  const greeting = page.getByRole('textbox', { name: /Greeting/ });
  await expect(greeting).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Required: fill this in.')).toBeVisible();
  await expectAccessible(page, 'server page, configuration');
  await screenshots(page, 'server-config');
  await greeting.fill('hello from the window');
  await page.getByRole('button', { name: 'Save configuration' }).click();
  await expect(greeting).not.toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => engine.cli(['server', 'inspect', 'greeter'])).toContain('hello from the window');

  await page.getByRole('tab', { name: /^Secrets/ }).click();
  await expect(page).toHaveURL(/section=secrets/);
  await expect(page.getByText('Not set (required)')).toBeVisible();
  await page.getByLabel('Value for API key').fill(SECRET);
  await page.getByRole('button', { name: 'Save greeter.api_key' }).click();
  await expect(page.getByLabel('Value for API key')).toHaveCount(0);
  await expect(page.getByText('Set · encrypted file')).toBeVisible();
  await expect.poll(() => engine.cli(['server', 'inspect', 'greeter'])).toContain('greeter.api_key -> GREETER_API_KEY: set');
  await expectAccessible(page, 'server page, secrets');
  await screenshots(page, 'server-secrets');

  // After saving: not in the DOM, not in the accessibility tree, not in the URL, not in anything the engine sent.
  expect(await page.content()).not.toContain(SECRET);
  expect(await page.locator('body').ariaSnapshot()).not.toContain(SECRET);
  expect(page.url()).not.toContain(SECRET);
  expect(frames.length).toBeGreaterThan(0);
  expect(frames.filter((frame) => frame.includes(SECRET))).toEqual([]);

  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByRole('region', { name: 'It cannot start yet' })).toHaveCount(0);
  await page.getByRole('group', { name: 'Server actions' }).getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('status', { name: 'State: Running' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => runningContainers(engine, 'greeter')).toHaveLength(1);
  await expect(page.getByText(runningContainers(engine, 'greeter')[0]!.slice(0, 12))).toBeVisible();
  // The result toast has its own contrast finding (the shell's toaster, reported to its owner): let it go first.
  await expect(page.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 15_000 });
  await expectAccessible(page, 'server page, running');
  await screenshots(page, 'server-overview-running');

  // No file of the home holds the value in plain text (the secret store holds it encrypted).
  expect(filesContaining(engine.home, SECRET)).toEqual([]);
  expect(await page.content()).not.toContain(SECRET);
  expect(frames.filter((frame) => frame.includes(SECRET))).toEqual([]);
});

test("the overview says what the container is allowed: the locked-down defaults, and what a server's settings opened up", async ({ page }) => {
  const fact = (term: string) =>
    page
      .getByRole('region', { name: 'What its container is allowed' })
      .locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
      .locator('dd');
  await openWindow(page, engine, '/servers/everything');
  await expect(page.getByRole('heading', { level: 1, name: 'everything' })).toBeVisible();
  await expect(fact('Network')).toHaveText('None: it cannot reach the internet or your network');
  await expect(fact('File system')).toHaveText('Read-only');
  await expect(fact('Can write to')).toHaveText('/tmp (in memory, 64 MB, cleared at stop)');
  await expect(fact('Volumes')).toHaveText('None: no folder of this computer is visible to it');
  await expect(fact('Limits')).toHaveText('512 MB memory, 1 CPU, 256 processes');
  await expect(fact('Runs as')).toHaveText("The image's user, or nobody (65534:65534) when the image names none — not root");
  await expect(fact('Capabilities')).toHaveText('All Linux capabilities dropped; it cannot gain privileges');
  await expect(fact('Image')).toHaveText('Pulled when Docker lacks it');
  await expectAccessible(page, 'server page, overview, container permissions');
  await screenshots(page, 'server-overview-permissions');

  await openWindow(page, engine, '/servers/opened');
  await expect(fact('Network')).toHaveText('On: the internet and your network (Docker bridge)');
  await expect(fact('File system')).toHaveText('Writable: the server can change its whole root file system');
  await expect(fact('Limits')).toHaveText('256 MB memory, 0.5 CPUs, 64 processes');
  await expect(fact('Runs as')).toHaveText('1000:1000 (set for this server)');
  // The engine's answer is the one the CLI prints.
  expect(engine.cli(['server', 'inspect', 'opened'])).toContain('    user:         1000:1000 (set for this server)\n');
});

test('a tool switched off disappears for a connected client (list_changed) and comes back when switched on', async ({ page }) => {
  // Greeter (the same fixture image) ran in the journey before: while both are enabled their tool names clash and
  // every client sees them prefixed (`everything__echo`). This journey is about one server's tools.
  engine.cli(['server', 'disable', 'greeter']);
  let listChanged = 0;
  const token = engine.cli(['gateway', 'token']).trim();
  const client = new Client({ name: 'e2e-tools', version: '1.0.0' }, { listChanged: { tools: { onChanged: () => void listChanged++ } } });
  await client.connect(new StreamableHTTPClientTransport(new URL(engine.mcpUrl), { authProvider: { token: async () => token } }));
  try {
    await openWindow(page, engine, '/servers/everything?section=tools');
    // A custom server's tools are learned when it first runs: the page says so, without starting it.
    await expect(page.getByText('No tools known yet')).toBeVisible();
    expect(runningContainers(engine, 'everything')).toEqual([]);
    await screenshots(page, 'server-tools-empty');

    await expect
      .poll(async () => (await client.callTool({ name: 'echo', arguments: { message: 'hi' } })).content, { timeout: 30_000 })
      .toEqual([{ type: 'text', text: 'Echo: hi' }]);
    await expect.poll(async () => (await client.listTools()).tools.map((tool) => tool.name)).toContain('echo');
    // The open tab picks the learned list up by itself.
    const echo = page.getByRole('switch', { name: 'echo' });
    await expect(echo).toBeChecked({ timeout: 10_000 });
    await expectAccessible(page, 'server page, tools');
    await screenshots(page, 'server-tools');

    const heardBefore = listChanged;
    await echo.click();
    await expect(echo).not.toBeChecked();
    await expect.poll(() => listChanged, { message: 'tools/list_changed heard by the client' }).toBeGreaterThan(heardBefore);
    expect((await client.listTools()).tools.map((tool) => tool.name)).not.toContain('echo');

    await echo.click();
    await expect(echo).toBeChecked();
    await expect.poll(async () => (await client.listTools()).tools.map((tool) => tool.name)).toContain('echo');

    await page.getByRole('tab', { name: 'Log' }).click();
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await screenshots(page, 'server-log');
  } finally {
    await client.close();
  }
});

test('keyboard only: enable a server and set its secret without the mouse', async ({ page }) => {
  await openWindow(page, engine, '/servers/keyed');
  await expect(page.getByRole('heading', { level: 1, name: 'Keyed' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Enable' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Server actions' }).getByRole('button', { name: 'Disable' })).toBeVisible();
  await expect.poll(() => engine.cli(['server', 'inspect', 'keyed'])).toContain('keyed (enabled)');

  await tabTo(page, page.getByRole('tab', { name: 'Overview' }));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /^Secrets/ })).toHaveAttribute('aria-selected', 'true');
  await tabTo(page, page.getByLabel('Value for Token'));
  await page.keyboard.type(KEYED_SECRET);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Set · encrypted file')).toBeVisible();
  await expect.poll(() => engine.cli(['server', 'inspect', 'keyed'])).toContain('keyed.token -> KEYED_TOKEN: set');
  expect(await page.content()).not.toContain(KEYED_SECRET);
});

test('a server that does not exist: a clear message and a way to the catalog', async ({ page }) => {
  await openWindow(page, engine, '/servers/no-such-server');
  await expect(page.getByRole('heading', { level: 1, name: 'No such server' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Browse the catalog' })).toBeVisible();
  await expectAccessible(page, 'server page, not found');
  await screenshots(page, 'server-not-found');
  await page.getByRole('main').getByRole('link', { name: 'Browse the catalog' }).click();
  await expect(page).toHaveURL(/#\/catalog/);
});

test('a catalog entry that is not switched on: its page offers to switch it on, then opens what it still needs', async ({ page }) => {
  await openWindow(page, engine, '/servers/github-official');
  await expect(page.getByRole('heading', { level: 1, name: 'GitHub Official' })).toBeVisible();
  await expect(page.getByText('is in the catalog but not switched on')).toBeVisible();
  await expectAccessible(page, 'server page, catalog entry not switched on');
  await screenshots(page, 'server-not-switched-on');
  await page.getByRole('button', { name: 'Switch on GitHub Official' }).click();
  // On, and still missing its token: the page turns into the server's page at its secrets.
  await expect(page.getByRole('tab', { name: /^Secrets/ })).toHaveAttribute('aria-selected', 'true', { timeout: 15_000 });
  await expect
    .poll(() => engine.cli(['server', 'inspect', 'github-official']))
    .toContain('github-official.personal_access_token -> GITHUB_PERSONAL_ACCESS_TOKEN: NOT SET');
  await engine.cli(['server', 'disable', 'github-official']);
});

/** Presses Tab until `target` has the focus (at most 40 times): the path a keyboard user takes. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

function filesContaining(folder: string, text: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(folder)) {
    const file = join(folder, name);
    const stat = statSync(file);
    if (stat.isDirectory()) found.push(...filesContaining(file, text));
    // Regular files only: the gateway's unix socket (run/gateway-<pid>.sock) stores nothing and cannot be read.
    else if (stat.isFile() && stat.size < 50_000_000 && readFileSync(file).includes(text)) found.push(file);
  }
  return found;
}
