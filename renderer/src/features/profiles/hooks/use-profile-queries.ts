import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput, ApiMethod } from '../../../../../shared/api.js';
import { useApi } from '../../../api/api-context.js';

/** Every profile, `default` (every enabled server) first, under ['profiles'] (the profiles.changed event refreshes it). */
export function useProfiles() {
  const { call } = useApi();
  return useQuery({ queryKey: ['profiles'], queryFn: () => call('profile.list', {}) });
}

type ProfileChange =
  | 'profile.create'
  | 'profile.remove'
  | 'profile.update'
  | 'profile.addServer'
  | 'profile.removeServer'
  | 'profile.setTools'
  | 'profile.setListed'
  | 'profile.import';

/**
 * One change to the profiles through the engine; afterwards the profiles (and the clients, whose rows name their
 * profile) are read again, without waiting for the engine's event. Errors go to the caller, which words them.
 */
export function useProfileChange<M extends ProfileChange>(method: M) {
  const { call } = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiInput<M>) => call(method, input),
    onSettled: async () => {
      await queries.invalidateQueries({ queryKey: ['profiles'] });
      if (method === ('profile.remove' satisfies ApiMethod)) await queries.invalidateQueries({ queryKey: ['clients'] });
    },
  });
}

/** The profile as a YAML file (no secret value), read when asked: an export is not kept in the cache. */
export function useProfileExport(name: string, enabled: boolean) {
  const { call } = useApi();
  return useQuery({ queryKey: ['profile-export', name], queryFn: () => call('profile.export', { name }), enabled, gcTime: 0, retry: false });
}
