// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogSummary } from '../../shared/catalog-types.js';
import { askEarly, seedEarlyAnswers } from '../../renderer/src/api/early-queries.js';
import { createQueryClient } from '../../renderer/src/api/query-client.js';
import { useCatalogFilterStore } from '../../renderer/src/features/catalog/hooks/catalog-filter-store.js';
import { FakeEngine, installBrowserStubs, renderWindow } from './support/fake-engine.js';

const sqlite: CatalogSummary = { name: 'sqlite', title: 'SQLite', type: 'server', tags: [], toolCount: 6, secretCount: 0, hasConfig: false };
const running = {
  state: 'running' as const,
  version: '0.1.0',
  sessions: 0,
  servers: [{ name: 'sqlite', image: 'mcp/sqlite', state: 'stopped' as const, stderrTail: [] }],
};

function engine(): FakeEngine {
  return new FakeEngine()
    .handle('gateway.status', () => running)
    .handle('catalog.list', () => [sqlite])
    .handle('firstRun.get', () => ({ show: false, finished: true, steps: {}, enabledServers: 1 }))
    .handle('tools.pending', () => []);
}

beforeEach(() => {
  installBrowserStubs();
  useCatalogFilterStore.getState().clear();
});
afterEach(cleanup);

describe('the first screen’s questions, asked before the window has loaded', () => {
  it('fill the catalog page’s queries: the page shows the early answers and asks the engine for none of them again', async () => {
    const fake = engine();
    const queries = createQueryClient();
    seedEarlyAnswers(queries, askEarly(fake.access.call, '#/'));
    renderWindow(fake, '/catalog', queries);
    await screen.findByRole('switch', { name: 'Enable SQLite' });
    await screen.findByRole('button', { name: 'Stop gateway' });
    expect(fake.callsOf('catalog.list')).toHaveLength(1);
    expect(fake.callsOf('firstRun.get')).toHaveLength(1);
    // The other gateway.status is the notices' own look at the state they start from, not a query.
    expect(fake.callsOf('gateway.status')).toHaveLength(2);
  });

  it('ask for the catalog only when the catalog is the page being opened', () => {
    const fake = engine();
    askEarly(fake.access.call, '#/servers');
    expect(fake.calls.map((call) => call.method).sort()).toEqual(['firstRun.get', 'gateway.status']);
    askEarly(fake.access.call, '#/catalog?x=1');
    expect(fake.callsOf('catalog.list')).toHaveLength(1);
  });

  it('leave a failed answer to the page, which asks again and shows it', async () => {
    let fail = true;
    const fake = engine().handle('catalog.list', () => {
      if (fail) throw new Error('engine busy');
      return [sqlite];
    });
    const queries = createQueryClient();
    seedEarlyAnswers(queries, askEarly(fake.access.call, '#/'));
    fail = false;
    renderWindow(fake, '/catalog', queries);
    // Retried as the page's own query would be (after a second's pause).
    await screen.findByRole('switch', { name: 'Enable SQLite' }, { timeout: 5_000 });
    expect(fake.callsOf('catalog.list')).toHaveLength(2);
  });
});
