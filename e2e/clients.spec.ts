import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine, type Engine } from './support/engine.js';
import { expectAccessible, openWindow, screenshots } from './support/window.js';

let engine: Engine;
let home: string;
const claudeFile = () => join(home, '.config', 'Claude', 'claude_desktop_config.json');
const cursorFile = () => join(home, '.cursor', 'mcp.json');
const claudeBefore = JSON.stringify({ mcpServers: { other: { command: 'other-server', args: ['--keep'] } }, theme: 'dark' }, null, 2) + '\n';

test.beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'switchyard-e2e-home-'));
  mkdirSync(join(home, '.config', 'Claude'), { recursive: true });
  mkdirSync(join(home, '.cursor'), { recursive: true });
  writeFileSync(claudeFile(), claudeBefore);
  engine = await startEngine({ env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
});

test.afterEach(async () => {
  await engine.stop();
  rmSync(home, { recursive: true, force: true });
});

test('connect Claude Desktop and Cursor from the page after seeing the entry, then disconnect restores the files', async ({ page }) => {
  await openWindow(page, engine, '/clients');
  const list = page.getByRole('list', { name: 'Supported apps' });
  const claude = list.getByRole('listitem', { name: 'Claude Desktop' });
  await expect(claude.getByText(claudeFile())).toBeVisible();
  await expect(claude.getByText('Not connected')).toBeVisible();

  for (const [name, file] of [
    ['Claude Desktop', claudeFile()],
    ['Cursor', cursorFile()],
  ] as const) {
    const row = list.getByRole('listitem', { name });
    await row.getByRole('button', { name: `Connect ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Connect ${name}` });
    await expect(dialog.getByLabel('Entry to be written')).toContainText('switchyard');
    await expect(dialog.getByText(file)).toBeVisible();
    await expect(dialog.getByText(/stdio bridge/)).toBeVisible();
    if (name === 'Claude Desktop') await expectAccessible(page, 'the connect dialog');
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(row.getByText('Connected', { exact: true })).toBeVisible();
  }

  const claudeAfter = JSON.parse(readFileSync(claudeFile(), 'utf8')) as { mcpServers: Record<string, unknown>; theme: string };
  expect(claudeAfter.mcpServers.other).toEqual({ command: 'other-server', args: ['--keep'] });
  expect(claudeAfter.theme).toBe('dark');
  expect(Object.keys(claudeAfter.mcpServers)).toContain('switchyard');
  const cursorAfter = JSON.parse(readFileSync(cursorFile(), 'utf8')) as { mcpServers: Record<string, unknown> };
  expect(Object.keys(cursorAfter.mcpServers)).toContain('switchyard');

  // The success toasts fade on their own; axe looks at the page, not at a toast mid-animation.
  await expect(page.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 15_000 });
  await expectAccessible(page, 'the Clients page');
  await screenshots(page, 'clients', () => expect(claude.getByText('Connected', { exact: true })).toBeVisible());

  await claude.getByRole('button', { name: 'Disconnect Claude Desktop' }).click();
  await expect(claude.getByText('Not connected')).toBeVisible();
  expect(readFileSync(claudeFile(), 'utf8')).toBe(claudeBefore);
});

test('a malformed config file shows config unreadable with its position and is not written', async ({ page }) => {
  const broken = '{\n  "mcpServers": {\n    "other": { "command": "x", }\n';
  writeFileSync(claudeFile(), broken);
  await openWindow(page, engine, '/clients');
  const claude = page.getByRole('list', { name: 'Supported apps' }).getByRole('listitem', { name: 'Claude Desktop' });
  await expect(claude.getByText('Config unreadable')).toBeVisible();
  await expect(claude.getByText(/line 3, column \d+/)).toBeVisible();
  await expect(claude.getByRole('button', { name: 'Connect Claude Desktop' })).toBeDisabled();
  expect(readFileSync(claudeFile(), 'utf8')).toBe(broken);
});
