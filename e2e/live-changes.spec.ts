import { expect, test } from '@playwright/test';
import { addFixtureCatalog, requireDocker, startEngine, type Engine } from './support/engine.js';
import { goTo, openWindow } from './support/window.js';

const IMAGE = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';
const ENTRY = {
  name: 'e2e-secretive',
  image: IMAGE,
  title: 'Secretive fixture',
  description: 'The everything server, asking for an API key.',
  tools: ['echo', 'add'],
  secrets: [{ name: 'api_key', env: 'API_KEY' }],
};
/** Journey 4 of issue #15: within a second of the CLI's change, without a reload. */
const LIVE_MS = 1_000;

test.describe.configure({ mode: 'serial' });

let engine: Engine;

test.beforeAll(async () => {
  requireDocker([IMAGE]);
  engine = await startEngine();
  addFixtureCatalog(engine, [ENTRY]);
});

test.afterAll(async () => {
  await engine?.stop();
});

/** Runs the CLI, then gives the open window LIVE_MS from the moment the CLI has returned (its change is made). */
async function afterCli(args: string[], shown: () => Promise<void>, input?: string): Promise<number> {
  engine.cli(args, input);
  const started = Date.now();
  await shown();
  const took = Date.now() - started;
  console.log(`window showed \`switchyard ${args.join(' ')}\` after ${took} ms`);
  return took;
}

test('journey 4: a server enabled and disabled with the CLI shows in My servers and the catalog within 1 s', async ({ page }) => {
  await openWindow(page, engine, '/servers');
  await expect(page.getByRole('heading', { name: 'No servers enabled yet' })).toBeVisible();
  const rows = page.getByRole('list', { name: 'Enabled servers' });
  await afterCli(['server', 'enable', ENTRY.name], async () => {
    await expect(rows.getByRole('listitem', { name: ENTRY.name })).toBeVisible({ timeout: LIVE_MS });
  });

  await goTo(page, '/catalog');
  await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('secretive');
  const toggle = page.getByRole('switch', { name: `Enable ${ENTRY.title}` });
  await expect(toggle).toBeChecked();
  await afterCli(['server', 'disable', ENTRY.name], async () => {
    await expect(toggle).not.toBeChecked({ timeout: LIVE_MS });
  });
  await afterCli(['server', 'enable', ENTRY.name], async () => {
    await expect(toggle).toBeChecked({ timeout: LIVE_MS });
  });
});

test('journey 4: a tool switched off with the CLI shows on the server page within 1 s', async ({ page }) => {
  await openWindow(page, engine, `/servers/${ENTRY.name}?section=tools`);
  const echo = page.getByRole('switch', { name: 'echo' });
  await expect(echo).toBeChecked();
  await afterCli(['tools', 'disable', ENTRY.name, 'echo'], async () => {
    await expect(echo).not.toBeChecked({ timeout: LIVE_MS });
  });
  await afterCli(['tools', 'enable', ENTRY.name, 'echo'], async () => {
    await expect(echo).toBeChecked({ timeout: LIVE_MS });
  });
});

test('journey 4: a secret set with the CLI shows as set on the server page within 1 s', async ({ page }) => {
  // The engine watches the secret stores' files (the keyring's marker too) and sends servers.changed (secrets).
  await openWindow(page, engine, `/servers/${ENTRY.name}?section=secrets`);
  await expect(page.getByText('Not set (required)')).toBeVisible();
  await afterCli(
    ['secret', 'set', `${ENTRY.name}.api_key`],
    async () => {
      await expect(page.getByText('Not set (required)')).toHaveCount(0, { timeout: LIVE_MS });
      await expect(page.getByText(/^Set( ·|$)/)).toBeVisible({ timeout: LIVE_MS });
    },
    'not-a-real-key\n',
  );
  // The value never reaches the page.
  expect(await page.content()).not.toContain('not-a-real-key');
});
