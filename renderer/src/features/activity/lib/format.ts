/** 09:41:07.123 (today's calls), or the date too for older ones. */
export function callTime(ms: number, now: number = Date.now()): string {
  const date = new Date(ms);
  const time = date.toLocaleTimeString(undefined, { hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const withMs = `${time}.${String(date.getMilliseconds()).padStart(3, '0')}`;
  return new Date(now).toDateString() === date.toDateString() ? withMs : `${date.toLocaleDateString()} ${withMs}`;
}

/** 12 ms, 1.4 s, 2 min; an em dash while running. */
export function duration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
