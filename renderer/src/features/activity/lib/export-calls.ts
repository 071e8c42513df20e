import type { CallRecordView } from '../../../../../shared/history-types.js';

export type ExportFormat = 'jsonl' | 'csv';

const csvColumns: Array<[string, (record: CallRecordView) => unknown]> = [
  ['started_at', (record) => new Date(record.startedAt).toISOString()],
  ['duration_ms', (record) => record.durationMs],
  ['status', (record) => record.status],
  ['server', (record) => record.server],
  ['method', (record) => record.method],
  ['name', (record) => record.name],
  ['client', (record) => record.client.name ?? record.client.sessionId],
  ['trace_id', (record) => record.traceId],
  ['error', (record) => record.error],
  ['arguments', (record) => record.arguments],
];

/** The records as a file: one JSON object a line, or CSV with a header (RFC 4180 quoting). Values are already redacted. */
export function exportText(records: readonly CallRecordView[], format: ExportFormat): string {
  if (format === 'jsonl') return records.map((record) => JSON.stringify(record)).join('\n') + (records.length > 0 ? '\n' : '');
  const lines = [csvColumns.map(([name]) => name).join(',')];
  for (const record of records) lines.push(csvColumns.map(([, value]) => csvField(value(record))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
