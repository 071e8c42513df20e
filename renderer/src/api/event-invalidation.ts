import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ApiAccess } from './api-context.js';
import { useApi } from './api-context.js';

/** The query keys each engine event makes stale (the keys every hook in the window uses). */
export const invalidatedBy = {
  // A server enabled or disabled changes the default profile and whether a profile's member is served.
  'servers.changed': [['server'], ['servers'], ['config'], ['secrets'], ['catalog'], ['tools'], ['profiles']],
  'tools.changed': [['tools'], ['pending']],
  'catalog.changed': [['catalog']],
  'settings.changed': [['settings'], ['gateway-token']],
  // A client attached to a removed profile is no longer connected as it was: its row is read again too.
  'profiles.changed': [['profiles'], ['profile-export'], ['clients'], ['client-plan']],
  // An app's config file changed on disk: its row, and any plan computed from the old text.
  'clients.changed': [['clients'], ['client-plan']],
} as const satisfies Record<string, readonly QueryKey[]>;

/**
 * Subscribes once to the engine's events and keeps the cache true to them: the gateway's status replaces
 * ['gateway'] as is (it carries everything), the other events invalidate what they affect. The gateway's
 * status event is also sent when the list of servers changes, so ['servers'] follows it too. After the
 * connection comes back (an engine restart), every query is refetched: events sent meanwhile were lost.
 */
export function subscribeEngineEvents(api: ApiAccess, queries: QueryClient): () => void {
  const invalidate = (keys: readonly QueryKey[]) => {
    for (const queryKey of keys) void queries.invalidateQueries({ queryKey });
  };
  let wasConnected = false;
  let lostConnection = false;
  const stops = [
    api.on('gateway.status', (status) => {
      queries.setQueryData(['gateway'], status);
      void queries.invalidateQueries({ queryKey: ['servers'] });
    }),
    api.on('servers.changed', () => invalidate(invalidatedBy['servers.changed'])),
    api.on('tools.changed', () => invalidate(invalidatedBy['tools.changed'])),
    api.on('catalog.changed', () => invalidate(invalidatedBy['catalog.changed'])),
    api.on('settings.changed', () => invalidate(invalidatedBy['settings.changed'])),
    api.on('profiles.changed', () => invalidate(invalidatedBy['profiles.changed'])),
    api.on('clients.changed', () => invalidate(invalidatedBy['clients.changed'])),
    api.watch((status) => {
      if (status.state === 'connected') {
        if (lostConnection) void queries.invalidateQueries();
        wasConnected = true;
        lostConnection = false;
      } else if (wasConnected) {
        lostConnection = true;
      }
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

/** Mount once, under the ApiProvider and the QueryClientProvider. */
export function useEngineEvents(): void {
  const api = useApi();
  const queries = useQueryClient();
  useEffect(() => subscribeEngineEvents(api, queries), [api, queries]);
}
