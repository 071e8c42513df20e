import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import type { CatalogSummary, ServerReadiness } from '../../../../../shared/catalog-types.js';
import type { GatewayStatus } from '../../../../../shared/domain.js';
import { useApi } from '../../../api/api-context.js';
import { notify } from '../../../ui/toast.js';

/** Where a server that was just switched on still needs the user: its secrets first, then its config. */
export function sectionNeeded(readiness: ServerReadiness): 'secrets' | 'config' | undefined {
  if (readiness.ready) return undefined;
  if (readiness.secrets.some((secret) => secret.required && !secret.set)) return 'secrets';
  if (readiness.configSchema !== undefined) return 'config';
  return undefined;
}

/**
 * Switch a catalog entry on or off. The switch flips at once: the entry is added to (or taken out of) the
 * cached gateway status before the engine answers, and put back with a toast if the engine refuses. An entry
 * that still needs secrets or config opens its server page at that section.
 */
export function useEnableEntry() {
  const { call } = useApi();
  const queries = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async ({ entry, on }: { entry: CatalogSummary; on: boolean }) =>
      on ? await call('server.enable', { name: entry.name }) : (await call('server.disable', { name: entry.name }), undefined),
    onMutate: async ({ entry, on }) => {
      await queries.cancelQueries({ queryKey: ['gateway'] });
      const before = queries.getQueryData<GatewayStatus>(['gateway']);
      queries.setQueryData<GatewayStatus>(['gateway'], (status) => {
        if (!status) return status;
        const others = status.servers.filter((server) => server.name !== entry.name);
        return { ...status, servers: on ? [...others, { name: entry.name, image: entry.image ?? '', state: 'stopped', stderrTail: [] }] : others };
      });
      return { before };
    },
    onError: (error, { entry, on }, context) => {
      if (context?.before) queries.setQueryData(['gateway'], context.before);
      notify.error(on ? `Could not switch on ${entry.title ?? entry.name}` : `Could not switch off ${entry.title ?? entry.name}`, error);
    },
    onSuccess: (readiness) => {
      const section = readiness && sectionNeeded(readiness);
      if (readiness && section) void navigate({ to: '/servers/$name', params: { name: readiness.name }, search: { section } });
    },
    onSettled: (_result, _error, { entry }) => {
      for (const queryKey of [['gateway'], ['servers'], ['server', entry.name]]) void queries.invalidateQueries({ queryKey });
    },
  });
}
