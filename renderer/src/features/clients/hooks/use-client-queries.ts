import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../../api/api-context.js';

/** Every supported AI app with its detection and connection state, under the agreed key ['clients']. */
export function useClients() {
  const { call } = useApi();
  return useQuery({ queryKey: ['clients'], queryFn: () => call('client.list', {}) });
}

/** What connect would write for one app: the entry text, the file and the transport. */
export function useClientSnippet(id: string | undefined) {
  const { call } = useApi();
  return useQuery({ queryKey: ['client-snippet', id], queryFn: () => call('client.snippet', { id: id ?? '' }), enabled: id !== undefined, retry: false });
}

/** Connect (also Repair) or disconnect one app; the list is read again after either. */
export function useClientChange() {
  const { call } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, id, projectDir }: { action: 'connect' | 'disconnect'; id: string; projectDir?: string }) =>
      call(action === 'connect' ? 'client.connect' : 'client.disconnect', projectDir ? { id, projectDir } : { id }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['clients'] }),
  });
}
