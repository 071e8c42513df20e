import { SwitchyardError } from '../../shared/errors.js';

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A point in time for `--since`/`--until` and the query API: a span back from now (`90s`, `30m`, `1h`, `2d`,
 * `1w`, also combined: `1h30m`), an ISO date or date-time (`2026-05-01`, `2026-05-01T10:00:00Z`), or
 * milliseconds since the epoch. Returns milliseconds since the epoch.
 */
export function parseTimeSpec(spec: string | number | Date, now: number = Date.now()): number {
  if (spec instanceof Date) return checked(spec.getTime(), String(spec));
  if (typeof spec === 'number') return checked(spec, String(spec));
  const text = spec.trim();
  const span = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/i.test(text) ? text.match(/\d+(?:\.\d+)?(?:ms|s|m|h|d|w)/gi) : null;
  if (span) {
    let total = 0;
    for (const part of span) {
      const [, amount, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/i.exec(part) ?? [];
      total += Number(amount) * (unitMs[(unit ?? '').toLowerCase()] ?? Number.NaN);
    }
    return checked(now - total, spec);
  }
  if (/^\d{12,}$/.test(text)) return checked(Number(text), spec);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return checked(Date.parse(text), spec);
  return checked(Number.NaN, spec);
}

function checked(ms: number, spec: string): number {
  if (!Number.isFinite(ms)) {
    throw new SwitchyardError(
      'INVALID_INPUT',
      `"${spec}" is not a time.`,
      'Use a span back from now (30m, 1h, 2d, 1w) or an ISO date (2026-05-01 or 2026-05-01T10:00:00Z).',
    );
  }
  return Math.round(ms);
}
