import type { EntryLocation } from '../types.js';

/** The text does not parse: where (1-based line and column) and what. The connector adds the file name. */
export class ConfigParseError extends Error {
  override readonly name = 'ConfigParseError';
  constructor(
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super(`line ${line}, column ${column}: ${problem}`);
  }
}

/** The text parses, but not into a shape we can put our entry in (e.g. `mcpServers` is a list), or not safely. */
export class ConfigShapeError extends Error {
  override readonly name = 'ConfigShapeError';
}

/**
 * A format-preserving editor: changes only our entry's text and leaves every other byte as it was.
 * `upsert` and `remove` get text that `parse` accepted.
 */
export interface FormatEditor {
  /** The document's data; throws ConfigParseError with the line and column of the first problem. */
  parse(text: string): unknown;
  /** Adds or replaces our entry. */
  upsert(text: string, location: EntryLocation, entry: Record<string, unknown>): string;
  /** Removes our entry (text unchanged when it is absent). */
  remove(text: string, location: EntryLocation): string;
  /** A new document holding only our entry (appended to a template when one is given). */
  create(location: EntryLocation, entry: Record<string, unknown>, template?: string): string;
  /** The text a user pastes by hand: the container and our entry. */
  snippet(location: EntryLocation, entry: Record<string, unknown>): string;
}

export function detectEol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the end of line (including its line break) holding `offset`; text.length on the last line. */
export function nextLineStart(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** The whitespace before the first non-blank character of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Deep equality of parsed documents (objects, arrays, primitives; dates and other objects by their text). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => deepEqual(item, other[index]));
  }
  const protoA = Object.getPrototypeOf(a) as unknown;
  const protoB = Object.getPrototypeOf(b) as unknown;
  const plainA = protoA === Object.prototype || protoA === null;
  const plainB = protoB === Object.prototype || protoB === null;
  if (!plainA || !plainB) return plainA === plainB && protoA === protoB && String(a) === String(b);
  const keysA = Object.keys(a as object);
  const keysB = Object.keys(b as object);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Our entry in parsed data, or undefined. Throws ConfigShapeError when a container has the wrong type. */
export function getEntry(data: unknown, location: EntryLocation): unknown {
  const container = getContainer(data, location);
  if (container === undefined) return undefined;
  if (location.style === 'map') return (container as Record<string, unknown>)[location.name];
  return (container as unknown[]).find((item) => isRecord(item) && item[location.nameKey] === location.name);
}

/** The container of our entry, or undefined when it (or a parent) is absent or null. */
export function getContainer(data: unknown, location: EntryLocation): Record<string, unknown> | unknown[] | undefined {
  if (data === undefined || data === null) return undefined;
  if (!isRecord(data)) throw new ConfigShapeError('the document is not a mapping of keys to values');
  let node: unknown = data;
  const walked: string[] = [];
  for (const key of location.container) {
    walked.push(key);
    node = (node as Record<string, unknown>)[key];
    if (node === undefined || node === null) return undefined;
    const last = walked.length === location.container.length;
    const wantList = last && location.style === 'list';
    if (wantList ? !Array.isArray(node) : !isRecord(node)) {
      throw new ConfigShapeError(`"${walked.join('.')}" is ${describe(node)}, expected ${wantList ? 'a list' : 'a mapping'}`);
    }
  }
  return node as Record<string, unknown> | unknown[];
}

/** The data with our entry taken out (an emptied or absent container is normalised away), for comparisons. */
export function withoutEntry(data: unknown, location: EntryLocation): unknown {
  if (!isRecord(data)) return data;
  const copy = structuredClone(data) as Record<string, unknown>;
  const parents: Record<string, unknown>[] = [];
  let node: Record<string, unknown> = copy;
  for (const key of location.container.slice(0, -1)) {
    const next = node[key];
    if (!isRecord(next)) return copy;
    parents.push(node);
    node = next;
  }
  const lastKey = location.container.at(-1)!;
  const container = node[lastKey];
  if (location.style === 'map' && isRecord(container)) {
    delete container[location.name];
  } else if (location.style === 'list' && Array.isArray(container)) {
    node[lastKey] = container.filter((item) => !(isRecord(item) && item[location.nameKey] === location.name));
  }
  return copy;
}

/**
 * Checks an edit: the new text parses, holds exactly `entry` (or nothing) at our place, and everything else is
 * what the old text held. An empty or null container on our path counts as absent: connect may create one and
 * disconnect may leave one (or drop a TOML table that held only our entry).
 */
export function verifyEdit(
  editor: FormatEditor,
  before: unknown,
  afterText: string,
  location: EntryLocation,
  entry: Record<string, unknown> | undefined,
): void {
  let after: unknown;
  try {
    after = editor.parse(afterText);
  } catch (error) {
    throw new ConfigShapeError(`the edited text would not parse (${(error as Error).message})`);
  }
  const got = getEntry(after, location);
  if (entry === undefined ? got !== undefined : !deepEqual(got, entry)) {
    throw new ConfigShapeError('the edited text does not hold the intended entry');
  }
  const rest = dropEmptyContainers(withoutEntry(after ?? {}, location), location);
  if (!deepEqual(rest, dropEmptyContainers(withoutEntry(before ?? {}, location), location))) {
    throw new ConfigShapeError('the edit would change more than our entry');
  }
}

/** Removes the containers on our path that are empty collections or null, deepest first. */
function dropEmptyContainers(data: unknown, location: EntryLocation): unknown {
  if (!isRecord(data)) return data;
  const path = location.container;
  for (let depth = path.length; depth >= 1; depth--) {
    const parent = dig(data, path.slice(0, depth - 1));
    const key = path[depth - 1]!;
    if (!isRecord(parent) || !(key in parent)) continue;
    const value = parent[key];
    const empty = value === null || (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);
    if (empty) delete parent[key];
  }
  return data;
}

function dig(data: unknown, keys: readonly string[]): unknown {
  let node = data;
  for (const key of keys) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}
