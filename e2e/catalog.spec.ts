import { expect, test } from '@playwright/test';
import type { Client } from '@modelcontextprotocol/client';
import { addFixtureCatalog, requireDocker, runningContainers, startEngine, type Engine } from './support/engine.js';
import { expectAccessible, goTo, openWindow, screenshots } from './support/window.js';

const IMAGE = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';
const ENTRY = {
  name: 'e2e-everything',
  image: IMAGE,
  title: 'Everything fixture',
  description: 'The reference MCP test server, from a local fixture image.',
  category: 'testing',
};
const MEMORY = {
  name: 'e2e-memory',
  image: 'switchyard-fixture/memory:latest',
  title: 'Memory fixture',
  description: 'A knowledge-graph memory server.',
  category: 'testing',
};

test.describe.configure({ mode: 'serial' });

let engine: Engine;
let client: Client | undefined;

test.beforeAll(async () => {
  requireDocker([IMAGE]);
  engine = await startEngine();
  addFixtureCatalog(engine, [ENTRY, MEMORY]);
});

test.afterAll(async () => {
  await client?.close();
  await engine?.stop();
});

test('journey 1: search the catalog, switch an entry on, see it in My servers, call its tool, see it running', async ({ page }) => {
  await openWindow(page, engine, '/catalog');
  const entries = page.getByRole('list', { name: 'Catalog entries' });
  await expect(entries.getByRole('listitem').first()).toBeVisible();
  // The bundled catalog and the added one: 328 + 2.
  await expect(page.getByRole('status').filter({ hasText: 'entries' })).toHaveText('330 entries');

  await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('everything fixture');
  const card = entries.getByRole('listitem', { name: ENTRY.title });
  await expect(card).toBeVisible();
  const toggle = card.getByRole('switch', { name: `Enable ${ENTRY.title}` });
  await expect(toggle).not.toBeChecked();
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(card.getByText('Enabled', { exact: true })).toBeVisible();

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'My servers' }).click();
  const row = page.getByRole('list', { name: 'Enabled servers' }).getByRole('listitem', { name: ENTRY.name });
  await expect(row.getByText('stopped', { exact: true })).toBeVisible();

  client = await engine.mcpClient();
  const result = await client.callTool({ name: 'echo', arguments: { message: 'from the window test' } });
  expect(JSON.stringify(result.content)).toContain('from the window test');
  await expect(row.getByText('running', { exact: true })).toBeVisible({ timeout: 30_000 });
  expect(runningContainers(engine, ENTRY.name)).toHaveLength(1);
  await expect(row).toContainText(runningContainers(engine, ENTRY.name)[0] ?? '(none)');
  await screenshots(page, 'servers');
  await expectAccessible(page, 'My servers');
});

test('the catalog filters by badge and category, says what to try when nothing matches, and passes axe', async ({ page }) => {
  await openWindow(page, engine, '/catalog');
  const entries = page.getByRole('list', { name: 'Catalog entries' });
  await page.getByRole('button', { name: 'Enabled', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Enabled', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(entries.getByRole('listitem')).toHaveCount(1);
  await expect(entries.getByRole('listitem', { name: ENTRY.title })).toBeVisible();
  await page.getByRole('button', { name: 'Enabled', exact: true }).click();

  // The bundled catalog has 41 entries that sign in with OAuth (catalog/README.md).
  await page.getByRole('button', { name: 'OAuth sign-in' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'entries' })).toHaveText('41 of 330 entries');
  await page.getByRole('button', { name: 'OAuth sign-in' }).click();

  await page.getByRole('combobox', { name: 'Category' }).selectOption('testing');
  await expect(entries.getByRole('listitem')).toHaveCount(2);
  await screenshots(page, 'catalog-filtered');
  await page.getByRole('combobox', { name: 'Category' }).selectOption('');

  await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('zzzz-nothing-like-this');
  await expect(page.getByRole('heading', { name: 'No entries match' })).toBeVisible();
  await expect(page.getByText(/Try a shorter or different word/)).toBeVisible();
  await screenshots(page, 'catalog-empty');
  await expectAccessible(page, 'Catalog (no match)');
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(entries.getByRole('listitem').first()).toBeVisible();
  await screenshots(page, 'catalog', async () => {
    await expect(entries.getByRole('listitem').first()).toBeVisible();
  });
  await expectAccessible(page, 'Catalog');
});

test('switching an entry off in the catalog takes it out of My servers', async ({ page }) => {
  await openWindow(page, engine, '/catalog');
  await page.getByRole('searchbox', { name: 'Search the catalog' }).fill('everything fixture');
  const toggle = page.getByRole('switch', { name: `Enable ${ENTRY.title}` });
  await expect(toggle).toBeChecked();
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await goTo(page, '/servers');
  await expect(page.getByRole('heading', { name: 'No servers enabled yet' })).toBeVisible();
  await expect.poll(() => runningContainers(engine, ENTRY.name), { timeout: 30_000 }).toHaveLength(0);
  await screenshots(page, 'servers-empty');
  await expectAccessible(page, 'My servers (empty)');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Gateway settings' })).toBeVisible();
});
