/** What one server offers, as its list methods report it. Items are kept as the server sent them. */
export interface ServerLists {
  tools: Item[];
  prompts: Item[];
  resources: Item[];
  resourceTemplates: Item[];
}

export type Item = Record<string, unknown>;

export type ListKind = keyof ServerLists;

export const listKinds: ListKind[] = ['tools', 'prompts', 'resources', 'resourceTemplates'];

/** The list method for each kind, and the capability a server must declare to have one. */
export const listMethodOf: Record<ListKind, { method: string; capability: string }> = {
  tools: { method: 'tools/list', capability: 'tools' },
  prompts: { method: 'prompts/list', capability: 'prompts' },
  resources: { method: 'resources/list', capability: 'resources' },
  resourceTemplates: { method: 'resources/templates/list', capability: 'resources' },
};

export const listChangedNotification: Partial<Record<ListKind, string>> = {
  tools: 'notifications/tools/list_changed',
  prompts: 'notifications/prompts/list_changed',
  resources: 'notifications/resources/list_changed',
};

export function emptyLists(): ServerLists {
  return { tools: [], prompts: [], resources: [], resourceTemplates: [] };
}

/** Which kinds differ between two snapshots (order-insensitive by key). */
export function changedKinds(before: ServerLists | undefined, after: ServerLists): ListKind[] {
  return listKinds.filter((kind) => !before || canonical(before[kind]) !== canonical(after[kind]));
}

function canonical(items: Item[]): string {
  return items
    .map((item) => stableStringify(item))
    .sort()
    .join('\n');
}

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
