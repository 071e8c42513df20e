import type { ApiInput } from '../../../../../shared/api.js';

export type StatusChoice = 'all' | 'ok' | 'error' | 'denied' | 'timeout' | 'cancelled' | 'running';
export type RangeChoice = '15m' | '1h' | '24h' | '7d' | 'all';

/** What the Activity page's filter bar holds; turned into the engine's history filter, never applied to a page here. */
export interface ActivityFilter {
  server: string;
  tool: string;
  client: string;
  status: StatusChoice;
  range: RangeChoice;
  text: string;
}

export const emptyActivityFilter: ActivityFilter = { server: '', tool: '', client: '', status: 'all', range: 'all', text: '' };

export type HistoryFilter = Omit<ApiInput<'history.query'>, 'cursor' | 'limit'>;

/** The engine's filter for the bar's choices: empty fields are left out. */
export function historyFilter(filter: ActivityFilter): HistoryFilter {
  const result: HistoryFilter = {};
  if (filter.server) result.server = filter.server;
  if (filter.tool.trim()) result.tool = filter.tool.trim();
  if (filter.client.trim()) result.client = filter.client.trim();
  if (filter.status !== 'all') result.status = filter.status;
  if (filter.range !== 'all') result.since = filter.range;
  if (filter.text.trim()) result.text = filter.text.trim();
  return result;
}

export function isFiltered(filter: ActivityFilter): boolean {
  return Object.keys(historyFilter(filter)).length > 0;
}
