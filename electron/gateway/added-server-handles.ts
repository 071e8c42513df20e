import { randomBytes } from 'node:crypto';

/** How long a handle nobody uses keeps its servers (each use starts the time again). */
export const handleIdleMs = 60 * 60_000;

interface Handle {
  profile: string;
  servers: Set<string>;
  lastUsed: number;
}

/** Why a handle does not reach a server: unknown or expired, minted for another profile, or not holding that server. */
export type HandleRefusal = 'unknown-handle' | 'other-profile';

/**
 * What agents of the stateless era (2026-07-28) added with add_server, held under handles the gateway mints.
 * That protocol has no session, and its tools/list must not depend on earlier tool calls (SEP-2567), so an
 * addition cannot be a change of anyone's tool list: add_server answers with a handle instead, the agent passes it
 * to call_tool, and only calls carrying it reach the servers added under it. A handle is 144 random bits, belongs to
 * the profile it was minted for, and is forgotten after `idleMs` without use (or when the gateway stops).
 */
export class AddedServerHandles {
  private readonly handles = new Map<string, Handle>();

  constructor(
    private readonly idleMs = handleIdleMs,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds a server under `handle` (a handle of this profile the agent holds) or under a new one; returns the handle. */
  add(profile: string, server: string, handle?: string): string {
    this.forgetIdle();
    const held = handle === undefined ? undefined : this.handles.get(handle);
    if (handle !== undefined && held?.profile === profile) {
      held.servers.add(server);
      held.lastUsed = this.now();
      return handle;
    }
    const minted = `sy_${randomBytes(18).toString('base64url')}`;
    this.handles.set(minted, { profile, servers: new Set([server]), lastUsed: this.now() });
    return minted;
  }

  /** The servers a handle reaches for a client of `profile`, or why it reaches none. Using a handle keeps it alive. */
  servers(profile: string, handle: string): { servers: ReadonlySet<string> } | { refused: HandleRefusal } {
    this.forgetIdle();
    const held = this.handles.get(handle);
    if (!held) return { refused: 'unknown-handle' };
    if (held.profile !== profile) return { refused: 'other-profile' };
    held.lastUsed = this.now();
    return { servers: held.servers };
  }

  /** Every server some live handle holds (a catalog server added under one keeps running while it does). */
  inUse(): Set<string> {
    this.forgetIdle();
    return new Set([...this.handles.values()].flatMap((held) => [...held.servers]));
  }

  /** Forgets the handles nobody used for `idleMs`; true when one was forgotten. */
  forgetIdle(): boolean {
    const oldest = this.now() - this.idleMs;
    let forgot = false;
    for (const [handle, held] of this.handles) {
      if (held.lastUsed > oldest) continue;
      this.handles.delete(handle);
      forgot = true;
    }
    return forgot;
  }

  get size(): number {
    return this.handles.size;
  }
}
