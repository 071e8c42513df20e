import { isRecord } from './formats/common.js';
import type { ConnectTarget } from './types.js';

/** Shapes shared by many clients, so each client file only says what differs. */

export type HttpTarget = Extract<ConnectTarget, { transport: 'http' }>;
export type StdioTarget = Extract<ConnectTarget, { transport: 'stdio' }>;

/** `{ command, args, env }` (env left out when empty), the shape Claude Desktop made common. */
export function commandEntry(target: StdioTarget): Record<string, unknown> {
  return { command: target.command, args: target.args, ...(Object.keys(target.env).length > 0 ? { env: target.env } : {}) };
}

/** Reads `{ command, args, env }` (field names configurable). */
export function readCommand(entry: Record<string, unknown>, keys: { command?: string; args?: string; env?: string } = {}): StdioTarget | undefined {
  const command = entry[keys.command ?? 'command'];
  const args = entry[keys.args ?? 'args'] ?? [];
  if (typeof command !== 'string' || !isStringArray(args)) return undefined;
  return { transport: 'stdio', command, args, env: stringRecord(entry[keys.env ?? 'env']) };
}

/** Reads `{ <urlKey>: url, <headersKey>: {...} }`. */
export function readUrl(entry: Record<string, unknown>, urlKey: string, headersKey = 'headers'): HttpTarget | undefined {
  const url = entry[urlKey];
  if (typeof url !== 'string') return undefined;
  return { transport: 'http', url, headers: stringRecord(entry[headersKey]) };
}

/** The Cursor-style entry many clients share: `url` + `headers` for HTTP, command/args/env for stdio. */
export function urlOrCommandEntry(target: ConnectTarget, urlKey = 'url'): Record<string, unknown> {
  return target.transport === 'http' ? { [urlKey]: target.url, headers: target.headers } : commandEntry(target);
}

export function readUrlOrCommand(entry: unknown, urlKey = 'url'): ConnectTarget | undefined {
  if (!isRecord(entry)) return undefined;
  return typeof entry[urlKey] === 'string' ? readUrl(entry, urlKey) : readCommand(entry);
}

export function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
