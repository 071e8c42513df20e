import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../api/api-context.js';
import { openPendingTab } from '../../../api/browser-tab.js';

/**
 * The server page's Sign in, Cancel and Sign out: each asks the engine, then re-reads the server (its `signIn`).
 * The engine's `servers.changed` (sign-in) keeps it fresh while the browser is out and when the redirect arrives.
 * Sign in opens the browser in the same click: `start()` opens the tab in the click handler (web mode; the
 * desktop app's engine opens the system browser itself) and sends it to the authorization URL once it is known.
 */
export function useSignIn(name: string) {
  const { call, desktop } = useApi();
  const queries = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => call('server.signIn', { name }),
    onSettled: () => queries.invalidateQueries({ queryKey: ['server', name] }),
  });
  /** For a click handler: opens the browser tab at once, then signs in. */
  const start = (handlers: { onSuccess?: (result: NonNullable<typeof mutation.data>) => void; onError?: (error: Error) => void } = {}) => {
    const tab = openPendingTab(desktop !== undefined);
    mutation.mutate(undefined, {
      onSuccess: (result) => {
        if ('authorizationUrl' in result) tab.go(result.authorizationUrl, result.opened);
        else tab.close();
        handlers.onSuccess?.(result);
      },
      onError: (error) => {
        tab.close();
        handlers.onError?.(error);
      },
    });
  };
  return { ...mutation, start };
}

export function useCancelSignIn(name: string) {
  const { call } = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => call('server.cancelSignIn', { name }),
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
