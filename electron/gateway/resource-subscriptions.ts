/** A resource of one server, by the URI the server itself uses. */
export interface ServerResource {
  server: string;
  uri: string;
}

/**
 * Who watches which resource, so a server is asked to subscribe once, when the first watcher comes, and to
 * unsubscribe when the last one goes. A watcher (a holder) is a 2025-era session that sent resources/subscribe,
 * or one `subscriptions/listen` stream of a 2026-era client; holder keys start with the session id, so all of
 * a session's watchers go when it closes.
 */
export class ResourceSubscriptions {
  private readonly holders = new Map<string, Set<string>>();
  private readonly resources = new Map<string, ServerResource>();

  /** True when this holder is the resource's first: the server must be asked to subscribe. */
  add(resource: ServerResource, holder: string): boolean {
    const key = keyOf(resource);
    let set = this.holders.get(key);
    if (!set) {
      this.holders.set(key, (set = new Set()));
      this.resources.set(key, resource);
    }
    const first = set.size === 0;
    set.add(holder);
    return first;
  }

  /** True when this holder was the resource's last: the server must be asked to unsubscribe. */
  remove(resource: ServerResource, holder: string): boolean {
    const key = keyOf(resource);
    const set = this.holders.get(key);
    if (!set?.delete(holder) || set.size > 0) return false;
    this.holders.delete(key);
    this.resources.delete(key);
    return true;
  }

  /** Removes every holder whose key starts with `prefix`; returns the resources nobody watches any more. */
  removeHolders(prefix: string): ServerResource[] {
    const abandoned: ServerResource[] = [];
    for (const [key, set] of [...this.holders]) {
      for (const holder of [...set]) if (holder.startsWith(prefix)) set.delete(holder);
      if (set.size > 0) continue;
      abandoned.push(this.resources.get(key)!);
      this.holders.delete(key);
      this.resources.delete(key);
    }
    return abandoned;
  }

  /** The resources of a server someone watches (to subscribe again after the server restarted). */
  watchedOn(server: string): string[] {
    return [...this.resources.values()].filter((resource) => resource.server === server).map((resource) => resource.uri);
  }

  /** The resources a holder watches. */
  heldBy(holder: string): ServerResource[] {
    return [...this.holders].filter(([, set]) => set.has(holder)).map(([key]) => this.resources.get(key)!);
  }
}

function keyOf(resource: ServerResource): string {
  return `${resource.server}\u0000${resource.uri}`;
}
