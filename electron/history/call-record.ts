/**
 * One record per MCP call that reaches a server through the gateway (tools/call, prompts/get, resources/read),
 * and the pure helpers that shape what goes into it. No I/O here: the store (history-store.ts) owns SQLite.
 *
 * Everything text-like in a record (arguments, result preview, error) has been through the store's redact
 * function before the record is stored or emitted; the caps below are applied after redaction, so a cut can
 * never leave half of a secret behind.
 */

import type { z } from 'zod';
import {
  callMethods,
  callStatuses,
  type CallClientSchema,
  type CallRecordSchema,
  type ResultSummarySchema,
  type StatusFilterSchema,
} from '../../shared/history-types.js';

// The record's shape, its statuses and methods are declared once, in shared/history-types.ts (the API's schemas).
export { callMethods, callStatuses };
export type CallMethod = (typeof callMethods)[number];
export type CallStatus = (typeof callStatuses)[number];
export type FinalCallStatus = Exclude<CallStatus, 'running'>;

/** What the `error` status filter (and the stats' error rate) counts. Denied and cancelled calls are not errors of the server. */
export const errorStatuses: readonly CallStatus[] = ['tool_error', 'protocol_error', 'timeout'];

/** A status filter: one status, or `error` for any of errorStatuses. */
export type StatusFilter = z.infer<typeof StatusFilterSchema>;

export type CallClient = z.infer<typeof CallClientSchema>;

/** A result's summary; its preview is at most previewMaxChars characters. */
export type ResultSummary = z.infer<typeof ResultSummarySchema>;

/** One call; its arguments are capped at argumentsMaxBytes with truncationMarker(), its error at errorMaxChars. */
export type CallRecord = z.infer<typeof CallRecordSchema>;

export const argumentsMaxBytes = 16 * 1024;
export const previewMaxChars = 512;
export const errorMaxChars = 4096;

/**
 * How much of a text is redacted before it is capped. Redacting whole multi-megabyte payloads on the call path
 * would cost more than it protects: only the first window is redacted and then cut far below it, so a secret
 * cut by the window edge can only surface if redaction shrank the window by more than (window - cap).
 */
export const argumentsRedactWindowChars = 256 * 1024;
export const previewRedactWindowChars = 64 * 1024;

/** Appended to a capped text: `…[truncated, 123456 bytes in all]`. */
export function truncationMarker(totalBytes: number): string {
  return `…[truncated, ${totalBytes} bytes in all]`;
}

const encoder = new TextEncoder();

/**
 * `text` if it fits in maxBytes of UTF-8; else its longest prefix (never splitting a character) followed by
 * truncationMarker(), the two together within maxBytes.
 */
export function capText(text: string, maxBytes: number, totalBytes?: number): string {
  if (totalBytes === undefined && text.length <= maxBytes / 3) return text; // fits whatever the characters
  const total = totalBytes ?? Buffer.byteLength(text, 'utf8');
  if (totalBytes === undefined && total <= maxBytes) return text;
  const marker = truncationMarker(total);
  const room = Math.max(0, maxBytes - Buffer.byteLength(marker, 'utf8'));
  const { read } = encoder.encodeInto(text, new Uint8Array(room));
  return text.slice(0, read) + marker;
}

/**
 * JSON text of `value`, capped at maxBytes (see capText). `undefined` gives `null`; a value JSON cannot carry
 * (a cycle, a BigInt) gives a JSON string saying so rather than throwing on the call path.
 */
export function capJson(value: unknown, maxBytes: number): string {
  return capText(toJsonText(value), maxBytes);
}

export function toJsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    return JSON.stringify(`[unserializable: ${error instanceof Error ? error.message : String(error)}]`);
  }
}

/** At most maxChars characters, the last one an ellipsis when cut; never splits a surrogate pair. */
export function capChars(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = Math.max(0, maxChars - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + '…';
}

/**
 * The redact-then-cap pipeline for arguments: serialize, redact the first window, cap. When the window cut the
 * text, the total in the marker is the serialized size.
 */
export function redactedArguments(value: unknown, redact: (text: string) => string, maxBytes = argumentsMaxBytes): string {
  const json = value === undefined ? '{}' : toJsonText(value);
  if (json.length <= argumentsRedactWindowChars) return capText(redact(json), maxBytes);
  const redacted = redact(json.slice(0, argumentsRedactWindowChars));
  return capText(redacted, maxBytes, Buffer.byteLength(json, 'utf8'));
}

export function redactedError(error: unknown, redact: (text: string) => string): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : toJsonText(error);
  return capChars(redact(text.slice(0, previewRedactWindowChars)), errorMaxChars);
}

/** ok, or tool_error when an MCP tool result says isError. */
export function statusOfResult(result: unknown): 'ok' | 'tool_error' {
  return isObject(result) && result.isError === true ? 'tool_error' : 'ok';
}

/**
 * Summary of an MCP result: CallToolResult (content[], structuredContent, isError), GetPromptResult
 * (messages[].content) or ReadResourceResult (contents[] with text or blob). The preview is the result's text
 * (text items, embedded resource text, resource links' URIs; else the structured content as JSON), redacted
 * with `redact` before it is cut to previewMaxChars.
 */
export function summarizeResult(result: unknown, redact: (text: string) => string = (text) => text): ResultSummary {
  const types: string[] = [];
  const texts: string[] = [];
  let chars = 0;
  const addType = (type: string) => {
    if (!types.includes(type)) types.push(type);
  };
  const addText = (text: unknown) => {
    if (typeof text !== 'string' || text.length === 0 || chars >= previewRedactWindowChars) return;
    // Only the window's part of a text: joining whole multi-megabyte texts would copy them for nothing.
    texts.push(text.length > previewRedactWindowChars - chars ? text.slice(0, previewRedactWindowChars - chars) : text);
    chars += text.length + 1;
  };
  const addContent = (item: unknown) => {
    if (!isObject(item)) return;
    const type = typeof item.type === 'string' ? item.type : 'unknown';
    addType(type);
    if (type === 'text') addText(item.text);
    else if (type === 'resource_link') addText(item.uri);
    else if (type === 'resource' && isObject(item.resource)) addText(item.resource.text ?? item.resource.uri);
  };

  const r = isObject(result) ? result : {};
  if (Array.isArray(r.content)) for (const item of r.content) addContent(item);
  if (Array.isArray(r.messages)) {
    for (const message of r.messages) {
      if (!isObject(message)) continue;
      if (Array.isArray(message.content)) for (const item of message.content) addContent(item);
      else addContent(message.content);
    }
  }
  if (Array.isArray(r.contents)) {
    for (const item of r.contents) {
      if (!isObject(item)) continue;
      if (typeof item.text === 'string') {
        addType('text');
        addText(item.text);
      } else if (typeof item.blob === 'string') {
        addType('blob');
      } else {
        addType('unknown');
      }
    }
  }
  if (r.structuredContent !== undefined) {
    addType('structured');
    if (texts.length === 0) addText(toJsonText(r.structuredContent));
  }
  const raw = texts.join('\n').slice(0, previewRedactWindowChars);
  return {
    isError: r.isError === true,
    contentTypes: types,
    sizeBytes: result === undefined ? 0 : jsonByteLength(result),
    preview: capChars(raw.length > 0 ? redact(raw) : '', previewMaxChars),
  };
}

/** Strings longer than this are counted by their UTF-8 size (plus quotes), without serializing them. */
const countedStringChars = 64 * 1024;

/**
 * The size of `value` as JSON text, in UTF-8 bytes, found without building the text: serializing a 50 MB result
 * only to measure it would hold the event loop for longer than relaying it. Exact, except that the escapes
 * inside strings longer than 64 K characters are not counted. A value JSON cannot carry is measured as
 * toJsonText() writes it.
 */
export function jsonByteLength(value: unknown): number {
  try {
    return measureJson(value);
  } catch {
    return Buffer.byteLength(toJsonText(value), 'utf8');
  }
}

function measureJson(value: unknown): number {
  if (typeof value === 'string')
    return value.length > countedStringChars ? Buffer.byteLength(value, 'utf8') + 2 : Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (Array.isArray(value)) {
    let bytes = 2 + Math.max(0, value.length - 1);
    for (const item of value) bytes += item === undefined || typeof item === 'function' || typeof item === 'symbol' ? 4 : measureJson(item);
    return bytes;
  }
  if (typeof value === 'object' && value !== null) {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return Buffer.byteLength(toJsonText(value), 'utf8');
    let bytes = 2;
    let members = 0;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      bytes += Buffer.byteLength(JSON.stringify(key), 'utf8') + 1 + measureJson(item);
      members += 1;
    }
    return bytes + Math.max(0, members - 1);
  }
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('not JSON');
  return Buffer.byteLength(text, 'utf8');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
