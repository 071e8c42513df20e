import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApi } from '../../../api/api-context.js';
import { useGatewayStatus } from '../../../api/gateway-queries.js';
import { categoriesOf, filterCatalog, type CatalogFilters } from '../lib/catalog-filter.js';
import { CatalogIndex } from '../lib/catalog-index.js';
import { useDebouncedValue } from './use-debounced-value.js';

/** How long the query must stay unchanged before the engine's search (which also matches tool names) is asked. */
export const ENGINE_SEARCH_DELAY_MS = 150;

/** Every catalog entry (bundled and added catalogs), under ['catalog', 'list']. */
export function useCatalogList() {
  const { call } = useApi();
  return useQuery({ queryKey: ['catalog', 'list'], queryFn: () => call('catalog.list', {}) });
}

/** The names of the servers that are switched on: the gateway's status lists every enabled server. */
export function useEnabledNames(): ReadonlySet<string> {
  const gateway = useGatewayStatus();
  return useMemo(() => new Set(gateway.data?.servers.map((server) => server.name)), [gateway.data]);
}

/**
 * What the grid shows. Each keystroke filters the already-loaded catalog at once, with the engine's own
 * matching (names, titles, tags, descriptions); once the query has rested for a moment the engine's
 * `catalog.search` refines it (it also matches tool names), and its answer replaces the instant one when it
 * is for the query still typed. Category and badge filters apply locally to either.
 */
export function useCatalogEntries(query: string, filters: CatalogFilters) {
  const { call } = useApi();
  const list = useCatalogList();
  const enabled = useEnabledNames();
  const typed = query.trim();
  const engineQuery = useDebouncedValue(typed, ENGINE_SEARCH_DELAY_MS);
  const search = useQuery({
    queryKey: ['catalog', 'search', engineQuery],
    queryFn: () => call('catalog.search', { query: engineQuery }),
    enabled: engineQuery !== '',
  });
  const index = useMemo(() => (list.data ? new CatalogIndex(list.data) : undefined), [list.data]);
  const fromEngine = typed !== '' && engineQuery === typed ? search.data : undefined;
  const entries = useMemo(() => {
    if (fromEngine) return filterCatalog(fromEngine, filters, enabled);
    if (!index) return undefined;
    return filterCatalog(index.search(typed, filters.sort), filters, enabled, { ordered: true });
  }, [fromEngine, index, typed, filters, enabled]);
  const categories = useMemo(() => categoriesOf(list.data ?? []), [list.data]);
  const searchFailed = typed !== '' && engineQuery === typed && search.isError;
  return {
    entries,
    /** The query the shown entries answer (the instant filter's, then the engine's). */
    shownQuery: typed,
    categories,
    enabled,
    total: list.data?.length,
    isLoading: list.isPending,
    error: list.error ?? (searchFailed ? search.error : null),
    retry: () => void (list.error ? list.refetch() : search.refetch()),
    /** True while the engine's search for the typed query is still to come (the instant results are up). */
    refining: typed !== '' && !fromEngine && !searchFailed,
  };
}
