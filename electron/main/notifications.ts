import type { GatewayStatus, ServerStatus } from '../../shared/domain.js';

/** One OS notification, and the window route it opens when clicked. */
export interface DesktopNotice {
  /** Rate-limit key: the same key is shown at most once per `perKeyMs`. */
  key: string;
  title: string;
  body: string;
  route: string;
}

/**
 * The notices for a change of gateway status: a server that stopped with an error (a crash, or a start that
 * failed, e.g. for a missing secret: the engine's reason is the body), and an image pull that finished.
 */
export function noticesForStatus(previous: GatewayStatus | undefined, next: GatewayStatus): DesktopNotice[] {
  const before = new Map((previous?.servers ?? []).map((server) => [server.name, server]));
  const notices: DesktopNotice[] = [];
  for (const server of next.servers) {
    const was = before.get(server.name);
    if (server.state === 'error' && was?.state !== 'error') {
      notices.push({ key: `error:${server.name}`, title: `${server.name} stopped with an error`, body: reasonOf(server), route: serverRoute(server.name) });
    } else if (was?.pull && !server.pull && server.state === 'running') {
      notices.push({
        key: `pulled:${server.name}`,
        title: `${server.name} is ready`,
        body: `Its image ${server.image} was pulled and the server is running.`,
        route: serverRoute(server.name),
      });
    }
  }
  return notices;
}

/** A tool held back because its definition changed since it was approved. */
export function noticeForHeldTool(server: string, tool: string): DesktopNotice {
  return {
    key: `held:${server}/${tool}`,
    title: `${tool} is held back`,
    body: `The definition of ${server}'s tool ${tool} changed. Review the change and approve it to use it again.`,
    route: `${serverRoute(server)}?section=tools`,
  };
}

export interface NotifierOptions {
  show(notice: DesktopNotice): void;
  /** The user's switch (desktop preferences). */
  enabled(): boolean;
  now?: () => number;
  /** The same key at most once in this window (default 60 s). */
  perKeyMs?: number;
  /** At most this many notices a minute in all (default 6); the rest are dropped, never queued. */
  perMinute?: number;
}

/** Shows notices unless switched off, rate-limited per key and in all, so a crash loop cannot flood the desktop. */
export function createNotifier(options: NotifierOptions): (notices: DesktopNotice[]) => void {
  const now = options.now ?? Date.now;
  const perKeyMs = options.perKeyMs ?? 60_000;
  const perMinute = options.perMinute ?? 6;
  const lastShown = new Map<string, number>();
  const recent: number[] = [];
  return (notices) => {
    if (!options.enabled()) return;
    for (const notice of notices) {
      const at = now();
      while (recent.length > 0 && at - recent[0]! >= 60_000) recent.shift();
      const last = lastShown.get(notice.key);
      if ((last !== undefined && at - last < perKeyMs) || recent.length >= perMinute) continue;
      lastShown.set(notice.key, at);
      recent.push(at);
      options.show(notice);
    }
  };
}

function serverRoute(name: string): string {
  return `/servers/${encodeURIComponent(name)}`;
}

function reasonOf(server: ServerStatus): string {
  const text = server.error ?? server.stderrTail.at(-1) ?? 'It stopped unexpectedly.';
  const line = text.split('\n')[0]?.trim() ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
