import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../api/api-context.js';

/** Every supported AI app with its detection and connection state, under the agreed key ['clients']. */
export function useClients() {
  const { call } = useApi();
  return useQuery({ queryKey: ['clients'], queryFn: () => call('client.list', {}) });
}

export interface ClientChangeRequest {
  action: 'connect' | 'disconnect';
  id: string;
  projectDir?: string;
  transport?: 'stdio' | 'http';
  /** The profile the app attaches to (connect only); absent: the one its entry names, else default. */
  profile?: string;
}

function input({ id, projectDir, transport, action, profile }: ClientChangeRequest) {
  return {
    id,
    ...(projectDir ? { projectDir } : {}),
    ...(transport && action === 'connect' ? { transport } : {}),
    ...(profile && action === 'connect' ? { profile } : {}),
  };
}

/** What a connect or disconnect would write (the engine's plan: file, diff, backup, transport and why), nothing written. */
export function useClientPlan(request: ClientChangeRequest | undefined) {
  const { call } = useApi();
  return useQuery({
    queryKey: ['client-plan', request],
    queryFn: () => call('client.plan', { ...input(request!), action: request!.action }),
    enabled: request !== undefined,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

/** Connect (also Repair) or disconnect one app; the list and any plan are read again after either. */
export function useClientChange() {
  const { call } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ClientChangeRequest) => call(request.action === 'connect' ? 'client.connect' : 'client.disconnect', input(request)),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['clients'] });
      await queryClient.invalidateQueries({ queryKey: ['client-plan'] });
    },
  });
}
