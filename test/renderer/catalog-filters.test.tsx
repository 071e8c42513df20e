// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogSummary } from '../../shared/catalog-types.js';
import { useCatalogFilterStore } from '../../renderer/src/features/catalog/hooks/catalog-filter-store.js';
import { FakeEngine, installBrowserStubs, renderWindow } from './support/fake-engine.js';

const entry = (name: string, extra: Partial<CatalogSummary> = {}): CatalogSummary => ({
  name,
  type: 'server',
  tags: [],
  toolCount: 0,
  secretCount: 0,
  hasConfig: false,
  ...extra,
});

const catalog = [
  entry('github', { title: 'GitHub', category: 'devops', secretCount: 1, toolCount: 40 }),
  entry('postgres', { title: 'Postgres', category: 'database', hasConfig: true }),
  entry('notion-remote', { title: 'Notion', category: 'productivity', type: 'remote', oauth: true }),
  entry('sqlite', { title: 'SQLite', category: 'database' }),
];

function engine(): FakeEngine {
  return new FakeEngine()
    .handle('gateway.status', () => ({
      state: 'running',
      version: '0.1.0',
      sessions: 0,
      servers: [{ name: 'sqlite', image: 'mcp/sqlite', state: 'stopped', stderrTail: [] }],
    }))
    .handle('catalog.list', () => catalog)
    .handle('catalog.search', ({ query }) => catalog.filter((item) => item.name.includes(query.toLowerCase())));
}

async function shownTitles(): Promise<string[]> {
  const list = await screen.findByRole('list', { name: 'Catalog entries' });
  return within(list)
    .queryAllByRole('listitem')
    .map((item) => item.querySelector('h2')?.textContent ?? '');
}

beforeEach(() => {
  installBrowserStubs();
  useCatalogFilterStore.getState().clear();
});
afterEach(cleanup);

describe('catalog filters', () => {
  it('lists every entry by name, with the enabled one switched on', async () => {
    renderWindow(engine());
    await screen.findByRole('switch', { name: 'Enable GitHub' });
    await waitFor(async () => expect(await shownTitles()).toEqual(['GitHub', 'Notion', 'Postgres', 'SQLite']));
    expect(screen.getByRole('switch', { name: 'Enable SQLite' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('switch', { name: 'Enable GitHub' }).getAttribute('aria-checked')).toBe('false');
    expect(screen.getByRole('status').textContent).toBe('4 entries');
  });

  it('keeps only the entries carrying every pressed badge', async () => {
    const user = userEvent.setup();
    renderWindow(engine());
    await screen.findByRole('switch', { name: 'Enable GitHub' });
    await user.click(screen.getByRole('button', { name: 'Needs secrets' }));
    expect(screen.getByRole('button', { name: 'Needs secrets' }).getAttribute('aria-pressed')).toBe('true');
    await waitFor(async () => expect(await shownTitles()).toEqual(['GitHub']));
    await user.click(screen.getByRole('button', { name: 'Needs secrets' }));
    await user.click(screen.getByRole('button', { name: 'OAuth sign-in' }));
    await waitFor(async () => expect(await shownTitles()).toEqual(['Notion']));
    await user.click(screen.getByRole('button', { name: 'OAuth sign-in' }));
    await user.click(screen.getByRole('button', { name: 'Remote' }));
    await waitFor(async () => expect(await shownTitles()).toEqual(['Notion']));
    await user.click(screen.getByRole('button', { name: 'Enabled' }));
    expect(await screen.findByRole('heading', { name: 'No entries match' })).toBeTruthy();
    expect(screen.getByText(/fewer filters than Remote, Enabled/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(async () => expect(await shownTitles()).toHaveLength(4));
  });

  it('filters by category, with counts in the picker', async () => {
    const user = userEvent.setup();
    renderWindow(engine());
    await screen.findByRole('switch', { name: 'Enable GitHub' });
    const picker = screen.getByRole('combobox', { name: 'Category' });
    expect(within(picker).getByRole('option', { name: 'database (2)' })).toBeTruthy();
    await user.selectOptions(picker, 'database');
    await waitFor(async () => expect(await shownTitles()).toEqual(['Postgres', 'SQLite']));
    expect(screen.getByRole('status').textContent).toBe('2 of 4 entries');
  });

  it("searches with the engine's catalog.search and says what to try when nothing matches", async () => {
    const user = userEvent.setup();
    const fake = engine();
    renderWindow(fake);
    await screen.findByRole('switch', { name: 'Enable GitHub' });
    await user.type(screen.getByRole('searchbox', { name: 'Search the catalog' }), 'sql');
    await waitFor(async () => expect(await shownTitles()).toEqual(['SQLite']));
    // The engine is asked once the query rests (the grid already showed the instant answer).
    await waitFor(() => expect(fake.callsOf('catalog.search')).toContainEqual({ query: 'sql' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search the catalog' }), 'zz');
    expect(await screen.findByRole('heading', { name: 'No entries match' })).toBeTruthy();
    expect(screen.getByText(/Try a shorter or different word than “sqlzz”/)).toBeTruthy();
  });

  it('filters the loaded catalog at once while the engine search is still on its way, then shows its tool-name matches', async () => {
    const user = userEvent.setup();
    let answer: (entries: CatalogSummary[]) => void = () => {};
    const fake = engine().handle('catalog.search', () => new Promise<CatalogSummary[]>((resolve) => (answer = resolve)));
    renderWindow(fake);
    await screen.findByRole('switch', { name: 'Enable GitHub' });
    const box = screen.getByRole('searchbox', { name: 'Search the catalog' });
    await user.type(box, 'post');
    // The instant answer: no engine call has returned, yet the grid shows the match and says more may come.
    await waitFor(async () => expect(await shownTitles()).toEqual(['Postgres']));
    const results = document.querySelector('[data-results-for]')!;
    expect(results.getAttribute('data-results-for')).toBe('post');
    expect(results.getAttribute('aria-busy')).toBe('true');
    // Only the rested query goes to the engine, not one call per keystroke.
    await waitFor(() => expect(fake.callsOf('catalog.search')).toEqual([{ query: 'post' }]));
    answer([catalog[1]!, catalog[0]!]);
    await waitFor(async () => expect(await shownTitles()).toEqual(['GitHub', 'Postgres']));
    expect(results.getAttribute('aria-busy')).toBe('false');
  });

  it('says it is searching tool names when nothing else matches, before saying nothing matches', async () => {
    const user = userEvent.setup();
    let answer: (entries: CatalogSummary[]) => void = () => {};
    const fake = engine().handle('catalog.search', () => new Promise<CatalogSummary[]>((resolve) => (answer = resolve)));
    renderWindow(fake);
    await screen.findByRole('switch', { name: 'Enable GitHub' });
    await user.type(screen.getByRole('searchbox', { name: 'Search the catalog' }), 'list_issues');
    expect(await screen.findByText(/searching tool names/)).toBeTruthy();
    await waitFor(() => expect(fake.callsOf('catalog.search')).toEqual([{ query: 'list_issues' }]));
    answer([{ ...catalog[0]!, matchedOn: 'tool' }]);
    await waitFor(async () => expect(await shownTitles()).toEqual(['GitHub']));
  });
});
