import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GatewayStatus } from '../../../shared/domain.js';
import { notify } from '../ui/toast.js';
import { useApi, useConnectionStatus } from './api-context.js';

/** The gateway's state, sessions and every enabled server's container state (['gateway'], kept fresh by the gateway.status event). */
export function useGatewayStatus() {
  const { call } = useApi();
  const connection = useConnectionStatus();
  return useQuery({ queryKey: ['gateway'], queryFn: () => call('gateway.status', {}), enabled: connection.state !== 'unauthorized' });
}

/** Start or stop the gateway; the answer is the new status. */
export function useGatewayPower() {
  const { call } = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (action: 'start' | 'stop') => call(action === 'start' ? 'gateway.start' : 'gateway.stop', {}),
    onSuccess: (status: GatewayStatus) => queries.setQueryData(['gateway'], status),
    onError: (error, action) => notify.error(action === 'start' ? 'Could not start the gateway' : 'Could not stop the gateway', error),
  });
}

/** Start or stop one server's container. */
export function useServerPower() {
  const { call } = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ name, action }: { name: string; action: 'start' | 'stop' }) => call(action === 'start' ? 'server.start' : 'server.stop', { name }),
    onSuccess: (server) =>
      queries.setQueryData<GatewayStatus>(['gateway'], (status) =>
        status ? { ...status, servers: status.servers.map((known) => (known.name === server.name ? server : known)) } : status,
      ),
    onError: (error, { name, action }) => notify.error(action === 'start' ? `Could not start ${name}` : `Could not stop ${name}`, error),
  });
}
