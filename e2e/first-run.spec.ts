import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addFixtureCatalog, requireDocker, startEngine, type Engine } from './support/engine.js';
import { expectAccessible, screenshots } from './support/window.js';

const IMAGE = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';

let engine: Engine;
let home: string;

test.beforeEach(async () => {
  requireDocker([IMAGE]);
  home = mkdtempSync(join(tmpdir(), 'switchyard-e2e-first-run-'));
  mkdirSync(join(home, '.cursor'), { recursive: true }); // Cursor is "installed"
  engine = await startEngine({ firstRun: true, env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
  addFixtureCatalog(engine, [
    { name: 'everything-first', image: IMAGE, title: 'Everything first run', description: 'The MCP everything server (fixture).', tools: ['echo'] },
  ]);
});

test.afterEach(async () => {
  await engine.stop();
  rmSync(home, { recursive: true, force: true });
});

test('first run on a fresh home: Docker checked, a server switched on, Cursor connected, a call made; finished, it does not come back', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(engine.url);
  // A fresh home with no server: the window opens on the guide by itself.
  await expect(page.getByRole('heading', { name: 'Getting started', level: 1 })).toBeVisible({ timeout: 15_000 });
  const docker = page.getByRole('region', { name: '1. Check Docker' });
  await expect(docker.getByText(/The Docker engine answers at/)).toBeVisible();
  await expect(docker.getByText('— done')).toBeVisible();
  await expectAccessible(page, 'the first run');
  await screenshots(page, 'first-run');

  const servers = page.getByRole('region', { name: '2. Switch on a server' });
  await servers.getByLabel('Find another server that needs nothing').fill('Everything first');
  await servers.getByRole('switch', { name: 'Switch on Everything first run' }).click();
  await expect(servers.getByRole('switch', { name: 'Switch on Everything first run' })).toBeChecked();
  await expect(servers.getByText('— done')).toBeVisible();

  const apps = page.getByRole('region', { name: '3. Connect an AI app' });
  await expect(apps.getByText(/Found on this machine: Cursor/)).toBeVisible();
  await apps.getByRole('button', { name: 'Connect Cursor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect Cursor' });
  await expect(dialog.getByLabel(`Changes to ${join(home, '.cursor', 'mcp.json')}`)).toContainText('"switchyard"');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Cursor connected.');
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
  await expect(apps.getByText('— done')).toBeVisible();
  expect(JSON.parse(readFileSync(join(home, '.cursor', 'mcp.json'), 'utf8'))).toHaveProperty(['mcpServers', 'switchyard']);

  const tryCall = page.getByRole('region', { name: '4. Try a call' });
  await tryCall.getByLabel('Tool', { exact: true }).selectOption('everything-first/echo');
  await tryCall.getByLabel('Arguments (JSON)').fill('{"message": "hello from the first run"}');
  await tryCall.getByRole('button', { name: /Call the tool/ }).click();
  await expect(tryCall.getByRole('status', { name: 'Call result' })).toContainText('Echo: hello from the first run', { timeout: 90_000 });
  await expect(tryCall.getByText('— done')).toBeVisible();
  await expectAccessible(page, 'the first run, done');
  await screenshots(page, 'first-run-done');

  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByText('Finished: this page will not open by itself again.')).toBeVisible();
  expect(JSON.parse(readFileSync(join(engine.home, 'first-run.json'), 'utf8'))).toMatchObject({
    finished: true,
    steps: { docker: 'done', servers: 'done', client: 'done', call: 'done' },
  });

  // Opened again: the catalog, not the guide.
  await page.goto('about:blank');
  await page.goto(engine.url);
  await expect(page.getByRole('heading', { name: 'Catalog', level: 1 })).toBeVisible({ timeout: 15_000 });
  await page.waitForTimeout(1000);
  await expect(page.getByRole('heading', { name: 'Getting started', level: 1 })).toHaveCount(0);
});

test('a step skipped is remembered, and the guide can be reopened from the navigation', async ({ page }) => {
  await page.goto(engine.url);
  await expect(page.getByRole('heading', { name: 'Getting started', level: 1 })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Skip step 3: Connect an AI app' }).click();
  await expect(page.getByRole('region', { name: '3. Connect an AI app' }).getByText('— skipped')).toBeVisible();
  await page.getByRole('button', { name: 'Finish now (skip the rest)' }).click();
  await page.goto('about:blank');
  await page.goto(engine.url);
  await expect(page.getByRole('heading', { name: 'Catalog', level: 1 })).toBeVisible({ timeout: 15_000 });
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Getting started' }).click();
  await expect(page.getByRole('region', { name: '3. Connect an AI app' }).getByText('— skipped')).toBeVisible();
});
