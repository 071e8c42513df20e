// Intl formatters are costly to build (toLocaleTimeString with options builds one per call); built once here,
// they keep a feed of thousands of rows and a chart's tick labels cheap to format.
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' });
const day = new Intl.DateTimeFormat(undefined);
const hourMinute = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const dayHour = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', hour12: false });
const dayAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const dayMs = 86_400_000;
const localDay = (ms: number) => Math.floor((ms - new Date(ms).getTimezoneOffset() * 60_000) / dayMs);

/** 09:41:07.123 (today's calls), or the date too for older ones. */
export function callTime(ms: number, now: number = Date.now()): string {
  const withMs = `${timeOfDay.format(ms)}.${String(new Date(ms).getMilliseconds()).padStart(3, '0')}`;
  return localDay(now) === localDay(ms) ? withMs : `${day.format(ms)} ${withMs}`;
}

/** A chart's time axis label: 09:41 for minute buckets, "Dec 3, 09" for hour buckets and longer. */
export function tickTime(ms: number, bucketMs: number): string {
  return bucketMs >= 60 * 60_000 ? dayHour.format(ms) : hourMinute.format(ms);
}

/** Date and time, for a tooltip. */
export function fullTime(ms: number): string {
  return dayAndTime.format(ms);
}

/** 12 ms, 1.4 s, 2 min; an em dash while running. */
export function duration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
