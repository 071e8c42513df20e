import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../api/api-context.js';

/**
 * The server page's Sign in and Sign out: each asks the engine, then re-reads the server (its `signIn`). The
 * engine's `servers.changed` (sign-in) keeps it fresh while the browser is out and when the redirect arrives.
 */
export function useSignIn(name: string) {
  const { call } = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => call('server.signIn', { name }),
    onSettled: () => queries.invalidateQueries({ queryKey: ['server', name] }),
  });
}

export function useSignOut(name: string) {
  const { call } = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => call('server.signOut', { name }),
    onSettled: () => queries.invalidateQueries({ queryKey: ['server', name] }),
  });
}
