import type { ClientsChanged } from '../../../../../shared/catalog-types.js';
import type { GatewayStatus, ServerStatus } from '../../../../../shared/domain.js';

/**
 * Where a notice's action leads: a server page (at a section), the Policies page, or the Clients page (with the
 * Repair (or Connect) dialog of an app open, when `repair` names it).
 */
export type NoticeTarget =
  { page: 'server'; name: string; section: 'overview' | 'log' | 'secrets' | 'config' } | { page: 'policies' } | { page: 'clients'; repair?: string };

/** One toast about something the engine did on its own, and the page that deals with it. */
export interface EngineNotice {
  /** The same id replaces the toast shown before (a server failing twice is one toast, updated). */
  id: string;
  tone: 'error' | 'warning' | 'success';
  title: string;
  description?: string;
  action: { label: string; target: NoticeTarget };
  /** Stays until dismissed or acted on: something the user must put right (an app's entry broken outside the window). */
  persistent?: boolean;
}

/**
 * The notices a change of gateway status brings: a server that went into error (a start that failed, a crash;
 * the engine's reason, or its last stderr line), and a server whose image finished pulling and now runs.
 */
export function noticesForStatus(previous: GatewayStatus | undefined, next: GatewayStatus): EngineNotice[] {
  if (!previous) return [];
  const before = new Map(previous.servers.map((server) => [server.name, server]));
  const notices: EngineNotice[] = [];
  for (const server of next.servers) {
    const was = before.get(server.name);
    if (server.state === 'error' && was && was.state !== 'error') {
      const reason = lastWords(server);
      notices.push({
        id: `server-error:${server.name}`,
        tone: 'error',
        title: `${server.name} failed`,
        ...(reason ? { description: reason } : {}),
        action: { label: 'Open server', target: { page: 'server', name: server.name, section: server.stderrTail.length > 0 ? 'log' : 'overview' } },
      });
    } else if (was?.pull && !server.pull && server.state === 'running') {
      notices.push({
        id: `image-ready:${server.name}`,
        tone: 'success',
        title: `${server.name} is ready`,
        description: `Its image ${server.image} was pulled and the server runs.`,
        action: { label: 'Open server', target: { page: 'server', name: server.name, section: 'overview' } },
      });
    }
  }
  return notices;
}

/** One notice for the tools newly held back (however many, one toast: it says how many, and names a few). */
export function noticeForHeldTools(held: Array<{ server: string; tool: string }>): EngineNotice | undefined {
  if (held.length === 0) return undefined;
  const names = held.slice(0, 3).map((change) => `${change.server} ${change.tool}`);
  const more = held.length > 3 ? ` and ${held.length - 3} more` : '';
  return {
    id: 'tools-held',
    tone: 'warning',
    title: held.length === 1 ? 'A tool changed and is held back' : `${held.length} tools changed and are held back`,
    description: `${names.join(', ')}${more}: AI apps do not see ${held.length === 1 ? 'it' : 'them'} until you approve the new definition.`,
    action: { label: 'Review', target: { page: 'policies' } },
  };
}

/**
 * A notice when an entry of ours went bad outside this window (a hand edit, the app rewriting its file, the CLI):
 * it became stale, the file stopped parsing, or the entry is gone. Nothing for changes this engine made, for
 * project files (the page lists global files), or for changes that leave nothing to repair.
 */
export function noticeForClientChange(change: ClientsChanged): EngineNotice | undefined {
  const wasOurs = change.previous === 'connected' || change.previous === 'stale';
  if (!change.outside || change.projectDir !== undefined || !wasOurs || change.state === change.previous || change.state === 'connected') return undefined;
  const title = `${change.name}’s config was changed outside Switchyard`;
  const id = `client-changed:${change.id}:${change.state}`;
  if (change.state === 'unreadable') {
    const at = change.position ? `${change.file}:${change.position.line}:${change.position.column}` : change.file;
    return {
      id,
      tone: 'error',
      title,
      description: `It no longer reads as a config file (${at}). Fix it in an editor; Switchyard will not write a file it cannot read.`,
      action: { label: 'Open Clients', target: { page: 'clients' } },
      persistent: true,
    };
  }
  return {
    id,
    tone: 'warning',
    title,
    description: change.state === 'stale' ? 'Our entry points at an old command or port.' : 'Our entry is gone.',
    action: { label: 'Repair', target: { page: 'clients', repair: change.id } },
    persistent: true,
  };
}

/** The tools in `now` that were not held back before. */
export function newlyHeld(known: ReadonlySet<string>, now: Array<{ server: string; tool: string }>): Array<{ server: string; tool: string }> {
  return now.filter((change) => !known.has(heldKey(change)));
}

export function heldKey(change: { server: string; tool: string }): string {
  return `${change.server}\u0000${change.tool}`;
}

function lastWords(server: ServerStatus): string | undefined {
  const line = server.stderrTail.at(-1)?.trim();
  if (server.error && line) return `${server.error} Last output: ${line}`;
  return server.error ?? line;
}
