// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../shared/bridge.js';
import type { ClientPlan, ClientRow } from '../../shared/catalog-types.js';
import { cursorRow } from './support/client-rows.js';
import { FakeEngine, installBrowserStubs, renderWindow } from './support/fake-engine.js';

const cursor: ClientRow = {
  ...cursorRow,
  projects: [{ dir: '/home/u/code/api', state: 'stale', file: '/home/u/code/api/.cursor/mcp.json', reason: 'the port changed' }],
};
const claude: ClientRow = { ...cursor, id: 'claude-desktop', name: 'Claude Desktop', transports: ['stdio'], projectScope: false, projects: [] };

function plan(dir: string, action: 'connect' | 'disconnect'): ClientPlan {
  const file = `${dir}/.cursor/mcp.json`;
  return {
    client: 'cursor',
    action,
    file,
    changed: true,
    created: false,
    deleted: false,
    transport: 'stdio',
    transportReason: 'default',
    transports: ['stdio', 'http'],
    before: '{}',
    after: '{ "mcpServers": { "switchyard": {} } }',
    diff: `--- ${file}\n+++ ${file}\n+    "switchyard": {}`,
  };
}

/** The desktop domain with a folder picker that answers as told and records what it was asked. */
function desktopPicking(folder: string | undefined): DesktopApi & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    preferences: {
      get: async () => ({ startAtLogin: false, startHidden: false, notifications: true }),
      set: async () => ({ startAtLogin: false, startHidden: false, notifications: true }),
    },
    chooseFolder: async (request) => {
      asked.push(request);
      return folder;
    },
  };
}

function engineWithProjects() {
  return new FakeEngine()
    .handle('client.list', () => [claude, cursor])
    .handle('client.plan', (input) => plan(input.projectDir ?? '/home/u', input.action))
    .handle('client.connect', (input) => ({ client: 'cursor', file: `${input.projectDir}/.cursor/mcp.json`, changed: true, restartRequired: false }));
}

describe('the Clients page: projects', () => {
  beforeEach(installBrowserStubs);
  afterEach(cleanup);

  it('lists the connected projects under their app with state and Repair / Disconnect; only apps with project files offer one', async () => {
    const engine = engineWithProjects();
    renderWindow(engine, '/clients');
    const projects = await screen.findByRole('list', { name: 'Cursor projects' });
    const api = within(projects).getByRole('listitem', { name: '/home/u/code/api' });
    expect(within(api).getByText('Stale entry')).toBeTruthy();
    expect(within(api).getByText('/home/u/code/api/.cursor/mcp.json')).toBeTruthy();
    expect(within(screen.getByRole('listitem', { name: 'Claude Desktop' })).queryByRole('button', { name: /project/ })).toBeNull();

    await userEvent.click(within(api).getByRole('button', { name: 'Repair Cursor for /home/u/code/api' }));
    const dialog = await screen.findByRole('dialog', { name: 'Repair Cursor for a project' });
    expect(await within(dialog).findByText('/home/u/code/api', { exact: true })).toBeTruthy();
    expect(engine.callsOf('client.plan')).toContainEqual(expect.objectContaining({ id: 'cursor', action: 'connect', projectDir: '/home/u/code/api' }));
  });

  it('in web mode the folder is typed: no plan until there is one, no Choose button', async () => {
    const engine = engineWithProjects();
    renderWindow(engine, '/clients');
    await userEvent.click(await screen.findByRole('button', { name: 'Connect a project to Cursor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Cursor for a project' });
    expect(within(dialog).queryByRole('button', { name: /Choose/ })).toBeNull();
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Connect' }).disabled).toBe(true);
    expect(engine.callsOf('client.plan')).toEqual([]);
    await userEvent.type(within(dialog).getByLabelText('Project folder'), '/home/u/code/site');
    expect(await within(dialog).findByLabelText('Changes to /home/u/code/site/.cursor/mcp.json')).toBeTruthy();
  });

  it('in the desktop app, Choose… opens the OS folder picker and the folder chosen is planned and connected', async () => {
    const engine = engineWithProjects();
    const desktop = desktopPicking('/home/u/code/site');
    renderWindow(engine, '/clients', undefined, desktop);
    await userEvent.click(await screen.findByRole('button', { name: 'Connect a project to Cursor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Cursor for a project' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Choose…' }));
    expect(desktop.asked).toEqual([{ title: 'Project folder for Cursor' }]);
    expect(within(dialog).getByLabelText<HTMLInputElement>('Project folder').value).toBe('/home/u/code/site');
    expect(await within(dialog).findByLabelText('Changes to /home/u/code/site/.cursor/mcp.json')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(await within(dialog).findByText('Cursor connected for /home/u/code/site.')).toBeTruthy();
    expect(engine.callsOf('client.connect')).toEqual([expect.objectContaining({ id: 'cursor', projectDir: '/home/u/code/site' })]);
  });

  it('a cancelled picker changes nothing', async () => {
    const engine = engineWithProjects();
    const desktop = desktopPicking(undefined);
    renderWindow(engine, '/clients', undefined, desktop);
    await userEvent.click(await screen.findByRole('button', { name: 'Connect a project to Cursor' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Cursor for a project' });
    await userEvent.type(within(dialog).getByLabelText('Project folder'), '/typed');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Choose…' }));
    expect(desktop.asked).toEqual([{ title: 'Project folder for Cursor', defaultPath: '/typed' }]);
    expect(within(dialog).getByLabelText<HTMLInputElement>('Project folder').value).toBe('/typed');
  });
});
