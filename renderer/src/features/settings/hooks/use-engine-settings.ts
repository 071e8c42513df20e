import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SettingsUpdate } from '../../../../../shared/settings-types.js';
import { useApi } from '../../../api/api-context.js';

/**
 * The engine's settings under ['settings'] (refreshed by settings.changed, whoever made the change: this window,
 * the CLI, an editor) and the gateway token under ['gateway-token'] (only fetched when asked to show it).
 */
export function useEngineSettings() {
  const { call } = useApi();
  return useQuery({ queryKey: ['settings'], queryFn: () => call('settings.get', {}) });
}

/** Writes a change; the answer (the settings as saved) replaces the cache at once. Rejects with the engine's field issues. */
export function useUpdateSettings() {
  const { call } = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (update: SettingsUpdate) => call('settings.update', update),
    onSuccess: (saved) => queries.setQueryData(['settings'], saved),
  });
}

export function useGatewayToken(enabled: boolean) {
  const { call } = useApi();
  return useQuery({ queryKey: ['gateway-token'], queryFn: () => call('gateway.token', {}), enabled, staleTime: Infinity });
}

export function useRotateToken() {
  const { call } = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => call('gateway.rotateToken', {}),
    onSuccess: (result) => queries.setQueryData(['gateway-token'], result),
  });
}
