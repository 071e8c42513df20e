import { expect, test, type Page } from '@playwright/test';
import type { Client } from '@modelcontextprotocol/client';
import { readFileSync } from 'node:fs';
import type { CallRecordView } from '../shared/history-types.js';
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
  await expect(page.getByRole('heading', { name: 'Activity' })).toBeVisible({ timeout: 15_000 });
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

  // All 200 are in the list, newest first, in the order they were made: each row's place and text, read by
  // scrolling through the virtualized list (the rows out of view are not in the DOM).
  const rows = await readAllRows(page);
  expect(rows).toHaveLength(200);
  expect(rows[0]).toContain('trigger-long-running-operation');
  expect(rows[1]).toMatch(/echo.*leak/);
  expect(rows[2]).toContain('get-sum');
  const echoes = rows.slice(3).map((text) => /"message":"(call-\d{3})"/.exec(text)?.[1]);
  expect(echoes).toEqual(Array.from({ length: 197 }, (_, i) => `call-${String(196 - i).padStart(3, '0')}`));
  expect(rows.join('\n')).not.toContain(SECRET);

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

  // Export of the current filter (tool get-sum, denied): exactly that call, as CSV and as JSONL.
  const csv = await download(page, 'Export CSV');
  const csvLines = csv.trim().split('\r\n');
  expect(csvLines[0]).toBe('started_at,duration_ms,status,server,method,name,client,trace_id,error,arguments');
  expect(csvLines).toHaveLength(2);
  expect(csvLines[1]).toContain(',denied,everything,tools/call,get-sum,activity-e2e,');
  // Status denied alone: the rule's call and the leak guard's, and the secret is not in the file.
  await page.getByLabel('Tool', { exact: true }).fill('');
  await expect(matching.getByRole('button')).toHaveCount(2);
  const jsonl = await download(page, 'Export JSONL');
  expect(jsonl).not.toContain(SECRET);
  const denied = jsonl
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CallRecordView);
  expect(denied.map((record) => [record.name, record.status])).toEqual([
    ['echo', 'denied'],
    ['get-sum', 'denied'],
  ]);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // The statistics agree with the history: p50/p95 per tool, computed here from the exported calls.
  const all = (await download(page, 'Export JSONL'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CallRecordView);
  expect(all).toHaveLength(200);
  const echoDurations = all.filter((record) => record.name === 'echo').map((record) => record.durationMs!);
  await page.getByLabel('Group by').selectOption('tool');
  const echoRow = page.getByRole('table', { name: /by tool/ }).getByRole('row', { name: 'everything/echo' });
  await expect(echoRow).toContainText('198');
  await expect(echoRow.getByRole('cell').nth(2)).toHaveText(duration(percentile(echoDurations, 50)));
  await expect(echoRow.getByRole('cell').nth(3)).toHaveText(duration(percentile(echoDurations, 95)));
  await expect(page.getByRole('figure', { name: /p50 and p95 duration by tool/ })).toBeVisible();
  await page.getByLabel('Group by').selectOption('server');
  await screenshots(page, 'activity-stats', async () => {
    await page.getByRole('heading', { name: 'Calls by server' }).scrollIntoViewIfNeeded();
  });
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

/** Every row of the live list, in order: scrolls the virtualized list top to bottom, keyed by each row's aria-posinset. */
async function readAllRows(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('[data-call-list-scroller]')!;
    const rows = new Map<number, string>();
    let size = 0;
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (let top = 0; ; top += scroller.clientHeight / 2) {
      scroller.scrollTop = top;
      await frame();
      for (const row of scroller.querySelectorAll('li[aria-posinset]')) {
        rows.set(Number(row.getAttribute('aria-posinset')), row.textContent ?? '');
        size = Number(row.getAttribute('aria-setsize'));
      }
      if (top >= scroller.scrollHeight) break;
    }
    scroller.scrollTop = 0;
    await frame();
    return Array.from({ length: size }, (_, index) => rows.get(index + 1) ?? '(missing)');
  });
}

/** Clicks an export button and returns the downloaded file's text. */
async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return readFileSync((await file.path())!, 'utf8');
}

/** SQLite's percentile(): linear interpolation between the ranks around p% of (n - 1). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** As the window writes a duration (renderer/src/features/activity/lib/format.ts). */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
