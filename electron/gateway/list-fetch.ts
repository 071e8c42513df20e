import type { BackendConnection } from './backend-connection.js';
import { emptyLists, listKinds, listMethodOf, type Item, type ListKind, type ServerLists } from './server-lists.js';

/** At most this many pages per list, against a server whose cursor never ends. */
const maxPages = 100;

/** Reads a running server's lists (only the kinds its capabilities declare), following pagination. */
export async function fetchLists(backend: BackendConnection, kinds: ListKind[] = listKinds, previous: ServerLists = emptyLists()): Promise<ServerLists> {
  const lists: ServerLists = { ...previous };
  await Promise.all(
    kinds.map(async (kind) => {
      const { method, capability } = listMethodOf[kind];
      lists[kind] = backend.capabilities[capability] === undefined ? [] : await fetchAll(backend, method, kind);
    }),
  );
  return lists;
}

async function fetchAll(backend: BackendConnection, method: string, kind: ListKind): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const outcome = await backend.request(method, cursor ? { cursor } : undefined, undefined).response;
    if ('error' in outcome) return items;
    const pageItems = outcome.result[kind];
    if (Array.isArray(pageItems)) items.push(...(pageItems as Item[]));
    cursor = typeof outcome.result.nextCursor === 'string' ? outcome.result.nextCursor : undefined;
    if (!cursor) break;
  }
  return items;
}
