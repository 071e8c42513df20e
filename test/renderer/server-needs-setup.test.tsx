// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerReadiness } from '../../shared/catalog-types.js';
import type { ServerStatus } from '../../shared/domain.js';
import { FakeEngine, installBrowserStubs, renderWindow } from './support/fake-engine.js';

beforeEach(installBrowserStubs);
afterEach(cleanup);

const status = (name: string, state: ServerStatus['state']): ServerStatus => ({ name, image: `mcp/${name}`, state, stderrTail: [] });

function readiness(name: string, ready: boolean): ServerReadiness {
  return {
    name,
    enabled: true,
    source: { kind: 'catalog', entry: name },
    image: `mcp/${name}`,
    tools: [],
    config: {},
    secrets: [{ key: `${name}.token`, env: 'TOKEN', set: ready, required: true }],
    ready,
    problems: ready ? [] : [{ kind: 'secret', key: `${name}.token`, env: 'TOKEN' }],
  };
}

describe('My servers: a server that cannot start yet', () => {
  it('says it needs setup, linking to its page, where another stopped server shows its state alone', async () => {
    const engine = new FakeEngine()
      .handle('gateway.status', () => ({ state: 'running', version: '0.1.0', sessions: 0, servers: [status('github', 'stopped'), status('time', 'stopped')] }))

      .handle('tools.pending', () => [])
      .handle('server.inspect', ({ name }) => readiness(name, name !== 'github'));
    renderWindow(engine, '/servers');
    // My servers is a page of its own chunk: the first import of it takes a moment here.
    const github = await screen.findByRole('listitem', { name: 'github' }, { timeout: 15_000 });
    const link = await within(github).findByRole('link', { name: 'github needs setup' });
    expect(link.getAttribute('href')).toContain('/servers/github');
    expect(within(github).getByText('stopped')).toBeTruthy();

    const time = screen.getByRole('listitem', { name: 'time' });
    expect(within(time).queryByRole('link', { name: /needs setup/ })).toBeNull();
    expect(engine.callsOf('server.inspect')).toEqual(expect.arrayContaining([{ name: 'github' }, { name: 'time' }]));
  });

  it('does not ask a running server what it needs', async () => {
    const engine = new FakeEngine()
      .handle('gateway.status', () => ({ state: 'running', version: '0.1.0', sessions: 0, servers: [status('time', 'running')] }))

      .handle('tools.pending', () => [])
      .handle('server.inspect', ({ name }) => readiness(name, false));
    renderWindow(engine, '/servers');
    await screen.findByRole('listitem', { name: 'time' }, { timeout: 15_000 });
    expect(engine.callsOf('server.inspect')).toEqual([]);
  });
});
