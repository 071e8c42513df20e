import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { expect, test } from '@playwright/test';
import { requireDocker, runningContainers, startEngine, type Engine } from './support/engine.js';
import { expectAccessible, openWindow, screenshots } from './support/window.js';

// Two real servers that both offer a tool named `echo`, with different descriptions and schemas: swapping one
// image for the other under the same server name is a changed tool definition, as an update of a server would be.
const HOSTILE = 'switchyard-fixture/hostile:latest';
const EVERYTHING = 'switchyard-fixture/everything:latest';

// Real containers, SDK clients, axe in two themes and screenshots, on a shared 2-core machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let engine: Engine;

test.beforeAll(async () => {
  requireDocker([HOSTILE, EVERYTHING]);
  engine = await startEngine({ settings: { servers: { pinned: { image: HOSTILE, enabled: true } } } });
});

test.afterAll(async () => {
  await engine?.stop();
});

type ToolAnswer = { isError?: boolean; content?: Array<{ type: string; text?: string }> };
const text = (answer: ToolAnswer) => (answer.content ?? []).map((part) => part.text ?? '').join('\n');

/** Changes settings.json as an editor would; the running gateway's file watcher applies it. */
function editSettings(change: (settings: { servers: Record<string, Record<string, unknown>> }) => void): void {
  const file = join(engine.home, 'settings.json');
  const settings = JSON.parse(readFileSync(file, 'utf8')) as { servers: Record<string, Record<string, unknown>> };
  change(settings);
  writeFileSync(file, JSON.stringify(settings, null, 2));
}

async function echoTool(client: Client) {
  const { tools } = await client.listTools();
  return tools.find((tool) => tool.name === 'echo');
}

test('a changed tool is held back, the Policies page shows what changed; approved, the client sees it again; kept blocked, it stays hidden', async ({
  page,
}) => {
  const client = await engine.mcpClient();
  try {
    // First sight: the definitions are pinned.
    expect((await echoTool(client))?.description).toBe('hostile fixture: echo');

    editSettings((settings) => {
      settings.servers.pinned!.image = EVERYTHING;
    });
    // The new image starts for the client's next list; its echo differs from the pinned one and is held back.
    await expect.poll(async () => (await echoTool(client)) === undefined, { timeout: 60_000 }).toBe(true);
    await expect(client.callTool({ name: 'echo', arguments: { message: 'x' } })).rejects.toThrow(/"echo" of server "pinned" changed its definition/);

    await openWindow(page, engine, '/policies');
    const diff = page.getByLabel('What changed in echo');
    await expect(diff).toContainText('hostile fixture: echo');
    await expect(diff).toContainText('Echoes back the input');
    await expect(diff).toContainText('message');
    await screenshots(page, 'policies-pending-tool');
    await expectAccessible(page, 'Policies with a held-back tool');

    await page.getByRole('button', { name: 'Approve echo' }).click();
    await expect(page.getByText('No tool is waiting: every tool your apps see is as you approved it.')).toBeVisible();
    await expect.poll(async () => (await echoTool(client))?.description, { timeout: 15_000 }).toMatch(/Echoes back the input/);
    const echoed = (await client.callTool({ name: 'echo', arguments: { message: 'approved' } })) as ToolAnswer;
    expect(echoed.isError ?? false).toBe(false);
    expect(text(echoed)).toContain('approved');

    // Back to the first image: its echo (from the list remembered for that image) now differs from the approved one.
    editSettings((settings) => {
      settings.servers.pinned!.image = HOSTILE;
    });
    await expect.poll(async () => (await echoTool(client)) === undefined, { timeout: 60_000 }).toBe(true);
    await expect(page.getByLabel('What changed in echo')).toContainText('hostile fixture: echo', { timeout: 15_000 });
    await page.getByRole('button', { name: 'Keep echo blocked' }).click();
    await expect(page.getByText('No tool is waiting: every tool your apps see is as you approved it.')).toBeVisible();
    const server = JSON.parse(readFileSync(join(engine.home, 'settings.json'), 'utf8')).servers.pinned as { disabledTools?: string[] };
    expect(server.disabledTools).toEqual(['echo']);
    expect(await echoTool(client)).toBeUndefined();
    await expect(client.callTool({ name: 'echo', arguments: { text: 'x' } })).rejects.toThrow(/"echo" of server "pinned" is switched off/);
  } finally {
    await client.close();
  }
});

test('the idle timeout set in Settings stops the running container after that long', async ({ page }) => {
  editSettings((settings) => {
    settings.servers.pinned = { image: EVERYTHING, enabled: true };
  });
  const client = await engine.mcpClient();
  try {
    await openWindow(page, engine, '/settings');
    const form = page.getByRole('form', { name: 'Gateway settings' });
    await form.getByLabel('Stop idle servers after (seconds)').fill('3');
    await form.getByRole('button', { name: 'Save gateway settings' }).click();
    await expect(page.getByText('Gateway settings saved.')).toBeVisible();

    await expect.poll(async () => (await echoTool(client))?.description, { timeout: 60_000 }).toMatch(/Echoes back the input/);
    const answer = (await client.callTool({ name: 'echo', arguments: { message: 'wake' } })) as ToolAnswer;
    expect(answer.isError ?? false).toBe(false);
    expect(runningContainers(engine, 'pinned')).toHaveLength(1);
    const idleSince = Date.now();
    await expect.poll(() => runningContainers(engine, 'pinned').length, { timeout: 30_000, intervals: [500] }).toBe(0);
    // Stopped by the new timeout (3 s, checked about every second), not the old 600 s.
    expect(Date.now() - idleSince).toBeLessThan(20_000);
  } finally {
    await client.close();
  }
});

test('a deny rule added in Policies refuses the tool to a connected SDK client by name; removed, the call works again', async ({ page }) => {
  const client = await engine.mcpClient();
  try {
    const allowed = (await client.callTool({ name: 'echo', arguments: { message: 'before' } })) as ToolAnswer;
    expect(allowed.isError ?? false).toBe(false);

    await openWindow(page, engine, '/policies');
    await expect(page.getByText('No rule: every enabled tool can be called.')).toBeVisible();
    await screenshots(page, 'policies-empty');
    const add = page.getByRole('form', { name: 'Add a deny rule' });
    await add.getByLabel('Server').fill('pinned');
    await add.getByLabel('Tool (empty: every tool)').fill('echo');
    await add.getByRole('button', { name: 'Add rule' }).click();
    await expect(page.getByRole('list', { name: 'Deny rules' }).getByRole('listitem', { name: 'pinned · echo' })).toBeVisible();
    expect(JSON.parse(engine.cli(['settings', 'get', 'policy.deny']))).toEqual([{ server: 'pinned', tool: 'echo' }]);

    const denied = (await client.callTool({ name: 'echo', arguments: { message: 'after' } })) as ToolAnswer;
    expect(denied.isError).toBe(true);
    expect(text(denied)).toContain('pinned echo is denied by your settings');
    await screenshots(page, 'policies-deny-rules');
    await expectAccessible(page, 'Policies with deny rules');

    await page.getByRole('button', { name: 'Remove the rule pinned · echo' }).click();
    await expect(page.getByText('No rule: every enabled tool can be called.')).toBeVisible();
    const again = (await client.callTool({ name: 'echo', arguments: { message: 'again' } })) as ToolAnswer;
    expect(again.isError ?? false).toBe(false);
    expect(text(again)).toContain('again');
  } finally {
    await client.close();
  }
});

test('a per-tool call timeout set in Policies: a bad value is marked on its field; saved, the CLI reads it; removed, it is gone', async ({ page }) => {
  await openWindow(page, engine, '/policies');
  await expect(page.getByText('No tool has its own limit.')).toBeVisible({ timeout: 20_000 });
  const add = page.getByRole('form', { name: 'Add a tool call timeout' });
  await add.getByLabel('Server of the tool').fill('pinned');
  await add.getByLabel('Tool', { exact: true }).fill('echo');
  const seconds = add.getByLabel('Timeout (s)');
  await seconds.fill('100000');
  await add.getByRole('button', { name: 'Set timeout' }).click();
  await expect(seconds).toHaveAttribute('aria-invalid', 'true');
  await expect(add.getByText('0 (no limit) to 86400 seconds')).toBeVisible();
  await expect(seconds).toHaveValue('100000');
  expect(engine.cli(['settings', 'get', 'servers.pinned.toolCallTimeoutSeconds.echo']).trim()).toBe('null');

  await seconds.fill('45');
  await add.getByRole('button', { name: 'Set timeout' }).click();
  await expect(page.getByRole('list', { name: 'Per-tool call timeouts' }).getByRole('listitem', { name: 'pinned · echo · 45 s' })).toBeVisible();
  expect(engine.cli(['settings', 'get', 'servers.pinned.toolCallTimeoutSeconds.echo']).trim()).toBe('45');
  await screenshots(page, 'policies-tool-timeouts', () => add.scrollIntoViewIfNeeded());
  await expectAccessible(page, 'Policies with a tool call timeout');

  await page.getByRole('button', { name: 'Remove the call timeout of pinned echo' }).click();
  await expect(page.getByText('No tool has its own limit.')).toBeVisible();
  expect(engine.cli(['settings', 'get', 'servers.pinned.toolCallTimeoutSeconds.echo']).trim()).toBe('null');
});
