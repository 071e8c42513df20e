import { parse, TomlError } from 'smol-toml';
import type { EntryLocation } from '../types.js';
import { ConfigParseError, ConfigShapeError, detectEol, getContainer, isRecord, type FormatEditor } from './common.js';

/**
 * TOML edited in place: our entry is always its own table (`[mcp_servers.switchyard]`), so adding it appends
 * that table and removing it cuts exactly its lines. A small line scanner finds table headers (outside
 * multi-line strings and arrays); smol-toml parses, for errors with their position and to check every edit.
 */
export function tomlEditor(): FormatEditor {
  return {
    parse(text) {
      try {
        return parse(text) as unknown;
      } catch (error) {
        if (error instanceof TomlError) throw new ConfigParseError(error.line, error.column, firstLine(error.message));
        throw error;
      }
    },

    upsert(text, location, entry) {
      mapOnly(location);
      const data = this.parse(text);
      const lines = splitLines(text);
      const headers = scanHeaders(lines);
      const eol = detectEol(text);
      const table = [...location.container, location.name];
      const ours = headers.filter((header) => startsWith(header.path, table));
      const block = renderTable(table, entry);
      if (ours.length === 0) {
        const container = getContainer(data, location);
        if (isRecord(container) && container[location.name] !== undefined) {
          throw new ConfigShapeError(`"${table.join('.')}" is written inline or with dotted keys, which Switchyard does not edit`);
        }
        const siblings = headers.filter((header) => startsWith(header.path, location.container));
        const after = siblings.length > 0 ? insertionPoint(lines, headers, headers.indexOf(siblings.at(-1)!)) : lines.length;
        const insert = after === 0 ? block : ['', ...block];
        return joinLines(spliceLines(lines, after, 0, insert), eol);
      }
      const spans = ours.map((header) => spanOf(lines, headers, headers.indexOf(header)));
      let result = lines;
      for (const span of [...spans].reverse().slice(0, -1)) result = removeSpan(result, span);
      result = spliceLines(result, spans[0]!.start, spans[0]!.end - spans[0]!.start, block);
      return joinLines(result, eol);
    },

    remove(text, location) {
      mapOnly(location);
      this.parse(text);
      const lines = splitLines(text);
      const headers = scanHeaders(lines);
      const table = [...location.container, location.name];
      const spans = headers.filter((header) => startsWith(header.path, table)).map((header) => spanOf(lines, headers, headers.indexOf(header)));
      let result = lines;
      for (const span of [...spans].reverse()) result = removeSpan(result, span);
      return joinLines(result, detectEol(text));
    },

    create(location, entry) {
      mapOnly(location);
      return renderTable([...location.container, location.name], entry).join('\n') + '\n';
    },

    snippet(location, entry) {
      return this.create(location, entry);
    },
  };
}

interface Line {
  /** The text without its line break. */
  text: string;
  /** Its line break ('' on a last line without one). */
  eol: string;
}

interface Header {
  line: number;
  path: string[];
}

/** Lines [start, end) of a table: its header through its last key line (trailing blank and comment lines excluded). */
interface Span {
  start: number;
  end: number;
}

function mapOnly(location: EntryLocation): void {
  if (location.style !== 'map') throw new Error('TOML configs keep MCP servers in tables');
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const lines: Line[] = [];
  const pattern = /([^\r\n]*)(\r\n|\n|$)/g;
  for (const match of text.matchAll(pattern)) {
    if (match[0] === '' && match.index === text.length) break;
    lines.push({ text: match[1]!, eol: match[2]! });
    if (match[2] === '') break;
  }
  return lines;
}

function joinLines(lines: Line[], eol: string): string {
  return lines.map((line, index) => line.text + (line.eol || (index < lines.length - 1 ? eol : ''))).join('');
}

function spliceLines(lines: Line[], start: number, count: number, texts: string[]): Line[] {
  const eol = lines.find((line) => line.eol)?.eol ?? '\n';
  const inserted = texts.map((text) => ({ text, eol }));
  const result = [...lines];
  // The line before an insertion at the end needs a line break of its own.
  if (start > 0 && start === result.length && result[start - 1]!.eol === '') result[start - 1] = { ...result[start - 1]!, eol };
  result.splice(start, count, ...inserted);
  return result;
}

/** Cuts a table and one blank line before it (the one an insertion adds), when there is one. */
function removeSpan(lines: Line[], span: Span): Line[] {
  const blankBefore = span.start > 0 && lines[span.start - 1]!.text.trim() === '';
  const start = blankBefore ? span.start - 1 : span.start;
  const result = [...lines];
  result.splice(start, span.end - start);
  if (span.end === lines.length && start > 0 && lines[span.end - 1]!.eol === '') {
    // The cut table was the end of a file without a final line break: so is its new last line.
    result[start - 1] = { ...result[start - 1]!, eol: '' };
  }
  return result;
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((part, index) => path[index] === part);
}

function spanOf(lines: Line[], headers: Header[], index: number): Span {
  const start = headers[index]!.line;
  const limit = headers[index + 1]?.line ?? lines.length;
  let end = limit;
  const content = contentLines(lines);
  while (end > start + 1 && !content[end - 1]) end--;
  return { start, end };
}

/**
 * Where a new table goes after table `index`: past its last line that is not blank, comments included, except
 * comments written right above the next header (they introduce that one).
 */
function insertionPoint(lines: Line[], headers: Header[], index: number): number {
  const next = headers[index + 1]?.line ?? lines.length;
  let end = next;
  if (next < lines.length) {
    while (end > headers[index]!.line + 1 && lines[end - 1]!.text.trim().startsWith('#')) end--;
  }
  while (end > headers[index]!.line + 1 && lines[end - 1]!.text.trim() === '') end--;
  return Math.max(end, spanOf(lines, headers, index).end);
}

/** Per line: true when it holds (part of) a key or value, false for blank and comment-only lines. */
function contentLines(lines: Line[]): boolean[] {
  const state: ScanState = { depth: 0, multiline: undefined };
  return lines.map((line) => {
    const inside = state.multiline !== undefined || state.depth > 0;
    const trimmed = line.text.trim();
    scanLine(line.text, state);
    return inside || (trimmed !== '' && !trimmed.startsWith('#'));
  });
}

interface ScanState {
  depth: number;
  multiline: '"""' | "'''" | undefined;
}

/** Table headers (`[a.b]`, `[[a.b]]`) with their key paths, outside multi-line strings and values. */
function scanHeaders(lines: Line[]): Header[] {
  const headers: Header[] = [];
  const state: ScanState = { depth: 0, multiline: undefined };
  lines.forEach((line, index) => {
    const trimmed = line.text.trimStart();
    if (state.multiline === undefined && state.depth === 0 && trimmed.startsWith('[')) {
      const path = parseHeader(trimmed);
      if (path) {
        headers.push({ line: index, path });
        return;
      }
    }
    scanLine(line.text, state);
  });
  return headers;
}

/** Tracks multi-line strings and bracket depth across a line of key/value text. */
function scanLine(text: string, state: ScanState): void {
  let i = 0;
  while (i < text.length) {
    if (state.multiline) {
      const close = text.indexOf(state.multiline, i);
      if (close === -1) return;
      i = close + 3;
      state.multiline = undefined;
      continue;
    }
    const char = text[i]!;
    if (char === '#') return;
    if (text.startsWith('"""', i) || text.startsWith("'''", i)) {
      state.multiline = text.slice(i, i + 3) as '"""' | "'''";
      i += 3;
      continue;
    }
    if (char === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (char === "'") {
      const close = text.indexOf("'", i + 1);
      i = close === -1 ? text.length : close + 1;
      continue;
    }
    if (char === '[' || char === '{') state.depth++;
    if (char === ']' || char === '}') state.depth = Math.max(0, state.depth - 1);
    i++;
  }
}

/** The dotted key of a header line, or undefined when the line is not one. */
export function parseHeader(line: string): string[] | undefined {
  const match = /^\[\[?(.*?)\]\]?\s*(#.*)?$/.exec(line.trim());
  if (!match) return undefined;
  return splitDottedKey(match[1]!);
}

function splitDottedKey(key: string): string[] | undefined {
  const parts: string[] = [];
  let i = 0;
  const skip = () => {
    while (key[i] === ' ' || key[i] === '\t') i++;
  };
  for (;;) {
    skip();
    if (key[i] === '"') {
      let j = i + 1;
      while (j < key.length && key[j] !== '"') j += key[j] === '\\' ? 2 : 1;
      try {
        parts.push(JSON.parse(key.slice(i, j + 1)) as string);
      } catch {
        return undefined;
      }
      i = j + 1;
    } else if (key[i] === "'") {
      const j = key.indexOf("'", i + 1);
      if (j === -1) return undefined;
      parts.push(key.slice(i + 1, j));
      i = j + 1;
    } else {
      const match = /^[A-Za-z0-9_-]+/.exec(key.slice(i));
      if (!match) return undefined;
      parts.push(match[0]);
      i += match[0].length;
    }
    skip();
    if (i >= key.length) return parts;
    if (key[i] !== '.') return undefined;
    i++;
  }
}

function renderKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (isRecord(value)) {
    const pairs = Object.entries(value).filter(([, item]) => item !== undefined && item !== null);
    return pairs.length === 0 ? '{}' : `{ ${pairs.map(([key, item]) => `${renderKey(key)} = ${renderValue(item)}`).join(', ')} }`;
  }
  throw new Error(`cannot write ${typeof value} as TOML`);
}

/** `[a.b]` and one `key = value` line per field (objects inline). */
function renderTable(path: readonly string[], entry: Record<string, unknown>): string[] {
  const lines = [`[${path.map(renderKey).join('.')}]`];
  for (const [key, value] of Object.entries(entry)) {
    if (value === undefined || value === null) continue;
    lines.push(`${renderKey(key)} = ${renderValue(value)}`);
  }
  return lines;
}
