import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../api/api-context.js';

/** The catalog's sources under ['catalog', 'sources'], so catalog.changed (added, removed, refreshed anywhere) refreshes them. */
export function useCatalogSources() {
  const { call } = useApi();
  return useQuery({ queryKey: ['catalog', 'sources'], queryFn: () => call('catalog.sources', {}) });
}

export function useCatalogSourceChange() {
  const { call } = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async (change: { action: 'add' | 'remove'; source: string } | { action: 'refresh' }) => {
      if (change.action === 'add') await call('catalog.addSource', { source: change.source });
      else if (change.action === 'remove') await call('catalog.removeSource', { source: change.source });
      else await call('catalog.refresh', {});
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['catalog'] }),
  });
}
