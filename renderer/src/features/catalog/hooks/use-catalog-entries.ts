import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import { useApi } from '../../../api/api-context.js';
import { useGatewayStatus } from '../../../api/gateway-queries.js';
import { categoriesOf, filterCatalog, type CatalogFilters } from '../lib/catalog-filter.js';

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
 * What the grid shows. With a query, the engine's ranked search (`catalog.search`, which also matches tool
 * names); the query is deferred, so typing never waits for the grid, and the last results stay up until the
 * new ones arrive (no flash of an empty grid). Category and badge filters then apply locally.
 */
export function useCatalogEntries(query: string, filters: CatalogFilters) {
  const { call } = useApi();
  const list = useCatalogList();
  const enabled = useEnabledNames();
  const deferredQuery = useDeferredValue(query.trim());
  const search = useQuery({
    queryKey: ['catalog', 'search', deferredQuery],
    queryFn: () => call('catalog.search', { query: deferredQuery }),
    enabled: deferredQuery !== '',
    placeholderData: keepPreviousData,
  });
  const source = deferredQuery === '' ? list.data : search.data;
  const entries = useMemo(
    () => (source ? filterCatalog(source, { ...filters, sort: deferredQuery === '' ? 'name' : filters.sort }, enabled) : undefined),
    [source, filters, enabled, deferredQuery],
  );
  const categories = useMemo(() => categoriesOf(list.data ?? []), [list.data]);
  return {
    entries,
    categories,
    enabled,
    total: list.data?.length,
    isLoading: list.isPending || (deferredQuery !== '' && search.isPending),
    error: list.error ?? search.error,
    retry: () => void (list.error ? list.refetch() : search.refetch()),
    searching: query.trim() !== deferredQuery || search.isFetching,
  };
}
