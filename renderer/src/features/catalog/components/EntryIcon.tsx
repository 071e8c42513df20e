const palette = [
  'bg-blue-100 text-blue-800 dark:bg-blue-900 dark:text-blue-100',
  'bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100',
  'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  'bg-violet-100 text-violet-800 dark:bg-violet-900 dark:text-violet-100',
  'bg-rose-100 text-rose-800 dark:bg-rose-900 dark:text-rose-100',
  'bg-cyan-100 text-cyan-800 dark:bg-cyan-900 dark:text-cyan-100',
];

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(value);
}

/**
 * An entry's icon: its first letter on a colour picked from its name (the same every time). The catalog's
 * icon URLs point at third-party hosts, which the window's content policy does not load.
 */
export function EntryIcon({ name, title }: { name: string; title: string }) {
  const letter = (title.match(/[A-Za-z0-9]/)?.[0] ?? '?').toUpperCase();
  return (
    <span aria-hidden className={`flex h-10 w-10 shrink-0 items-center justify-center rounded-lg text-lg font-semibold ${palette[hash(name) % palette.length]}`}>
      {letter}
    </span>
  );
}
