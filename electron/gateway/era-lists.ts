import type { BackendEra } from './backend-era.js';
import type { Item, ServerLists } from './server-lists.js';

/**
 * The lists of servers that have a connection in each era (see era-companion.ts): a server of both eras may
 * offer different tools, prompts or resources to each. A server's own `lists` are those of the era its first
 * connection speaks; this keeps the other era's, so each era's clients see what the server offers them.
 */
export class OtherEraLists {
  private readonly byServer = new Map<string, { era: BackendEra; lists: ServerLists }>();

  set(server: string, era: BackendEra, lists: ServerLists): void {
    this.byServer.set(server, { era, lists });
  }

  get(server: string): ServerLists | undefined {
    return this.byServer.get(server)?.lists;
  }

  delete(server: string): void {
    this.byServer.delete(server);
  }

  /** What a caller of `era` sees of a server whose first connection's lists are `own`. */
  listsFor(server: string, own: ServerLists | undefined, era: BackendEra | undefined): ServerLists | undefined {
    const other = this.byServer.get(server);
    return other && other.era === (era ?? 'legacy') ? other.lists : own;
  }

  /** The tools of both eras, each name once: what tool pinning reviews. */
  allTools(server: string, own: Item[]): Item[] {
    const other = this.byServer.get(server)?.lists.tools ?? [];
    const names = new Set(own.map((tool) => tool.name));
    return [...own, ...other.filter((tool) => !names.has(tool.name))];
  }
}
