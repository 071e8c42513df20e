import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiInput } from '../../../../../shared/api.js';
import { useApi, useConnectionStatus } from '../../../api/api-context.js';

/** The first run's progress and whether to show it (the engine keeps it in the home). */
export function useFirstRun() {
  const { call } = useApi();
  const connection = useConnectionStatus();
  // An expired link can ask nothing (the engine would refuse it): the window shows what to do instead.
  return useQuery({ queryKey: ['first-run'], queryFn: () => call('firstRun.get', {}), enabled: connection.state !== 'unauthorized' });
}

/** Marks a step done or skipped, or the guide finished. */
export function useFirstRunUpdate() {
  const { call } = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (change: ApiInput<'firstRun.update'>) => call('firstRun.update', change),
    onSuccess: (state) => queries.setQueryData(['first-run'], state),
  });
}

/** Is the Docker engine reachable (asked again with refetch: the re-check button). */
export function useDockerCheck() {
  const { call } = useApi();
  return useQuery({ queryKey: ['system', 'docker'], queryFn: () => call('system.docker', {}), retry: false });
}

/** One tool call through the gateway, as an AI app would make it. */
export function useTryCall() {
  const { call } = useApi();
  return useMutation({ mutationFn: (input: ApiInput<'tools.call'>) => call('tools.call', input) });
}
