import type { CallRecord } from './call-record.js';

export const csvColumns = [
  'id',
  'traceId',
  'startedAt',
  'endedAt',
  'durationMs',
  'clientName',
  'clientVersion',
  'sessionId',
  'server',
  'method',
  'name',
  'status',
  'error',
  'arguments',
  'resultIsError',
  'resultContentTypes',
  'resultSizeBytes',
  'resultPreview',
] as const;

export const csvHeader = csvColumns.join(',') + '\r\n';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, with quotes doubled. A text a
 * spreadsheet would run as a formula (starting with = + - @, a tab or CR) gets a leading apostrophe: arguments
 * and previews come from AI clients and MCP servers, and an export is likely to be opened in a spreadsheet.
 */
export function csvField(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record as a CSV row (csvColumns order, times as ISO 8601 UTC, content types joined by `;`), CRLF-terminated. */
export function csvLine(record: CallRecord): string {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  const fields = [
    record.id,
    record.traceId,
    iso(record.startedAt),
    iso(record.endedAt),
    record.durationMs,
    record.client.name,
    record.client.version,
    record.client.sessionId,
    record.server,
    record.method,
    record.name,
    record.status,
    record.error,
    record.arguments,
    record.result?.isError,
    record.result?.contentTypes.join(';'),
    record.result?.sizeBytes,
    record.result?.preview,
  ];
  return fields.map(csvField).join(',') + '\r\n';
}
