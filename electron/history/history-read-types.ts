import type { z } from 'zod';
import type {
  HistoryFilterSchema,
  HistoryQuerySchema,
  HistoryStatsRowSchema,
  HistoryStatsSchema,
  HistoryTimelineRowSchema,
  HistoryTimelineSchema,
} from '../../shared/history-types.js';
import type { CallRecord } from './call-record.js';

/**
 * What the history's reads take and give, derived from the control API's schemas (shared/history-types.ts),
 * which are the one declaration of them.
 */

/** since/until: ms since the epoch or a time spec (`1h`, `2d`, ISO); server/tool: one name or several. */
export type HistoryFilter = z.infer<typeof HistoryFilterSchema>;

export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

export type HistoryStatsOptions = z.infer<typeof HistoryStatsSchema>;

export type HistoryStatsRow = z.infer<typeof HistoryStatsRowSchema>;

export type HistoryTimelineOptions = z.infer<typeof HistoryTimelineSchema>;

export type HistoryTimelineRow = z.infer<typeof HistoryTimelineRowSchema>;

export interface HistoryPage {
  /** Newest first. */
  records: CallRecord[];
  /** Present when there are older records: pass it back as `cursor`. */
  nextCursor?: string;
  /** The change counter of the snapshot the page was read from: changedSince(rev) continues from it. */
  rev: number;
}

export interface HistoryExportOptions extends HistoryFilter {
  format: 'jsonl' | 'csv';
}
