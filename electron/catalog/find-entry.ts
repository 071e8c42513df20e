/** Find an entry by name: exact first, then case-insensitively when that is unambiguous (`sqlite` -> `SQLite`). */
export function findEntry<T>(entries: Map<string, T>, name: string): [string, T] | undefined {
  const exact = entries.get(name);
  if (exact !== undefined) return [name, exact];
  const lower = name.toLowerCase();
  const matches = [...entries].filter(([key]) => key.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}
