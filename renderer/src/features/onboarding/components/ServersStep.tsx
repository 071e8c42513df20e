import { useId, useMemo, useState } from 'react';
import type { CatalogSummary } from '../../../../../shared/catalog-types.js';
import { inputClass } from '../../../ui/field.js';
import { LoadingState } from '../../../ui/states.js';
import { Switch } from '../../../ui/switch.js';
import { useCatalogList, useEnabledNames } from '../../catalog/hooks/use-catalog-entries.js';
import { useEnableEntry } from '../../catalog/hooks/use-enable-entry.js';
import { recommendedServers, worksAtOnce } from '../lib/recommended.js';

/** Servers that need no secret to switch on: a few recommended, and a search among the others like them. */
export function ServersStep({ onEnabled }: { onEnabled: () => void }) {
  const list = useCatalogList();
  const enabled = useEnabledNames();
  const enable = useEnableEntry();
  const [query, setQuery] = useState('');
  const searchId = useId();
  const shown = useMemo(() => {
    const entries = list.data ?? [];
    const typed = query.trim().toLowerCase();
    if (!typed) return recommendedServers(entries);
    return entries.filter((entry) => worksAtOnce(entry) && `${entry.name} ${entry.title ?? ''}`.toLowerCase().includes(typed)).slice(0, 8);
  }, [list.data, query]);
  if (list.isPending) return <LoadingState label="Reading the catalog…" />;
  const toggle = (entry: CatalogSummary, on: boolean) => enable.mutate({ entry, on }, { onSuccess: () => on && onEnabled() });
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-300">These need no key or setting: switch one on and your AI apps can use its tools.</p>
      <div className="space-y-1">
        <label htmlFor={searchId} className="text-sm font-medium">
          Find another server that needs nothing
        </label>
        <input id={searchId} className={inputClass} value={query} onChange={(event) => setQuery(event.target.value)} placeholder="e.g. time" />
      </div>
      <ul
        aria-label="Servers to switch on"
        className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
      >
        {shown.map((entry) => (
          <li key={entry.name} className="flex items-center gap-3 px-3 py-2">
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium">{entry.title ?? entry.name}</p>
              {entry.description && (
                <p title={entry.description} className="line-clamp-1 text-xs text-slate-600 dark:text-slate-400">
                  {entry.description}
                </p>
              )}
            </div>
            <Switch checked={enabled.has(entry.name)} onCheckedChange={(on) => toggle(entry, on)} label={`Switch on ${entry.title ?? entry.name}`} />
          </li>
        ))}
        {shown.length === 0 && <li className="px-3 py-2 text-sm text-slate-600 dark:text-slate-300">No server without secrets matches “{query}”.</li>}
      </ul>
    </div>
  );
}
