import { describe, expect, it } from 'vitest';
import {
  jsonByteLength,
  argumentsMaxBytes,
  capChars,
  capJson,
  capText,
  previewMaxChars,
  redactedArguments,
  statusOfResult,
  summarizeResult,
  truncationMarker,
} from '../../../electron/history/call-record.js';
import { parseTimeSpec } from '../../../electron/history/time-spec.js';
import { historyMatch, searchWords } from '../../../electron/history/text-search.js';

describe('summarizeResult', () => {
  it('summarizes a tool result: content types in order, size of the JSON, text preview', () => {
    const result = {
      content: [
        { type: 'text', text: 'first line' },
        { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
        { type: 'text', text: 'second line' },
        { type: 'resource_link', uri: 'file:///tmp/report.txt', name: 'report' },
        { type: 'resource', resource: { uri: 'file:///a.md', text: 'embedded text' } },
      ],
      structuredContent: { count: 2 },
      isError: false,
    };
    const summary = summarizeResult(result);
    expect(summary).toEqual({
      isError: false,
      contentTypes: ['text', 'image', 'resource_link', 'resource', 'structured'],
      sizeBytes: Buffer.byteLength(JSON.stringify(result)),
      preview: 'first line\nsecond line\nfile:///tmp/report.txt\nembedded text',
    });
  });

  it('marks tool errors and falls back to structured content for the preview', () => {
    expect(summarizeResult({ content: [], structuredContent: { ok: false }, isError: true })).toMatchObject({
      isError: true,
      contentTypes: ['structured'],
      preview: '{"ok":false}',
    });
    expect(statusOfResult({ content: [], isError: true })).toBe('tool_error');
    expect(statusOfResult({ content: [] })).toBe('ok');
  });

  it('summarizes prompt and resource results', () => {
    const prompt = {
      description: 'd',
      messages: [
        { role: 'user', content: { type: 'text', text: 'Review this code' } },
        { role: 'assistant', content: { type: 'image', data: 'x', mimeType: 'image/png' } },
      ],
    };
    expect(summarizeResult(prompt)).toMatchObject({ contentTypes: ['text', 'image'], preview: 'Review this code' });
    const resource = {
      contents: [
        { uri: 'file:///a.txt', text: 'hello file' },
        { uri: 'file:///b.bin', blob: 'AAEC' },
      ],
    };
    expect(summarizeResult(resource)).toMatchObject({ contentTypes: ['text', 'blob'], preview: 'hello file' });
  });

  it('survives results that are not objects', () => {
    expect(summarizeResult(undefined)).toEqual({ isError: false, contentTypes: [], sizeBytes: 0, preview: '' });
    expect(summarizeResult('text')).toMatchObject({ contentTypes: [], preview: '' });
    expect(summarizeResult({ content: [null, 3, { text: 'no type' }] })).toMatchObject({ contentTypes: ['unknown'] });
  });

  it('caps the preview at 512 characters, after redaction, so a secret at the edge is not cut in half', () => {
    const secret = 'SECRET-VALUE-0123456789';
    const text = 'x'.repeat(previewMaxChars - 10) + secret + 'tail';
    const summary = summarizeResult({ content: [{ type: 'text', text }] }, (t) => t.replaceAll(secret, '[redacted]'));
    expect(summary.preview.length).toBeLessThanOrEqual(previewMaxChars);
    expect(summary.preview.endsWith('…')).toBe(true);
    expect(summary.preview).not.toContain('SECRET');
    expect(summary.preview).toContain('[red');
  });
});

describe('caps', () => {
  it('capText keeps short text and cuts long text at a character boundary with a marker, within the limit', () => {
    expect(capText('short', 100)).toBe('short');
    const long = 'é'.repeat(100); // 200 bytes
    const capped = capText(long, 64);
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(64);
    expect(capped.endsWith(truncationMarker(200))).toBe(true);
    expect(capped).not.toContain('\ufffd');
    expect(capped.startsWith('éé')).toBe(true);
  });

  it('capJson serializes, caps, and never throws on values JSON cannot carry', () => {
    expect(capJson({ a: 1 }, 100)).toBe('{"a":1}');
    expect(capJson(undefined, 100)).toBe('null');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(capJson(cyclic, 100)).toMatch(/^"\[unserializable: /);
    expect(capJson({ big: 1n }, 100)).toMatch(/unserializable/);
    const capped = capJson({ data: 'z'.repeat(50_000) }, argumentsMaxBytes);
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(argumentsMaxBytes);
    expect(capped).toContain('…[truncated, 50011 bytes in all]');
  });

  it('capChars does not split a surrogate pair', () => {
    const text = 'a' + '😀'.repeat(10);
    const capped = capChars(text, 4);
    expect(capped.length).toBeLessThanOrEqual(4);
    expect(capped).toBe('a😀…');
    expect(capChars('abc', 4)).toBe('abc');
  });

  it('redactedArguments redacts the whole text before capping it', () => {
    const secret = 'ghp_' + 'A'.repeat(36);
    // The secret straddles the 16 KiB cap: capping first would keep its first half.
    const args = { pad: 'p'.repeat(argumentsMaxBytes - 30), token: secret };
    const out = redactedArguments(args, (t) => t.replaceAll(secret, '***'));
    expect(out).not.toContain('ghp_');
    expect(out).not.toContain('AAAA');
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(argumentsMaxBytes);
    expect(redactedArguments(undefined, (t) => t)).toBe('{}');
    // Beyond the redaction window, the marker still gives the full size.
    const huge = redactedArguments({ blob: 'b'.repeat(600_000) }, (t) => t);
    expect(huge).toContain(truncationMarker(600_011));
  });
});

describe('time specs', () => {
  const now = Date.parse('2026-05-10T12:00:00Z');
  it('reads spans back from now, ISO dates and epoch milliseconds', () => {
    expect(parseTimeSpec('30m', now)).toBe(now - 30 * 60_000);
    expect(parseTimeSpec('1h', now)).toBe(now - 3_600_000);
    expect(parseTimeSpec('2d', now)).toBe(now - 2 * 86_400_000);
    expect(parseTimeSpec('1w', now)).toBe(now - 7 * 86_400_000);
    expect(parseTimeSpec('1h30m', now)).toBe(now - 90 * 60_000);
    expect(parseTimeSpec('90s', now)).toBe(now - 90_000);
    expect(parseTimeSpec('2026-05-01', now)).toBe(Date.parse('2026-05-01'));
    expect(parseTimeSpec('2026-05-01T10:00:00Z', now)).toBe(Date.parse('2026-05-01T10:00:00Z'));
    expect(parseTimeSpec(1_700_000_000_000, now)).toBe(1_700_000_000_000);
    expect(parseTimeSpec('1700000000000', now)).toBe(1_700_000_000_000);
  });

  it('refuses what is not a time, saying what would be', () => {
    for (const bad of ['yesterday', '1y', '', '2026-13-45']) expect(() => parseTimeSpec(bad, now)).toThrow(/is not a time/);
  });
});

describe('free-text matching', () => {
  it('matches words as prefixes of words, ignoring case and accents, all words required', () => {
    const words = searchWords('Créate ISSU');
    expect(words).toEqual(['create', 'issu']);
    expect(historyMatch(words.join(' '), '{"tool":"create_issue"}', null)).toBe(1);
    expect(historyMatch(words.join(' '), '{"tool":"create"}', 'no issues here')).toBe(1);
    expect(historyMatch(words.join(' '), '{"tool":"create"}', null)).toBe(0);
    expect(historyMatch('ssue', 'create_issue')).toBe(0); // a word's middle is not a match
    expect(searchWords('{} ,;')).toEqual([]);
  });
});

describe('jsonByteLength', () => {
  it('is the UTF-8 size of the JSON text, without building it', () => {
    const values: unknown[] = [
      { content: [{ type: 'text', text: 'héllo "quoted" \\ line\nbreak 😀' }], isError: false },
      { structuredContent: { n: 1.5, big: 1e21, t: true, nothing: null, skipped: undefined, list: [1, undefined, 'a'] } },
      [],
      {},
      'plain',
      { when: new Date(0) },
    ];
    for (const value of values) expect(jsonByteLength(value)).toBe(Buffer.byteLength(JSON.stringify(value), 'utf8'));
  });

  it('counts a string over 64 K characters by its UTF-8 size, and measures what JSON cannot carry as toJsonText writes it', () => {
    const text = 'é'.repeat(100_000);
    expect(jsonByteLength({ text })).toBe(Buffer.byteLength(JSON.stringify({ text }), 'utf8'));
    expect(jsonByteLength({ n: 10n })).toBe(Buffer.byteLength(JSON.stringify('[unserializable: Do not know how to serialize a BigInt]'), 'utf8'));
  });
});
