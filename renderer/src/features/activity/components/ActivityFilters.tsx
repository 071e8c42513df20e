import { Search, X } from 'lucide-react';
import { cloneElement, memo, useId, type ReactElement } from 'react';
import { useGatewayStatus } from '../../../api/gateway-queries.js';
import { Button } from '../../../ui/button.js';
import { useActivityUi } from '../hooks/activity-filter-store.js';
import { isFiltered, type RangeChoice, type StatusChoice } from '../lib/activity-filter.js';

const statuses: Array<[StatusChoice, string]> = [
  ['all', 'Any status'],
  ['ok', 'OK'],
  ['error', 'Errors'],
  ['denied', 'Denied'],
  ['timeout', 'Timed out'],
  ['cancelled', 'Cancelled'],
  ['running', 'Running'],
];
const ranges: Array<[RangeChoice, string]> = [
  ['15m', 'Last 15 minutes'],
  ['1h', 'Last hour'],
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['all', 'All time'],
];

const control =
  'h-9 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';

/** The filter bar: every field goes to the engine's query (history.query / history.stats), not to a page in memory. */
export const ActivityFilters = memo(function ActivityFilters() {
  const { filter, setFilter, resetFilter } = useActivityUi();
  const servers = useGatewayStatus().data?.servers.map((server) => server.name) ?? [];
  return (
    // A grid of equal cells on a phone (search on its own row), one row beside the search on a wide window.
    <div role="search" aria-label="Filter calls" className="grid grid-cols-2 items-end gap-2 sm:grid-cols-3 lg:flex lg:flex-wrap">
      <label className="relative col-span-2 sm:col-span-3 lg:min-w-48 lg:flex-1">
        <span className="sr-only">Search arguments, results and errors</span>
        <Search className="pointer-events-none absolute top-2.5 left-2.5 h-4 w-4 text-slate-400" aria-hidden />
        <input
          type="search"
          value={filter.text}
          onChange={(event) => setFilter({ text: event.target.value })}
          placeholder="Search arguments, results, errors"
          className={`${control} w-full pl-8`}
        />
      </label>
      <Labeled label="Server" className="lg:w-40">
        <select value={filter.server} onChange={(event) => setFilter({ server: event.target.value })} className={`${control} w-full`}>
          <option value="">All servers</option>
          {[...new Set([...servers, ...(filter.server ? [filter.server] : [])])].map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </Labeled>
      <Labeled label="Tool" className="lg:w-28">
        <input value={filter.tool} onChange={(event) => setFilter({ tool: event.target.value })} placeholder="Any tool" className={`${control} w-full`} />
      </Labeled>
      <Labeled label="Client" className="lg:w-28">
        <input value={filter.client} onChange={(event) => setFilter({ client: event.target.value })} placeholder="Any client" className={`${control} w-full`} />
      </Labeled>
      <Labeled label="Status" className="lg:w-32">
        <select value={filter.status} onChange={(event) => setFilter({ status: event.target.value as StatusChoice })} className={`${control} w-full`}>
          {statuses.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Labeled>
      <Labeled label="Time" className="lg:w-36">
        <select value={filter.range} onChange={(event) => setFilter({ range: event.target.value as RangeChoice })} className={`${control} w-full`}>
          {ranges.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Labeled>
      {isFiltered(filter) && (
        <Button variant="ghost" onClick={resetFilter} className="justify-self-start">
          <X className="h-4 w-4" aria-hidden />
          Clear filters
        </Button>
      )}
    </div>
  );
});

/** A caption above its control, tied by id, so the control's accessible name is exactly the caption. */
function Labeled({ label, className = '', children }: { label: string; className?: string; children: ReactElement<{ id?: string }> }) {
  const id = useId();
  return (
    <div className={`flex min-w-0 flex-col ${className}`}>
      <label htmlFor={id} className="text-xs font-medium text-slate-600 dark:text-slate-300">
        {label}
      </label>
      {cloneElement(children, { id })}
    </div>
  );
}
