import { useQueryClient } from '@tanstack/react-query';
import { Switch } from 'radix-ui';
import { useState } from 'react';
import { toast } from 'sonner';
import type { ServerReadiness, ToolRow } from '../../../../../../shared/catalog-types.js';
import { useApi } from '../../../../api/api-context.js';
import { usePendingTools, useServerTools } from '../../hooks/use-server-queries.js';
import { errorCode, errorText } from '../../lib/error-text.js';
import { PendingToolChanges } from './PendingToolChanges.js';
import { SectionEmpty, SectionError, SectionLoading } from './SectionStates.js';

/**
 * The tools tab: the server's tools from the cached lists (no container is started to show them), a switch
 * each (a disabled tool is hidden from every client), and tools held back because their definition changed.
 */
export function ToolsSection({ readiness }: { readiness: ServerReadiness }) {
  const tools = useServerTools(readiness.name, readiness.enabled);
  const pending = usePendingTools();
  const held = (pending.data ?? []).filter((change) => change.server === readiness.name);

  let list;
  if (!readiness.enabled) {
    list = <SectionEmpty title="Server disabled">Enable the server to see and choose its tools.</SectionEmpty>;
  } else if (tools.isLoading) {
    list = <SectionLoading label="Loading tools" />;
  } else if (tools.error) {
    list =
      errorCode(tools.error) === 'SERVER_NOT_FOUND' ? (
        <SectionEmpty title="No tools known yet">The tool list is learned the first time the server runs. Start it from the Overview tab.</SectionEmpty>
      ) : (
        <SectionError message={errorText(tools.error)} onRetry={() => void tools.refetch()} />
      );
  } else if ((tools.data ?? []).length === 0) {
    list = <SectionEmpty title="No tools known yet">The tool list is learned the first time the server runs. Start it from the Overview tab.</SectionEmpty>;
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
  const switchId = `tool-${server}-${tool.name}`;

  const toggle = async (next: boolean) => {
    setOptimistic(next);
    try {
      await call('tools.setEnabled', { name: server, tool: tool.name, enabled: next });
      await queryClient.invalidateQueries({ queryKey: ['tools'] });
    } catch (error) {
      toast.error(`Could not switch ${tool.name} ${next ? 'on' : 'off'}: ${errorText(error)}`);
    } finally {
      setOptimistic(undefined);
    }
  };

  return (
    <li className="flex items-start justify-between gap-4 px-4 py-3">
      <div className="min-w-0">
        <label htmlFor={switchId} className="font-mono text-sm font-medium break-all text-slate-900 dark:text-slate-100">
          {tool.name}
        </label>
        {tool.description ? <p className="mt-0.5 line-clamp-3 text-sm text-slate-600 dark:text-slate-300">{tool.description}</p> : null}
      </div>
      <Switch.Root
        id={switchId}
        checked={enabled}
        onCheckedChange={(next) => void toggle(next)}
        className="relative mt-0.5 inline-flex h-6 w-11 shrink-0 items-center rounded-full bg-slate-300 transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 data-[state=checked]:bg-blue-600 dark:bg-slate-600"
      >
        <Switch.Thumb className="block h-5 w-5 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[22px]" />
      </Switch.Root>
    </li>
  );
}
