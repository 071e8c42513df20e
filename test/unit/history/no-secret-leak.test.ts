import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { argumentsMaxBytes, previewMaxChars } from '../../../electron/history/call-record.js';
import { HistoryStore } from '../../../electron/history/history-store.js';
import { createRedactor } from '../../../electron/secrets/redaction.js';
import { memoryLogger, tempDir } from './support.js';

const secrets = [
  { key: 'github.personal_access_token', value: 'ghp_LeakCanary0123456789abcdefghijKLMNOP' },
  { key: 'db.password', value: 'pässwörd "with quotes" & more' },
  { key: 'svc.api_key', value: 'Zq9-secret-value-for-history-77' },
];

/** The ways a value could sit in the files or the outputs: as is, JSON-escaped, URL-encoded, UTF-16, CSV-quoted, its first half, its longest word (when distinctive) folded as FTS5 would index it. */
function forms(value: string): Buffer[] {
  const longestWord = (value.match(/[\p{L}\p{N}]+/gu) ?? []).sort((a, b) => b.length - a.length)[0] ?? value;
  const out = [
    value,
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    value.replaceAll('"', '""'),
    value.slice(0, Math.ceil(value.length / 2)),
    // Only a distinctive word: "password" alone is also in the label [redacted:db.password].
    ...(longestWord.length >= 12 ? [longestWord.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()] : []),
  ].map((text) => Buffer.from(text, 'utf8'));
  out.push(Buffer.from(value, 'utf16le'));
  return out;
}

function expectNoSecret(where: string, bytes: Buffer): void {
  for (const { key, value } of secrets) {
    for (const form of forms(value)) expect(bytes.includes(form), `${where} holds a form of ${key}: ${form.toString()}`).toBe(false);
  }
}

describe('a secret value never reaches the history', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('not in the database files, the live feed, queries or exports', async () => {
    const redactor = createRedactor(secrets);
    const file = path.join(dir, 'history.db');
    const store = HistoryStore.open({
      file,
      redact: (text) => redactor.redact(text),
      flushIntervalMs: 5,
      indexIdleMs: 0,
      pruneIntervalMs: 0,
      logger: memoryLogger(),
    });
    const live: string[] = [];
    store.on('record', (event) => live.push(JSON.stringify(event)));

    const [token, password, apiKey] = secrets.map((secret) => secret.value) as [string, string, string];
    const client = { name: 'leaky-client', sessionId: 'sess-leak' };
    const calls: Array<{
      args: unknown;
      result?: unknown;
      error?: unknown;
      status: 'ok' | 'tool_error' | 'protocol_error' | 'denied';
      method?: 'tools/call' | 'prompts/get' | 'resources/read';
    }> = [
      {
        args: { token, nested: { list: [password, { deeper: apiKey }] } },
        result: { content: [{ type: 'text', text: `your token is ${token}` }] },
        status: 'ok',
      },
      {
        args: { url: `https://api.example.com/?key=${encodeURIComponent(password)}`, header: `Authorization: Bearer ${apiKey}` },
        status: 'ok',
        result: { content: [] },
      },
      // Secrets straddling the caps: a cut before redaction would keep their first half.
      {
        args: { pad: 'p'.repeat(argumentsMaxBytes - 40), token },
        status: 'ok',
        result: { content: [{ type: 'text', text: 'q'.repeat(previewMaxChars - 12) + apiKey + ' and more' }] },
      },
      { args: { q: 'x' }, status: 'tool_error', result: { content: [{ type: 'text', text: `failed with ${password}` }], isError: true } },
      { args: { q: 'y' }, status: 'protocol_error', error: new Error(`upstream said: ${token} is revoked`) },
      { args: { steal: apiKey }, status: 'denied', error: `Blocked: the arguments contain the value of svc.api_key (${apiKey})` },
      {
        args: { code: password },
        status: 'ok',
        method: 'prompts/get',
        result: { messages: [{ role: 'user', content: { type: 'text', text: `use ${token}` } }] },
      },
      { args: undefined, status: 'ok', method: 'resources/read', result: { contents: [{ uri: 'file:///env', text: `API_KEY=${apiKey}\nDB=${password}` }] } },
      { args: { structured: true }, status: 'ok', result: { content: [], structuredContent: { secret: token } } },
    ];
    for (const [i, c] of calls.entries()) {
      const started = store.begin({ client, server: 'svc', method: c.method ?? 'tools/call', name: `tool-${i}`, arguments: c.args });
      store.end(started.id, {
        status: c.status,
        ...(c.result !== undefined ? { result: c.result } : {}),
        ...(c.error !== undefined ? { error: c.error } : {}),
      });
    }
    store.flush();
    expect(store.indexPending()).toBe(calls.length); // the full-text index holds the (redacted) words too

    expect(live).toHaveLength(2 * calls.length);
    expectNoSecret('the live feed', Buffer.from(live.join('\n')));
    expect(live.join('\n')).toContain('[redacted:github.personal_access_token]');

    const queried = await store.query({ limit: 100 });
    expect(queried.records).toHaveLength(calls.length);
    expectNoSecret('a query', Buffer.from(JSON.stringify(queried)));
    // Searching for a secret finds nothing; searching for its label finds the calls.
    expect((await store.query({ text: 'LeakCanary0123456789abcdefghijKLMNOP' })).records).toEqual([]);
    expect((await store.query({ text: 'redacted github' })).records.length).toBeGreaterThan(0);

    for (const format of ['jsonl', 'csv'] as const) {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (chunk: Buffer) => chunks.push(chunk));
      await store.export({ format }, out);
      out.end();
      const bytes = Buffer.concat(chunks);
      expect(bytes.length).toBeGreaterThan(1000);
      expectNoSecret(`the ${format} export`, bytes);
    }

    const filesNow = readdirSync(dir).map((name) => ({ name, bytes: readFileSync(path.join(dir, name)) }));
    expect(filesNow.map((f) => f.name)).toEqual(expect.arrayContaining(['history.db', 'history.db-wal']));
    for (const { name, bytes } of filesNow) expectNoSecret(`${name} (store open)`, bytes);

    store.close();
    for (const name of readdirSync(dir)) expectNoSecret(`${name} (store closed)`, readFileSync(path.join(dir, name)));
  });

  it('a secret saved after a call was recorded is hidden on the way out', async () => {
    const file = path.join(dir, 'history.db');
    const late = 'late-secret-value-314159';
    let known: string[] = [];
    const redact = (text: string) => createRedactor(known).redact(text);
    const store = HistoryStore.open({ file, redact, pruneIntervalMs: 0, logger: memoryLogger() });
    store.end(store.begin({ client: { sessionId: 's' }, server: 'svc', method: 'tools/call', name: 't', arguments: { pasted: late } }).id, { status: 'ok' });
    store.flush();
    known = [late];
    expect(JSON.stringify(await store.query())).not.toContain(late);
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await store.export({ format: 'jsonl' }, out);
    expect(text).not.toContain(late);
    expect(text).toContain('***');
    store.close();
  });
});
