import { expect, test } from '@playwright/test';
import type { Client } from '@modelcontextprotocol/client';
import { requireDocker, startEngine, type Engine } from './support/engine.js';
import { expectAccessible, goTo, openWindow, screenshots } from './support/window.js';

const IMAGE = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';
const SECRET = `vault-secret-${Date.now()}`;

// One engine for the file: a real gateway with the everything server, a deny rule on get-sum, a 1 s call
// timeout, and a stored secret of another server (the leak guard refuses calls that carry it).
test.describe.configure({ mode: 'serial' });

let engine: Engine;
let client: Client;

test.beforeAll(async () => {
  requireDocker([IMAGE]);
  process.env.SWITCHYARD_SECRET_BACKEND = 'encrypted-file';
  engine = await startEngine({
    settings: {
      gateway: { callTimeoutSeconds: 1 },
      servers: { everything: { image: IMAGE } },
      policy: { deny: [{ server: 'everything', tool: 'get-sum' }] },
    },
  });
  engine.cli(['secret', 'set', 'vault.token'], SECRET);
  client = await engine.mcpClient('activity-e2e');
});

test.afterAll(async () => {
  await client?.close();
  await engine?.stop();
});

test('the live feed shows every call as it happens, in order, with its status; filters ask the engine; details are redacted', async ({ page }) => {
  test.setTimeout(180_000);
  await openWindow(page, engine, '/activity');
  await expect(page.getByRole('heading', { name: 'Activity' })).toBeVisible();
  await expect(page.getByText('No calls yet')).toBeVisible();
  await expectAccessible(page, 'Activity (empty)');
  await screenshots(page, 'activity-empty');

  // 200 calls from a real SDK client while the page is open: 197 echoes, one denied by the rule, one refused by
  // the leak guard (denied, its arguments redacted), one past the 1 s timeout.
  for (let i = 0; i < 197; i += 1) await client.callTool({ name: 'echo', arguments: { message: `call-${String(i).padStart(3, '0')}` } });
  await client.callTool({ name: 'get-sum', arguments: { a: 1, b: 2 } });
  await client.callTool({ name: 'echo', arguments: { message: `leak ${SECRET}` } });
  await client.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 3, steps: 3 } });

  const calls = page.getByRole('list', { name: 'Calls, newest first' });
  await expect(calls.getByRole('button', { name: /trigger-long-running-operation, timeout/ })).toBeVisible({ timeout: 15_000 });
  const firstRows = calls.getByRole('button');
  await expect(firstRows.nth(0)).toHaveAccessibleName(/^everything trigger-long-running-operation, timeout/);
  await expect(firstRows.nth(1)).toHaveAccessibleName(/^everything echo, denied/);
  await expect(firstRows.nth(2)).toHaveAccessibleName(/^everything get-sum, denied/);
  await expect(firstRows.nth(3)).toHaveAccessibleName(/^everything echo, ok/);

  // Every one of the 200 arrived: the engine's stats over the same (empty) filter count them.
  await expect(page.getByRole('table', { name: /Calls, error rate and durations by server/ }).getByRole('row', { name: /everything/ })).toContainText('200');

  // The calls-per-minute chart (the engine's time buckets) counts them too, the timeout as the one failure.
  await expect(page.getByRole('figure', { name: /calls per minute over time/ })).toContainText('200 calls, 1 failed');

  // The leak-guarded call's detail: arguments redacted, trace id shown, a link to the server.
  await firstRows.nth(1).click();
  const detail = page.getByRole('dialog', { name: 'everything / echo' });
  await expect(detail).toContainText('denied');
  await expect(detail.getByText(/leak/)).toBeVisible();
  await expect(detail).not.toContainText(SECRET);
  await expect(detail.getByRole('link', { name: 'Open server everything' })).toBeVisible();
  await expectAccessible(page, 'Activity call detail');
  await screenshots(page, 'activity-detail');
  await page.keyboard.press('Escape');

  // Filters go to the engine: status denied gives the two denied calls; tool get-sum the one.
  await page.getByLabel('Status', { exact: true }).selectOption('denied');
  const matching = page.getByRole('list', { name: 'Matching calls' });
  await expect(matching.getByRole('button')).toHaveCount(2);
  await page.getByLabel('Tool', { exact: true }).fill('get-sum');
  await expect(matching.getByRole('button')).toHaveCount(1);
  await expect(matching.getByRole('button').first()).toHaveAccessibleName(/get-sum, denied/);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('list', { name: 'Calls, newest first' })).toBeVisible();
  await expectAccessible(page, 'Activity (calls)');
  await screenshots(page, 'activity-calls');

  // Paused, new calls wait and are counted; Resume shows them.
  await page.getByRole('button', { name: 'Pause live' }).click();
  await client.callTool({ name: 'echo', arguments: { message: 'while paused' } });
  await expect(page.getByRole('button', { name: /1 new call/ })).toBeVisible();
  await page.getByRole('button', { name: 'Resume live' }).click();
  await expect(page.getByRole('list', { name: 'Calls, newest first' }).getByRole('button').first()).toHaveAccessibleName(/^everything echo, ok/);
  await goTo(page, '/servers');
});
