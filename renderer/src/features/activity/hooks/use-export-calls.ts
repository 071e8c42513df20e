import { useMutation } from '@tanstack/react-query';
import type { CallRecordView } from '../../../../../shared/history-types.js';
import { useApi } from '../../../api/api-context.js';
import { notify } from '../../../ui/toast.js';
import type { HistoryFilter } from '../lib/activity-filter.js';
import { exportText, type ExportFormat } from '../lib/export-calls.js';

/** At most this many calls in one export from the window; `switchyard logs --export` has no limit. */
const exportLimit = 100_000;

/** Every call matching the filter, fetched page by page from the engine, saved as a JSONL or CSV download. */
export function useExportCalls(filter: HistoryFilter) {
  const { call } = useApi();
  return useMutation({
    mutationFn: async (format: ExportFormat) => {
      const records: CallRecordView[] = [];
      let cursor: string | undefined;
      do {
        const page = await call('history.query', { ...filter, limit: 1000, ...(cursor ? { cursor } : {}) });
        records.push(...page.records);
        cursor = page.nextCursor;
      } while (cursor && records.length < exportLimit);
      const blob = new Blob([exportText(records, format)], { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `switchyard-calls-${new Date().toISOString().replaceAll(':', '-').slice(0, 19)}.${format}`;
      link.click();
      URL.revokeObjectURL(link.href);
      return { count: records.length, truncated: cursor !== undefined };
    },
    onSuccess: ({ count, truncated }) =>
      notify.success(`Exported ${count.toLocaleString()} calls${truncated ? ` (the newest ${exportLimit.toLocaleString()})` : ''}`),
    onError: (error) => notify.error('Could not export the calls', error),
  });
}
