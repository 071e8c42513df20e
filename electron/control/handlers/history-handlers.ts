import type { ApiHandlers } from '../../../shared/api.js';
import { SwitchyardError } from '../../../shared/errors.js';
import type { HistoryStore } from '../../history/history-store.js';

/**
 * Queries over the call history; the live feed is the 'history.records' event (batched, see control-events.ts). Every
 * read is awaited: it runs on the history's reader thread, never on the thread that relays calls.
 */
export function historyHandlers(
  history: HistoryStore | undefined,
): Pick<ApiHandlers, 'history.query' | 'history.stats' | 'history.timeline' | 'history.clear'> {
  const store = () => {
    if (!history) throw new SwitchyardError('INTERNAL', 'Call history is not recorded by this engine.');
    return history;
  };
  return {
    'history.query': async (query) => {
      const page = await store().query(query);
      return { records: page.records, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
    'history.stats': async (options) => store().stats(options),
    'history.timeline': async (options) => store().timeline(options),
    'history.clear': async () => {
      await store().clear();
      return { cleared: true as const };
    },
  };
}
