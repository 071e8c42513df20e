import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { ServerLists } from './server-lists.js';

interface CacheEntry {
  image: string;
  fetchedAt: string;
  lists: ServerLists;
}

/**
 * The lists each server reported the last time it ran, on disk, so tools/list can be answered without
 * starting any container. An entry is only trusted for the image it was read from.
 */
export class ListCache {
  private readonly dir: string;
  private readonly entries = new Map<string, CacheEntry>();

  constructor(home: string) {
    this.dir = path.join(home, 'cache', 'server-lists');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    for (const file of readdirSync(this.dir)) {
      if (!file.endsWith('.json')) continue;
      try {
        const entry = JSON.parse(readFileSync(path.join(this.dir, file), 'utf8')) as CacheEntry;
        if (entry && typeof entry.image === 'string' && entry.lists) this.entries.set(file.slice(0, -'.json'.length), entry);
      } catch {
        // A damaged cache entry only costs a container start; it is rewritten after the next one.
      }
    }
  }

  get(server: string, image: string): ServerLists | undefined {
    const entry = this.entries.get(server);
    return entry && entry.image === image ? entry.lists : undefined;
  }

  set(server: string, image: string, lists: ServerLists): void {
    const entry: CacheEntry = { image, fetchedAt: new Date().toISOString(), lists };
    this.entries.set(server, entry);
    writeFileAtomic(path.join(this.dir, `${server}.json`), JSON.stringify(entry), { mode: 0o600 }, () => undefined);
  }
}
