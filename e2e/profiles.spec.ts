import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { addFixtureCatalog, requireDocker, startEngine, type Engine, type FixtureEntry } from './support/engine.js';
import { expectAccessible, goTo, openWindow, screenshots } from './support/window.js';

const IMAGE = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';
/** Issue #20: changes made with the CLI show in the open window within a second. */
const LIVE_MS = 1_000;

const fixture = (name: string, title: string, extra: Partial<FixtureEntry> = {}): FixtureEntry => ({
  name,
  image: IMAGE,
  title,
  description: `The everything server as ${title}.`,
  tools: ['echo', 'add'],
  ...extra,
});
const ENTRIES = [
  fixture('e2e-alpha', 'Alpha'),
  fixture('e2e-beta', 'Beta'),
  fixture('e2e-notes', 'Notes'),
  fixture('e2e-calendar', 'Calendar'),
  fixture('e2e-search', 'Search'),
  fixture('e2e-secretive', 'Secretive', { secrets: [{ name: 'api_key', env: 'API_KEY' }] }),
];

test.describe.configure({ mode: 'serial' });

let engine: Engine;
/** The user's home for the AI apps' config files (never the real one). */
let appsHome: string;

test.beforeAll(async () => {
  requireDocker([IMAGE]);
  appsHome = mkdtempSync(join(tmpdir(), 'switchyard-e2e-apps-'));
  mkdirSync(join(appsHome, '.cursor'), { recursive: true });
  engine = await startEngine({ env: { HOME: appsHome, XDG_CONFIG_HOME: join(appsHome, '.config') } });
  addFixtureCatalog(engine, ENTRIES);
  for (const entry of ENTRIES) engine.cli(['server', 'enable', entry.name]);
});

test.afterAll(async () => {
  await engine?.stop();
  rmSync(appsHome, { recursive: true, force: true });
});

/** A real SDK client (2025-11-25 era) attached to a profile over HTTP with the gateway's token. */
async function profileClient(profile: string): Promise<{ client: Client; close: () => Promise<void> }> {
  const token = engine.cli(['gateway', 'token']).trim();
  const client = new Client({ name: 'e2e-profile-client', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${engine.mcpUrl}/profiles/${profile}`), { authProvider: { token: async () => token } });
  await client.connect(transport);
  return { client, close: async () => (await transport.terminateSession(), await client.close()) };
}

/** Picks an option of a Radix select (a combobox opening a listbox) by its accessible name. */
async function choose(page: Page, combobox: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option }).click();
}

test('create a profile, add a server and restrict its tools: a client on /mcp/profiles/coding sees exactly those', async ({ page }) => {
  test.setTimeout(180_000);
  await openWindow(page, engine, '/servers');
  const switcher = page.getByRole('combobox', { name: 'Profile' });
  await expect(switcher).toHaveText(/default/);
  await expect(page.getByRole('list', { name: 'Enabled servers' }).getByRole('listitem')).toHaveCount(ENTRIES.length);
  await expectAccessible(page, 'My servers with the profile switcher');
  await screenshots(page, 'profiles-default-many-servers');

  // New profile: the form's check first, then the engine's, each on the name field.
  await page.getByRole('button', { name: 'New profile' }).click();
  const create = page.getByRole('dialog', { name: 'New profile' });
  await create.getByRole('button', { name: 'Create profile' }).click();
  await expect(create.getByText('Give the profile a name, e.g. "coding".')).toBeVisible();
  await create.getByLabel('Name').fill('Coding Agent');
  await create.getByRole('button', { name: 'Create profile' }).click();
  await expect(create.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(create.getByText(/lower-case letters/)).toBeVisible();
  await expectAccessible(page, 'the new-profile dialog with a refused name');
  await screenshots(page, 'profiles-create-error');
  await create.getByLabel('Name').fill('coding');
  await create.getByLabel('Description (optional)').fill('What my coding agent needs');
  await create.getByRole('button', { name: 'Create profile' }).click();
  await expect(create).toBeHidden();

  // The new profile is selected (and in the URL), empty.
  await expect(switcher).toHaveText('coding');
  await expect(page).toHaveURL(/#\/servers\?profile=coding$/);
  await expect(page.getByRole('heading', { name: 'No servers in coding yet' })).toBeVisible();
  await expect(page.getByText('/mcp/profiles/coding')).toBeVisible();
  await expectAccessible(page, 'an empty profile');
  await screenshots(page, 'profiles-empty');

  await choose(page, 'Add a server to coding', 'e2e-alpha');
  await page.getByRole('button', { name: 'Add to profile' }).click();
  const members = page.getByRole('list', { name: 'Servers in coding' });
  const alpha = members.getByRole('listitem', { name: 'e2e-alpha' });
  await expect(alpha.getByText('Every tool')).toBeVisible();

  // Restrict its tools to echo.
  await alpha.getByRole('button', { name: 'Choose tools of e2e-alpha' }).click();
  const tools = page.getByRole('dialog', { name: 'Tools of e2e-alpha in coding' });
  await expect(tools.getByRole('checkbox', { name: 'echo' })).toBeChecked();
  await tools.getByRole('checkbox', { name: 'add' }).uncheck();
  await expect(tools.getByRole('status')).toContainText('1 of 2');
  await expectAccessible(page, 'the tool allow-list editor');
  await screenshots(page, 'profiles-allow-list');
  await tools.getByRole('button', { name: 'Save tools' }).click();
  await expect(tools).toBeHidden();
  await expect(alpha.getByText('1 tool: echo')).toBeVisible();

  // A real client attached to the profile sees exactly the allowed tool, and can call it.
  const { client, close } = await profileClient('coding');
  try {
    const listed = await client.listTools();
    expect(listed.tools.map((tool) => tool.name)).toEqual(['echo']);
    const answer = await client.callTool({ name: 'echo', arguments: { message: 'from the coding profile' } });
    expect(JSON.stringify(answer.content)).toContain('from the coding profile');
    // A tool left out is refused by name (as an error or an error result, whichever the gateway answers).
    const refused = await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } }).then(
      (result) => JSON.stringify(result).replaceAll('\\"', '"'),
      (error: Error) => error.message,
    );
    expect(refused).toContain('Tool "add"');
    expect(refused).toContain('profile "coding"');
  } finally {
    await close();
  }
});

test('changes made with the CLI show in the open window within a second', async ({ page }) => {
  test.setTimeout(120_000);
  await openWindow(page, engine, '/servers?profile=coding');
  const members = page.getByRole('list', { name: 'Servers in coding' });
  await expect(members.getByRole('listitem', { name: 'e2e-alpha' })).toBeVisible();

  const live = async (args: string[], shown: () => Promise<void>) => {
    engine.cli(args);
    const started = Date.now();
    await shown();
    console.log(`window showed \`switchyard ${args.join(' ')}\` after ${Date.now() - started} ms`);
  };
  await live(['profile', 'server', 'add', 'coding', 'e2e-beta'], async () => {
    await expect(members.getByRole('listitem', { name: 'e2e-beta' })).toBeVisible({ timeout: LIVE_MS });
  });
  await live(['profile', 'tools', 'coding', 'e2e-beta', '--allow', 'add'], async () => {
    await expect(members.getByRole('listitem', { name: 'e2e-beta' }).getByText('1 tool: add')).toBeVisible({ timeout: LIVE_MS });
  });
  await live(['profile', 'server', 'rm', 'coding', 'e2e-beta'], async () => {
    await expect(members.getByRole('listitem', { name: 'e2e-beta' })).toHaveCount(0, { timeout: LIVE_MS });
  });
  // The switcher is open while the CLI creates a profile: the new one joins its options.
  await page.getByRole('combobox', { name: 'Profile' }).click();
  await expect(page.getByRole('option', { name: 'coding' })).toBeVisible();
  await live(['profile', 'create', 'research', '--server', 'e2e-notes'], async () => {
    await expect(page.getByRole('option', { name: 'research' })).toBeVisible({ timeout: LIVE_MS });
  });
  await page.keyboard.press('Escape');
  await goTo(page, '/servers?profile=research');
  await expect(page.getByRole('list', { name: 'Servers in research' }).getByRole('listitem', { name: 'e2e-notes' })).toBeVisible();
  await live(['profile', 'rm', 'research'], async () => {
    await expect(page.getByRole('alert').getByText('There is no profile named “research”')).toBeVisible({ timeout: LIVE_MS });
  });
  await expectAccessible(page, 'a profile removed meanwhile');
  await screenshots(page, 'profiles-removed-error');
  await page.getByRole('button', { name: 'Show every enabled server' }).click();
  await expect(page.getByRole('combobox', { name: 'Profile' })).toHaveText(/default/);
});

test('export a profile (no secret value in it), import it under another name and see the secrets to set', async ({ page }) => {
  test.setTimeout(180_000);
  engine.cli(['profile', 'server', 'add', 'coding', 'e2e-secretive']);
  engine.cli(['secret', 'set', 'e2e-secretive.api_key'], 'sk-never-in-an-export-0123456789\n');
  await openWindow(page, engine, '/servers?profile=coding');
  await page.getByRole('button', { name: 'Export coding' }).click();
  const exported = page.getByRole('dialog', { name: 'Export coding' });
  const file = exported.getByLabel('Profile file coding.switchyard-profile.yaml');
  await expect(file).toHaveValue(/switchyardProfile: 1/);
  await expect(exported.getByText('No secret value is in the file.')).toBeVisible();
  const text = await file.inputValue();
  expect(text).toContain('e2e-secretive');
  expect(text).not.toContain('sk-never-in-an-export');
  await expectAccessible(page, 'the export dialog');
  await screenshots(page, 'profiles-export');
  const download = page.waitForEvent('download');
  await exported.getByRole('button', { name: 'Download coding.switchyard-profile.yaml' }).click();
  expect((await download).suggestedFilename()).toBe('coding.switchyard-profile.yaml');
  await page.keyboard.press('Escape');

  // A file that is not a profile is refused on the file's field, and nothing is imported.
  await page.getByRole('button', { name: 'Import' }).click();
  const importing = page.getByRole('dialog', { name: 'Import profile' });
  await importing.getByLabel('Profile file (YAML)').fill('servers: [not, a, profile');
  await importing.getByRole('button', { name: 'Import' }).click();
  await expect(importing.getByLabel('Profile file (YAML)')).toHaveAttribute('aria-invalid', 'true');
  await expect(importing.getByText(/not valid YAML/)).toBeVisible();
  await expectAccessible(page, 'the import dialog with a refused file');
  await screenshots(page, 'profiles-import-error');

  // The same name is taken: the engine says so on the name; another name imports it.
  await importing.getByLabel('Profile file (YAML)').fill(text);
  await importing.getByRole('button', { name: 'Import' }).click();
  await expect(importing.getByText(/A profile named "coding" exists already/)).toBeVisible();
  engine.cli(['secret', 'rm', 'e2e-secretive.api_key']);
  await importing.getByLabel('Import as (optional)').fill('coding-copy');
  await importing.getByRole('button', { name: 'Import' }).click();
  await expect(importing.getByText(/Imported coding-copy with 2 servers/)).toBeVisible();
  await expect(importing.getByRole('link', { name: 'e2e-secretive.api_key' })).toBeVisible();
  await expect(importing.getByText('switchyard secret set e2e-secretive.api_key')).toBeVisible();
  await screenshots(page, 'profiles-import-done');
  await importing.getByRole('button', { name: 'Show coding-copy' }).click();
  await expect(page.getByRole('combobox', { name: 'Profile' })).toHaveText('coding-copy');
  await expect(page.getByRole('list', { name: 'Servers in coding-copy' }).getByRole('listitem', { name: 'e2e-alpha' }).getByText('1 tool: echo')).toBeVisible();

  // Remove asks first.
  await page.getByRole('button', { name: 'Remove profile coding-copy' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Remove profile coding-copy?' });
  await confirm.getByRole('button', { name: 'Remove profile' }).click();
  await expect(page.getByRole('combobox', { name: 'Profile' })).toHaveText(/default/);
  expect(engine.cli(['profile', 'ls'])).not.toContain('coding-copy');
});

test('the Clients page connects an app to a profile, and shows the profile of each connected app', async ({ page }) => {
  test.setTimeout(120_000);
  const file = join(appsHome, '.cursor', 'mcp.json');
  await openWindow(page, engine, '/clients');
  const row = page.getByRole('list', { name: 'Supported apps' }).getByRole('listitem', { name: 'Cursor' });
  await row.getByRole('button', { name: 'Connect Cursor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect Cursor' });
  await expect(dialog.getByRole('combobox', { name: 'Profile' })).toHaveText(/default/);
  await choose(page, 'Profile', 'coding');
  // The engine's plan follows the choice: the entry attaches to the profile.
  await expect(dialog.getByLabel(`Changes to ${file}`)).toContainText('coding');
  await expectAccessible(page, 'the connect dialog with a profile');
  await screenshots(page, 'profiles-client-connect');
  await dialog.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(dialog.getByText('Cursor connected.')).toBeVisible();
  expect(readFileSync(file, 'utf8')).toContain('coding');
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(row.getByText('Profile:')).toBeVisible();
  await expect(row.getByRole('link', { name: 'coding' })).toBeVisible();
  await screenshots(page, 'profiles-clients');
  await row.getByRole('link', { name: 'coding' }).click();
  await expect(page.getByRole('combobox', { name: 'Profile' })).toHaveText('coding');
});

test('on-demand tools and unlisted servers set in the window change what a client on /mcp/profiles/agent lists', async ({ page }) => {
  test.setTimeout(180_000);
  engine.cli(['profile', 'create', 'agent', '--server', 'e2e-alpha']);
  const { client, close } = await profileClient('agent');
  const listed = async () => (await client.listTools()).tools.map((tool) => tool.name);
  const gatewayTools = ['add_server', 'call_tool', 'describe_server', 'find_servers'];
  try {
    await openWindow(page, engine, '/servers?profile=agent');
    const onDemand = page.getByRole('switch', { name: 'On-demand tools for agent' });
    const alpha = page.getByRole('list', { name: 'Servers in agent' }).getByRole('listitem', { name: 'e2e-alpha' });
    const alphaListed = alpha.getByRole('switch', { name: 'List the tools of e2e-alpha' });
    await expect(onDemand).not.toBeChecked();
    await expect(page.getByRole('region', { name: 'On-demand tools' })).toContainText('search the catalog');
    // Off: a member has no Listed switch (nothing could reach an unlisted server's tools).
    await expect(alphaListed).toHaveCount(0);
    const before = await listed();
    expect(before).toContain('echo');
    expect(before).not.toContain('find_servers');
    await expectAccessible(page, 'a profile without on-demand tools');
    await screenshots(page, 'profiles-on-demand-off');

    // On: the client lists the gateway's four tools besides e2e-alpha's.
    await onDemand.click();
    await expect(onDemand).toBeChecked();
    await expect(alphaListed).toBeChecked();
    await expect.poll(listed, { timeout: 10_000 }).toEqual(expect.arrayContaining([...gatewayTools, 'echo']));
    expect(engine.cli(['profile', 'show', 'agent', '--json'])).toMatch(/"dynamic": true/);

    // Not listed: e2e-alpha's tools leave the list, and call_tool still reaches them.
    await alphaListed.click();
    await expect(alphaListed).not.toBeChecked();
    await expect(alpha.getByText(/Not listed:/)).toBeVisible();
    await expect.poll(async () => (await listed()).sort(), { timeout: 10_000 }).toEqual(gatewayTools);
    const called = await client.callTool({ name: 'call_tool', arguments: { server: 'e2e-alpha', tool: 'echo', arguments: { message: 'reached unlisted' } } });
    expect(JSON.stringify(called.content)).toContain('reached unlisted');
    await expectAccessible(page, 'on-demand tools on, a server not listed');
    await screenshots(page, 'profiles-on-demand-unlisted', async () => alpha.scrollIntoViewIfNeeded());

    // Listed again, then on-demand tools off: the client lists e2e-alpha's tools and none of the gateway's.
    await alphaListed.click();
    await expect(alphaListed).toBeChecked();
    await expect.poll(listed, { timeout: 10_000 }).toContain('echo');
    await alphaListed.click();
    await expect(alphaListed).not.toBeChecked();
    await onDemand.click();
    await expect(onDemand).not.toBeChecked();
    await expect(alphaListed).toHaveCount(0);
    // (e2e-alpha has run by now: its live list replaced the catalog's two tools.)
    await expect
      .poll(
        async () => {
          const now = await listed();
          return now.includes('echo') && !now.some((tool) => gatewayTools.includes(tool));
        },
        { timeout: 10_000 },
      )
      .toBe(true);
  } finally {
    await close();
  }
});
