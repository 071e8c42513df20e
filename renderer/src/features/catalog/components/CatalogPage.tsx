import { SearchX } from 'lucide-react';
import { useCallback, useMemo } from 'react';
import type { CatalogSummary } from '../../../../../shared/catalog-types.js';
import { useFirstScreenMark } from '../../../api/use-first-screen-mark.js';
import { Button } from '../../../ui/button.js';
import { MarkdownMessage } from '../../../ui/markdown-message.js';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states.js';
import { useCatalogFilterStore } from '../hooks/catalog-filter-store.js';
import { useCatalogEntries } from '../hooks/use-catalog-entries.js';
import { useEnableEntry } from '../hooks/use-enable-entry.js';
import { badgeLabels } from '../lib/catalog-filter.js';
import { CatalogGrid } from './CatalogGrid.js';
import { CatalogToolbar } from './CatalogToolbar.js';

/** The catalog: every entry of the bundled and added catalogs, searchable and filterable, each with its on/off switch. */
export function CatalogPage() {
  const { query, category, badges, sort, clear } = useCatalogFilterStore();
  const filters = useMemo(() => ({ ...(category ? { category } : {}), badges, sort }), [category, badges, sort]);
  const catalog = useCatalogEntries(query, filters);
  // mutate keeps its identity across renders, so the memoised cards are not re-rendered by every keystroke.
  const { mutate: enable } = useEnableEntry();
  const onToggle = useCallback((entry: CatalogSummary, on: boolean) => enable({ entry, on }), [enable]);
  const filtered = query.trim() !== '' || category !== undefined || badges.length > 0;
  useFirstScreenMark(catalog.entries !== undefined);

  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-6xl space-y-5">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
          Catalog
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">MCP servers you can switch on. Each runs in its own locked-down container.</p>
      </div>
      <CatalogToolbar categories={catalog.categories} />
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        {catalog.entries ? countText(catalog.entries.length, catalog.total, filtered) : ''}
      </p>
      {/* data-results-for: the query the shown results answer (the benchmark waits for it); aria-busy: the engine's search is still to come. */}
      <div data-results-for={catalog.shownQuery} aria-busy={catalog.refining}>
        {catalog.error && !catalog.entries ? (
          <ErrorState title="Could not read the catalog" error={catalog.error} action={<Button onClick={catalog.retry}>Try again</Button>} />
        ) : !catalog.entries ? (
          <LoadingState label="Loading the catalog…" />
        ) : catalog.entries.length === 0 && catalog.refining ? (
          <LoadingState label="No name, tag or description matches; searching tool names…" />
        ) : catalog.entries.length === 0 ? (
          <EmptyState icon={<SearchX className="h-10 w-10" />} title="No entries match" action={filtered ? <Button onClick={clear}>Clear search and filters</Button> : undefined}>
            <MarkdownMessage text={emptyAdvice(query, category, badges.map((badge) => badgeLabels[badge]))} />
          </EmptyState>
        ) : (
          <CatalogGrid entries={catalog.entries} enabledNames={catalog.enabled} onToggle={onToggle} busy={catalog.refining} />
        )}
      </div>
    </section>
  );
}

function countText(shown: number, total: number | undefined, filtered: boolean): string {
  if (!filtered || total === undefined) return `${shown} ${shown === 1 ? 'entry' : 'entries'}`;
  return `${shown} of ${total} entries`;
}

function emptyAdvice(query: string, category: string | undefined, badges: string[]): string {
  const tips: string[] = [];
  if (query.trim()) tips.push(`a shorter or different word than “${query.trim()}” (names, tags and tool names are searched)`);
  if (category) tips.push(`all categories instead of ${category}`);
  if (badges.length) tips.push(`fewer filters than ${badges.join(', ')}`);
  if (tips.length === 0) return 'The catalog is empty: add a catalog file with `switchyard catalog add FILE`.';
  return `Try ${tips.join('; or ')}.`;
}
