import { createHash } from 'node:crypto';
import { existsSync, readFileSync, watch } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Item } from './server-lists.js';
import { stableStringify } from './server-lists.js';

/** What the user trusted, and what changed since. Shared with the CLI through `<home>/tool-pins.json`. */
interface PinDocument {
  pins: Record<string, Record<string, { hash: string; definition: Item; pinnedAt: string }>>;
  /** Changed definitions waiting for approval: the tool is held back from clients meanwhile. */
  pending: Record<string, Record<string, { hash: string; definition: Item; seenAt: string }>>;
}

export interface PendingChange {
  server: string;
  tool: string;
  before: Item;
  after: Item;
}

/**
 * Tool-definition pinning ("rug pull" protection): the first time a server's tools are seen their definitions
 * are hashed and pinned; when a later start presents a changed description or schema, that tool is held back
 * from clients until the user approves the change (`switchyard tools approve`), which shows the diff.
 */
export class ToolPins {
  readonly file: string;
  private doc: PinDocument;

  constructor(home: string) {
    this.file = path.join(home, 'tool-pins.json');
    this.doc = readDocument(this.file);
  }

  /** Records first sightings, detects changes; returns the tools that must be held back now. */
  review(server: string, tools: Item[]): Set<string> {
    const pins = (this.doc.pins[server] ??= {});
    const pending = (this.doc.pending[server] ??= {});
    let changed = false;
    const held = new Set<string>();
    for (const tool of tools) {
      const name = String(tool.name);
      const hash = definitionHash(tool);
      const pin = pins[name];
      if (!pin) {
        pins[name] = { hash, definition: tool, pinnedAt: new Date().toISOString() };
        changed = true;
      } else if (pin.hash !== hash) {
        held.add(name);
        if (pending[name]?.hash !== hash) {
          pending[name] = { hash, definition: tool, seenAt: new Date().toISOString() };
          changed = true;
        }
      } else if (pending[name]) {
        delete pending[name];
        changed = true;
      }
    }
    if (changed) this.save();
    return held;
  }

  /** Tools of `server` currently held back (changed, not yet approved). */
  held(server: string): Set<string> {
    return new Set(Object.keys(this.doc.pending[server] ?? {}));
  }

  pendingChanges(): PendingChange[] {
    return Object.entries(this.doc.pending).flatMap(([server, tools]) =>
      Object.entries(tools).map(([tool, change]) => ({ server, tool, before: this.doc.pins[server]?.[tool]?.definition ?? {}, after: change.definition })),
    );
  }

  /** Trusts the new definition(s): the pin moves to what the server now presents. Returns the approved tool names. */
  approve(server: string, tool?: string): string[] {
    this.reload();
    const pending = this.doc.pending[server] ?? {};
    const names = tool ? (pending[tool] ? [tool] : []) : Object.keys(pending);
    for (const name of names) {
      const change = pending[name]!;
      (this.doc.pins[server] ??= {})[name] = { hash: change.hash, definition: change.definition, pinnedAt: new Date().toISOString() };
      delete pending[name];
    }
    if (names.length > 0) this.save();
    return names;
  }

  reload(): void {
    this.doc = readDocument(this.file);
  }

  /** Calls back when another process (the CLI) approves a change; a burst of events (one write) calls back once. */
  watch(onChange: () => void, settleMs = 50): () => void {
    let timer: NodeJS.Timeout | undefined;
    try {
      const watcher = watch(path.dirname(this.file), (_event, name) => {
        if (name !== path.basename(this.file)) return;
        clearTimeout(timer);
        timer = setTimeout(onChange, settleMs);
        timer.unref();
      });
      return () => {
        clearTimeout(timer);
        watcher.close();
      };
    } catch {
      return () => undefined;
    }
  }

  private save(): void {
    writeFileAtomic.sync(this.file, JSON.stringify(this.doc, null, 2) + '\n', { mode: 0o600 });
  }
}

/** What counts as the tool's definition: everything a model reads or relies on. */
export function definitionHash(tool: Item): string {
  const { name, title, description, inputSchema, outputSchema, annotations } = tool as Record<string, unknown>;
  return createHash('sha256').update(stableStringify({ name, title, description, inputSchema, outputSchema, annotations })).digest('hex');
}

/** A readable before/after of the fields that changed. */
export function describeChange(change: PendingChange): string {
  const fields = ['title', 'description', 'inputSchema', 'outputSchema', 'annotations'];
  const lines = [`${change.server} ${change.tool} changed:`];
  for (const field of fields) {
    const before = stableStringify(change.before[field] ?? null);
    const after = stableStringify(change.after[field] ?? null);
    if (before === after) continue;
    lines.push(`  ${field}:`, `    - ${before}`, `    + ${after}`);
  }
  return lines.join('\n');
}

function readDocument(file: string): PinDocument {
  if (!existsSync(file)) return { pins: {}, pending: {} };
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as Partial<PinDocument>;
    return { pins: doc.pins ?? {}, pending: doc.pending ?? {} };
  } catch {
    // A damaged pin file must not silently trust everything again: keep holding what was pending by refusing to start over.
    throw new Error(`${file} is not valid JSON. Fix or remove it (removing it re-pins every tool as it is now).`);
  }
}
