import { useQueryClient } from '@tanstack/react-query';
import { Switch } from '../../../../ui/switch.js';
import { useEffect, useState } from 'react';
import { notify } from '../../../../ui/toast.js';
import type { ServerReadiness, ToolRow } from '../../../../../../shared/catalog-types.js';
import { useApi } from '../../../../api/api-context.js';
import { usePendingTools, useServerContainer, useServerTools } from '../../hooks/use-server-queries.js';
import { errorCode } from './error-text.js';
import { Button } from '../../../../ui/button.js';
import { PendingToolChanges } from './PendingToolChanges.js';
import { EmptyState, ErrorState, LoadingState } from '../../../../ui/states.js';

/**
 * The tools tab: the server's tools from the cached lists (no container is started to show them), a switch
 * each (a disabled tool is hidden from every client), and tools held back because their definition changed.
 */
export function ToolsSection({ readiness }: { readiness: ServerReadiness }) {
  const tools = useServerTools(readiness.name, readiness.enabled);
  const queryClient = useQueryClient();
  // A server that has just started has just told its live tool list: read it again.
  const containerState = useServerContainer(readiness.name).status?.state;
  useEffect(() => {
    if (containerState === 'running') void queryClient.invalidateQueries({ queryKey: ['tools', readiness.name] });
  }, [containerState, queryClient, readiness.name]);
  const pending = usePendingTools();
  const held = (pending.data ?? []).filter((change) => change.server === readiness.name);

  let list;
  if (!readiness.enabled) {
    list = <EmptyState title="Server disabled">Enable the server to see and choose its tools.</EmptyState>;
  } else if (tools.isLoading) {
    list = <LoadingState label="Loading tools…" />;
  } else if (tools.error) {
    list =
      errorCode(tools.error) === 'SERVER_NOT_FOUND' ? (
        <EmptyState title="No tools known yet">The tool list is learned the first time the server runs. Start it from the Overview tab.</EmptyState>
      ) : (
        <ErrorState
          title="Could not read the tools"
          error={tools.error}
          action={
            <Button size="sm" onClick={() => void tools.refetch()}>
              Try again
            </Button>
          }
        />
      );
  } else if ((tools.data ?? []).length === 0) {
    list = <EmptyState title="No tools known yet">The tool list is learned the first time the server runs. Start it from the Overview tab.</EmptyState>;
  } else {
    list = (
      <ul
        aria-label={`Tools of ${readiness.name}`}
        className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700"
      >
        {(tools.data ?? []).map((tool) => (
          <ToolItem key={tool.name} server={readiness.name} tool={tool} />
        ))}
      </ul>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      {held.length > 0 ? <PendingToolChanges server={readiness.name} changes={held} /> : null}
      {list}
    </div>
  );
}

function ToolItem({ server, tool }: { server: string; tool: ToolRow }) {
  const { call } = useApi();
  const queryClient = useQueryClient();
  const [optimistic, setOptimistic] = useState<boolean>();
  const enabled = optimistic ?? tool.enabled;

  const toggle = async (next: boolean) => {
    setOptimistic(next);
    try {
      await call('tools.setEnabled', { name: server, tool: tool.name, enabled: next });
      await queryClient.invalidateQueries({ queryKey: ['tools'] });
    } catch (error) {
      notify.error(`Could not switch ${tool.name} ${next ? 'on' : 'off'}`, error);
    } finally {
      setOptimistic(undefined);
    }
  };

  return (
    <li className="flex items-start justify-between gap-4 px-4 py-3">
      <div className="min-w-0">
        <p className="font-mono text-sm font-medium break-all text-slate-900 dark:text-slate-100">{tool.name}</p>
        {tool.description ? (
          <p title={tool.description} className="mt-0.5 line-clamp-3 text-sm text-slate-600 dark:text-slate-300">
            {tool.description}
          </p>
        ) : null}
      </div>
      <Switch label={tool.name} checked={enabled} onCheckedChange={(next) => void toggle(next)} className="mt-0.5" />
    </li>
  );
}
