import { expect, test } from '@playwright/test';
import { requireDocker, runningContainers, startEngine, type Engine } from './support/engine.js';
import { openWindow } from './support/window.js';

const IMAGE = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';
const SERVER = 'everything';

// One engine for the whole file: the tests share it and must run in order.
test.describe.configure({ mode: 'serial' });

let engine: Engine;

test.beforeAll(async () => {
  requireDocker([IMAGE]);
  engine = await startEngine({ args: ['--name', SERVER, '--image', IMAGE] });
});

test.afterAll(async () => {
  await engine?.stop();
});

test('starts and stops a server container from My servers', async ({ page }) => {
  await openWindow(page, engine, '/servers');
  const row = page.getByRole('list', { name: 'Enabled servers' }).getByRole('listitem', { name: SERVER });
  await expect(row.getByText('stopped', { exact: true })).toBeVisible();

  await row.getByRole('button', { name: `Start ${SERVER}` }).click();
  await expect(row.getByText('running', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => runningContainers(engine, SERVER), { message: 'docker ps after start' }).toHaveLength(1);
  // The row shows the short id of the very container Docker reports.
  await expect(row).toContainText(runningContainers(engine, SERVER)[0] ?? '(none)');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await row.getByRole('button', { name: `Stop ${SERVER}` }).click();
  await expect(row.getByText('stopped', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => runningContainers(engine, SERVER), { message: 'docker ps after stop' }).toHaveLength(0);
});

test('a page opened without the token is refused', async ({ page }) => {
  await page.goto(engine.origin + '/');
  await expect(page.getByRole('alert')).toContainText("This page's link expired");
  await expect(page.getByRole('button', { name: /(Start|Stop) gateway/ })).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Enabled servers' })).toHaveCount(0);
});
