import { QueryClient } from '@tanstack/react-query';
import { SwitchyardError } from '../../../shared/errors.js';

/**
 * The window's query cache. Engine events keep it fresh (event-invalidation.ts), so queries do not poll or
 * refetch on focus; an engine error (bad input, unknown server) is an answer, not a reason to retry.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !(error instanceof SwitchyardError && error.code !== 'INTERNAL') && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
