import { useQuery } from '@tanstack/react-query';
import type { ServerStatus } from '../../../../../shared/domain.js';
import { useApi } from '../../../api/api-context.js';

/**
 * The queries the server page reads, under the agreed keys so the engine's events refresh them:
 * ['server', name], ['gateway'], ['tools', name], ['pending'], ['secrets'].
 */
export function useServerReadiness(name: string, options: { enabled?: boolean } = {}) {
  const { call } = useApi();
  return useQuery({ queryKey: ['server', name], queryFn: () => call('server.inspect', { name }), retry: false, enabled: options.enabled ?? true });
}

export function useGatewayStatus() {
  const { call } = useApi();
  return useQuery({ queryKey: ['gateway'], queryFn: () => call('gateway.status', {}) });
}

/** The container's live status of one server, from the gateway's status (kept fresh by the gateway.status event). */
export function useServerContainer(name: string): { status: ServerStatus | undefined; gatewayRunning: boolean; isLoading: boolean } {
  const gateway = useGatewayStatus();
  return {
    status: gateway.data?.servers.find((server) => server.name === name),
    gatewayRunning: gateway.data?.state === 'running',
    isLoading: gateway.isLoading,
  };
}

/** The server's tools from the cached lists (no container is started to show them). */
export function useServerTools(name: string, enabled: boolean) {
  const { call } = useApi();
  // Cheap (no container is started): read again whenever the tab opens, the list may have been learned meanwhile.
  // While none is known, ask again every few seconds: the list is learned when the server first runs.
  return useQuery({
    queryKey: ['tools', name],
    queryFn: () => call('tools.list', { server: name }),
    enabled,
    retry: false,
    refetchOnMount: 'always',
    refetchInterval: (query) => ((query.state.data?.length ?? 0) > 0 ? false : 3000),
  });
}

export function usePendingTools() {
  const { call } = useApi();
  return useQuery({ queryKey: ['pending'], queryFn: () => call('tools.pending', {}) });
}

/** Which backend keeps secrets and the keys that are set (never a value). */
export function useSecretStatus() {
  const { call } = useApi();
  return useQuery({ queryKey: ['secrets'], queryFn: () => call('secret.status', {}) });
}
