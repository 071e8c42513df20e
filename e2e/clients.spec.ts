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
  test.setTimeout(180_000);
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
    // The engine's plan first: the file, a diff of exactly what will be written, the backup, the transport and why.
    const diff = dialog.getByLabel(`Changes to ${file}`);
    await expect(diff).toContainText('+');
    await expect(diff).toContainText('"switchyard"');
    await expect(dialog.getByText(file, { exact: true })).toBeVisible();
    if (name === 'Claude Desktop') {
      await expect(diff).toContainText('"--keep"'); // context: the end of the entry beside ours
      await expect(dialog.getByText('stdio bridge', { exact: true })).toBeVisible();
      await expect(dialog.getByText(/can only launch a command/)).toBeVisible();
      await expect(dialog.getByText(`${file}.switchyard-backup`)).toBeVisible();
      await expectAccessible(page, 'the connect dialog');
      await screenshots(page, 'clients-connect-plan');
    } else {
      // Cursor speaks both: the stdio bridge by default, and why; HTTP chosen shows the URL entry (token hidden).
      await expect(dialog.getByRole('radio', { name: /stdio bridge/ })).toBeChecked();
      await expect(dialog.getByText(/default wherever the app can launch a command/)).toBeVisible();
      await expect(dialog.getByText(/will be created/)).toBeVisible();
      await dialog.getByRole('radio', { name: /HTTP/ }).check();
      await expect(diff).toContainText('Bearer <gateway token>');
      await expect(diff).toContainText('/mcp');
      await expectAccessible(page, 'the connect dialog with HTTP chosen');
    }
    await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText(`${name} connected.`);
    if (name === 'Claude Desktop') await expect(dialog.getByRole('status')).toContainText(`The previous file is kept at ${file}.switchyard-backup`);
    else await expect(dialog.getByRole('status')).toContainText('There was no earlier file to back up.');
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
    await expect(row.getByText('Connected', { exact: true })).toBeVisible();
  }

  const claudeAfter = JSON.parse(readFileSync(claudeFile(), 'utf8')) as { mcpServers: Record<string, unknown>; theme: string };
  expect(claudeAfter.mcpServers.other).toEqual({ command: 'other-server', args: ['--keep'] });
  expect(claudeAfter.theme).toBe('dark');
  expect(Object.keys(claudeAfter.mcpServers)).toContain('switchyard');
  const cursorAfter = JSON.parse(readFileSync(cursorFile(), 'utf8')) as { mcpServers: Record<string, { url?: string }> };
  expect(Object.keys(cursorAfter.mcpServers)).toContain('switchyard');
  expect(cursorAfter.mcpServers.switchyard?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);

  // The success toasts fade on their own; axe looks at the page, not at a toast mid-animation.
  await expect(page.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 15_000 });
  await expectAccessible(page, 'the Clients page');
  await screenshots(page, 'clients', () => expect(claude.getByText('Connected', { exact: true })).toBeVisible());

  await claude.getByRole('button', { name: 'Disconnect Claude Desktop' }).click();
  const leave = page.getByRole('dialog', { name: 'Disconnect Claude Desktop' });
  await expect(leave.getByLabel(`Changes to ${claudeFile()}`)).toContainText('-    "switchyard"');
  await leave.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(leave.getByRole('status')).toContainText(`The previous file is kept at ${claudeFile()}.switchyard-backup`);
  await leave.getByRole('button', { name: 'Close', exact: true }).first().click();
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

test('a config file changed outside the window changes the page without reload, and says what to repair', async ({ page }) => {
  test.setTimeout(120_000);
  await openWindow(page, engine, '/clients');
  const cursor = page.getByRole('list', { name: 'Supported apps' }).getByRole('listitem', { name: 'Cursor' });
  await expect(cursor.getByText('Not connected')).toBeVisible();

  // Another process (the CLI) connects Cursor: the row follows the file, with no reload and no toast (nothing broke).
  engine.cli(['client', 'connect', 'cursor']);
  await expect(cursor.getByText('Connected', { exact: true })).toBeVisible({ timeout: 5000 });
  const connected = readFileSync(cursorFile(), 'utf8');
  await expect(page.locator('[data-sonner-toast]')).toHaveCount(0);

  // The user removes our entry by hand: the row says so and a toast offers Repair.
  const withoutUs = JSON.parse(connected) as { mcpServers: Record<string, unknown> };
  delete withoutUs.mcpServers.switchyard;
  withoutUs.mcpServers.mine = { command: 'my-server' };
  writeFileSync(cursorFile(), JSON.stringify(withoutUs, null, 2));
  await expect(cursor.getByText('Not connected')).toBeVisible({ timeout: 5000 });
  const toast = page.locator('[data-sonner-toast]').filter({ hasText: 'Cursor’s config was changed outside Switchyard' });
  await expect(toast).toContainText('Our entry is gone.');
  await expectAccessible(page, 'the Clients page with the toast of an entry removed by hand');
  await screenshots(page, 'clients-changed-outside', () => expect(toast).toBeVisible());

  // Repair opens the Connect dialog with the engine's plan: our entry goes back beside the user's own.
  await toast.getByRole('button', { name: 'Repair' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect Cursor' });
  await expect(dialog.getByLabel(`Changes to ${cursorFile()}`)).toContainText('"switchyard"');
  await expect(dialog.getByLabel(`Changes to ${cursorFile()}`)).toContainText('"mine"');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The file stops parsing: config unreadable, with the position, still without reload.
  writeFileSync(cursorFile(), '{\n  "mcpServers": {\n    "mine": { "command": "x", }\n');
  await expect(cursor.getByText('Config unreadable')).toBeVisible({ timeout: 5000 });
  await expect(cursor.getByText(/line 3, column \d+/)).toBeVisible();
  await expect(cursor.getByRole('button', { name: 'Connect Cursor' })).toBeDisabled();
});

test('connect Cursor for one project folder, still listed after a restart, then disconnect restores that file', async ({ page }) => {
  test.setTimeout(180_000);
  const project = join(home, 'code', 'site');
  const projectFile = join(project, '.cursor', 'mcp.json');
  mkdirSync(join(project, '.cursor'), { recursive: true });
  const projectBefore = JSON.stringify({ mcpServers: { lint: { command: 'lint-server' } } }, null, 2) + '\n';
  writeFileSync(projectFile, projectBefore);
  await openWindow(page, engine, '/clients');
  const cursor = page.getByRole('list', { name: 'Supported apps' }).getByRole('listitem', { name: 'Cursor' });
  // Claude Desktop has no project-level file: no such button there.
  await expect(page.getByRole('listitem', { name: 'Claude Desktop' }).getByRole('button', { name: /project/ })).toHaveCount(0);

  await cursor.getByRole('button', { name: 'Connect a project to Cursor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect Cursor for a project' });
  await expect(dialog.getByText(/to see what will be written/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Connect', exact: true })).toBeDisabled();
  // A folder that does not exist: said at the field, nothing to connect.
  await dialog.getByLabel('Project folder').fill(join(home, 'code', 'missing'));
  await expect(dialog.getByText(/does not exist/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Connect', exact: true })).toBeDisabled();
  await dialog.getByLabel('Project folder').fill(project);
  const diff = dialog.getByLabel(`Changes to ${projectFile}`);
  await expect(diff).toContainText('"switchyard"');
  await expect(diff).toContainText('"lint"');
  await expectAccessible(page, 'the connect-a-project dialog');
  await screenshots(page, 'clients-connect-project');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText(`Cursor connected for ${project}.`);
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();

  const projects = () => page.getByRole('list', { name: 'Cursor projects' });
  await expect(projects().getByRole('listitem', { name: project })).toContainText('Connected');
  // The global file is untouched: Cursor itself is still not connected everywhere.
  await expect(cursor.getByText('Not connected')).toBeVisible();
  expect(JSON.parse(readFileSync(projectFile, 'utf8')).mcpServers.lint).toEqual({ command: 'lint-server' });

  // A restart of the engine: the project is still listed (and its file watched).
  const restartedHome = engine.home;
  await engine.stop({ keepHome: true });
  engine = await startEngine({ home: restartedHome, env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
  await openWindow(page, engine, '/clients');
  await expect(projects().getByRole('listitem', { name: project })).toContainText('Connected');
  await expect(page.locator('[data-sonner-toast]')).toHaveCount(0, { timeout: 15_000 });
  await expectAccessible(page, 'the Clients page with a connected project');
  await screenshots(page, 'clients-projects', () => expect(projects()).toBeVisible());

  await projects()
    .getByRole('button', { name: `Disconnect Cursor for ${project}` })
    .click();
  const leave = page.getByRole('dialog', { name: 'Disconnect Cursor for a project' });
  await expect(leave.getByText(project, { exact: true })).toBeVisible();
  await expect(leave.getByLabel(`Changes to ${projectFile}`)).toContainText('-    "switchyard"');
  await leave.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(leave.getByRole('status')).toContainText(`Cursor disconnected for ${project}.`);
  await leave.getByRole('button', { name: 'Close', exact: true }).first().click();
  await expect(projects()).toHaveCount(0);
  expect(readFileSync(projectFile, 'utf8')).toBe(projectBefore);
});
