import { expect, test, type Locator, type Page } from '@playwright/test';
import { requireDocker, runningContainers, startEngine, type Engine } from './support/engine.js';
import { expectAccessible, openWindow, screenshots } from './support/window.js';

const IMAGE = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';
/** The package and version test/fixtures/locks/memory pins (the npm integration test builds it; here it is only added). */
const NPM_PACKAGE = '@modelcontextprotocol/server-memory@2026.8.31';

// Long journeys (axe in two themes and four screenshots per state) on a shared 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

let engine: Engine;

test.beforeAll(async () => {
  requireDocker([IMAGE]);
  engine = await startEngine();
});

test.afterAll(async () => {
  await engine?.stop();
});

async function openDialog(page: Page): Promise<Locator> {
  await openWindow(page, engine, '/servers');
  await page.getByRole('main').getByRole('button', { name: 'Add server' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a custom server' });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('bad input gets the error on its field: empty name, two sources, a URL with credentials', async ({ page }) => {
  const dialog = await openDialog(page);
  await expectAccessible(page, 'add-server dialog');
  await screenshots(page, 'add-server-empty');

  await dialog.getByRole('button', { name: 'Add server' }).click();
  const name = dialog.getByRole('textbox', { name: 'Name' });
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(/Give the server a name/);
  await expect(dialog.getByRole('alert')).toHaveText('Fill in one source: a Docker image, an npm package or a remote URL.');

  await name.fill('two-sources');
  await dialog.getByRole('textbox', { name: 'Docker image' }).fill(IMAGE);
  await dialog.getByRole('textbox', { name: 'npm package' }).fill(NPM_PACKAGE);
  await dialog.getByRole('button', { name: 'Add server' }).click();
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  for (const source of ['Docker image', 'npm package']) {
    await expect(dialog.getByRole('textbox', { name: source })).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('textbox', { name: source })).toHaveAccessibleDescription(/Fill in only one source/);
  }
  await expectAccessible(page, 'add-server dialog with errors');
  await screenshots(page, 'add-server-errors');

  await dialog.getByRole('textbox', { name: 'Docker image' }).fill('');
  await dialog.getByRole('textbox', { name: 'npm package' }).fill('');
  const url = dialog.getByRole('textbox', { name: 'Remote URL' });
  await url.fill('https://alice:hunter2@mcp.example.com/mcp');
  await dialog.getByRole('button', { name: 'Add server' }).click();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription(/user name or password/);
  // A header that writes a credential out instead of referencing a secret is refused on its own field.
  await url.fill('https://mcp.example.com/mcp');
  await dialog.getByRole('button', { name: 'Add header' }).click();
  await dialog.getByRole('textbox', { name: 'Header name 1' }).fill('Authorization');
  await dialog.getByRole('textbox', { name: 'Header value 1' }).fill('Bearer abc123');
  await dialog.getByRole('button', { name: 'Add server' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Header value 1' })).toHaveAccessibleDescription(/Do not write a credential here/);

  // Nothing was added by any of these.
  expect(engine.cli(['server', 'ls'])).not.toContain('two-sources');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});

test('a custom image server added through the dialog opens on its page, starts, and can be removed', async ({ page }) => {
  const dialog = await openDialog(page);
  await dialog.getByRole('textbox', { name: 'Name' }).fill('e2e-image');
  await dialog.getByRole('textbox', { name: 'Docker image' }).fill(IMAGE);
  await dialog.getByRole('button', { name: 'Add variable' }).click();
  await dialog.getByRole('textbox', { name: 'Variable name 1' }).fill('LOG_LEVEL');
  await dialog.getByRole('textbox', { name: 'Variable value 1' }).fill('debug');
  await dialog.getByRole('switch', { name: 'Writable file system' }).click();
  await dialog.getByRole('button', { name: 'Add server' }).click();

  await expect(page).toHaveURL(/#\/servers\/e2e-image/);
  await expect(page.getByRole('heading', { level: 1, name: 'e2e-image' })).toBeVisible();
  await expect(page.getByText('Custom Docker image')).toBeVisible();
  const settings = engine.cli(['server', 'inspect', 'e2e-image']);
  expect(settings).toContain(`image:   ${IMAGE}`);

  await page.getByRole('group', { name: 'Server actions' }).getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('status', { name: 'State: Running' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => runningContainers(engine, 'e2e-image')).toHaveLength(1);

  await page.getByRole('group', { name: 'Server actions' }).getByRole('button', { name: 'Remove' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Remove e2e-image?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Remove server' }).click();
  await expect(page).toHaveURL(/#\/servers$/);
  expect(engine.cli(['server', 'ls'])).not.toContain('e2e-image');
  await expect.poll(() => runningContainers(engine, 'e2e-image')).toHaveLength(0);
});

test('an npm server added through the dialog is shown with how its image is built', async ({ page }) => {
  const dialog = await openDialog(page);
  await dialog.getByRole('textbox', { name: 'Name' }).fill('e2e-memory');
  await dialog.getByRole('textbox', { name: 'npm package' }).fill(NPM_PACKAGE);
  await dialog.getByRole('button', { name: 'Add secret' }).click();
  await dialog.getByRole('textbox', { name: 'Secret variable 1' }).fill('MEMORY_TOKEN');
  await dialog.getByRole('textbox', { name: 'Secret key 1' }).fill('e2e-memory.token');
  await dialog.getByRole('button', { name: 'Add server' }).click();

  // It needs a secret: the page opens on its secrets, with the field to set it.
  await expect(page).toHaveURL(/#\/servers\/e2e-memory\?section=secrets/);
  await expect(page.getByLabel('Value for e2e-memory.token')).toBeVisible();
  await page.getByRole('tab', { name: 'Overview' }).click();
  await expect(page.getByText(`npm package ${NPM_PACKAGE} (image built locally on first use)`)).toBeVisible();
  await expect(page.getByRole('status', { name: 'State: Stopped' })).toBeVisible();
  expect(engine.cli(['server', 'inspect', 'e2e-memory'])).toContain(`npm package ${NPM_PACKAGE}`);
  await expectAccessible(page, 'npm server page');
  await screenshots(page, 'server-overview-npm');
});
