import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../electron/history/call-record.js';
import { csvColumns, csvField } from '../../../electron/history/csv.js';
import { HistoryStore, type RecordEvent } from '../../../electron/history/history-store.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { finished, memoryLogger, openStore, rowsOnDisk, tempDir } from './support.js';

const day = 86_400_000;

describe('HistoryStore', () => {
  let dir: string;
  let cleanup: () => void;
  let file: string;
  const stores: Array<{ close(): void }> = [];
  const open = (options: Parameters<typeof openStore>[1] = {}) => {
    const store = openStore(file, options);
    stores.push(store);
    return store;
  };
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    file = path.join(dir, 'history.db');
  });
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    cleanup();
  });

  const call = {
    client: { name: 'claude-desktop', version: '0.9.1', sessionId: 'sess-1' },
    server: 'github',
    method: 'tools/call' as const,
    name: 'create_issue',
    arguments: { repo: 'acme/app', title: 'Crash on start' },
  };

  it('round trip: what begin/end emit is what a query returns', async () => {
    const store = open();
    const events: RecordEvent[] = [];
    store.on('record', (event) => events.push(event));
    const started = store.begin(call);
    expect(started).toMatchObject({ status: 'running', server: 'github', name: 'create_issue', arguments: '{"repo":"acme/app","title":"Crash on start"}' });
    expect(started.traceId).toMatch(/^[0-9a-f]{32}$/);
    const ended = store.end(started.id, { status: 'ok', result: { content: [{ type: 'text', text: 'Created issue #12' }] } });
    expect(ended).toMatchObject({ status: 'ok', result: { isError: false, contentTypes: ['text'], preview: 'Created issue #12' } });
    expect(ended?.durationMs).toBeGreaterThanOrEqual(0);
    expect(events.map((event) => event.kind)).toEqual(['start', 'end']);

    const page = await store.query();
    expect(page.records).toEqual([ended]);
    expect(page.nextCursor).toBeUndefined();

    // And after a reopen, from the file.
    store.close();
    const again = open();
    expect((await again.query()).records).toEqual([ended]);
  });

  it('records every status, errors and the other methods; unknown ends are ignored', async () => {
    const store = open();
    const denied = store.begin({ ...call, name: 'delete_repo' });
    store.end(denied.id, { status: 'denied', error: 'Denied by rule "no deletes"' });
    const failed = store.begin({ ...call, method: 'resources/read', name: 'file:///etc/hosts', arguments: undefined });
    store.end(failed.id, { status: 'protocol_error', error: new Error('connection closed') });
    const prompt = store.begin({ ...call, method: 'prompts/get', name: 'review', arguments: { code: 'x' } });
    store.end(prompt.id, { status: 'timeout', endedAt: prompt.startedAt + 30_000 });
    expect(store.end('no-such-id', { status: 'ok' })).toBeUndefined();
    const records = (await store.query()).records;
    expect(records.map((r) => [r.method, r.status, r.error])).toEqual(
      expect.arrayContaining([
        ['tools/call', 'denied', 'Denied by rule "no deletes"'],
        ['resources/read', 'protocol_error', 'connection closed'],
        ['prompts/get', 'timeout', undefined],
      ]),
    );
    expect(records.find((r) => r.status === 'timeout')?.durationMs).toBe(30_000);
    expect(records.find((r) => r.method === 'resources/read')?.arguments).toBe('{}');
  });

  it('batching: nothing is written before a flush; the timer, the size threshold and flush() write', async () => {
    const store = open({ flushIntervalMs: 60_000, flushBatchSize: 5 });
    const a = store.begin(call);
    store.end(a.id, { status: 'ok' });
    expect(store.pendingCount).toBe(1); // start and end coalesced
    expect(rowsOnDisk(file)).toEqual([]);
    store.flush();
    expect(rowsOnDisk(file)).toEqual([{ id: a.id, status: 'ok' }]);

    // Size threshold: a batch of 5 is written at the next turn of the event loop, not on the caller's path.
    for (let i = 0; i < 5; i++) store.begin({ ...call, id: `burst-${i}` });
    expect(rowsOnDisk(file)).toHaveLength(1);
    await nextTurn();
    await nextTurn();
    expect(rowsOnDisk(file)).toHaveLength(6);

    // Timer.
    const timed = open({ file: path.join(dir, 'timed.db'), flushIntervalMs: 20 });
    timed.begin(call);
    expect(rowsOnDisk(path.join(dir, 'timed.db'))).toHaveLength(0);
    await sleep(400);
    expect(rowsOnDisk(path.join(dir, 'timed.db'))).toHaveLength(1);
  });

  it('a start written in one batch and its end in the next make one row', () => {
    const store = open();
    const started = store.begin(call);
    store.flush();
    expect(rowsOnDisk(file)).toEqual([{ id: started.id, status: 'running' }]);
    store.end(started.id, { status: 'cancelled' });
    store.flush();
    expect(rowsOnDisk(file)).toEqual([{ id: started.id, status: 'cancelled' }]);
  });

  it('live events carry redacted values and come synchronously, before begin/end return', () => {
    const secret = 'tok_live_0123456789abcdef';
    const store = open({ redact: (text) => text.replaceAll(secret, '[redacted:svc.token]') });
    const seen: string[] = [];
    store.on('record', ({ record }) => seen.push(JSON.stringify(record)));
    const started = store.begin({ ...call, arguments: { auth: secret, nested: { again: `Bearer ${secret}` } } });
    expect(seen).toHaveLength(1);
    store.end(started.id, {
      status: 'tool_error',
      error: `bad token ${secret}`,
      result: { content: [{ type: 'text', text: `echo ${secret}` }], isError: true },
    });
    expect(seen).toHaveLength(2);
    for (const text of seen) {
      expect(text).not.toContain(secret);
      expect(text).toContain('[redacted:svc.token]');
    }
    const ended = JSON.parse(seen[1] as string) as CallRecord;
    expect(ended.error).toBe('bad token [redacted:svc.token]');
    expect(ended.result?.preview).toBe('echo [redacted:svc.token]');
  });

  it('a listener that throws does not break the call path or the other listeners', () => {
    const logger = memoryLogger();
    const store = open({ logger });
    let other = 0;
    store.on('record', () => {
      throw new Error('listener bug');
    });
    const off = store.on('record', () => other++);
    const started = store.begin(call);
    store.end(started.id, { status: 'ok' });
    expect(other).toBe(2);
    off();
    store.begin(call);
    expect(other).toBe(2);
    expect(logger.lines.some((line) => line.includes('listener bug'))).toBe(true);
  });

  it('prunes by age at open and when asked', async () => {
    let now = Date.parse('2026-05-10T12:00:00Z');
    const first = open({ now: () => now, maxAgeDays: 30 });
    first.insertMany([
      finished({ id: 'old', startedAt: now - 40 * day }),
      finished({ id: 'recent', startedAt: now - 20 * day }),
      finished({ id: 'new', startedAt: now - 1000 }),
    ]);
    first.close();
    const store = open({ now: () => now, maxAgeDays: 30 });
    expect((await store.query()).records.map((r) => r.id)).toEqual(['new', 'recent']);
    now += 15 * day;
    expect(store.prune()).toEqual({ byAge: 1, byCount: 0 });
    expect((await store.query()).records.map((r) => r.id)).toEqual(['new']);
  });

  it('prunes by count, oldest first, at open, when asked and after writes overshoot', async () => {
    const base = Date.now() - 10_000;
    const store = open({ maxRows: 100 });
    store.insertMany(Array.from({ length: 150 }, (_, i) => finished({ id: `c-${i}`, startedAt: base + i })));
    expect(store.prune()).toEqual({ byAge: 0, byCount: 50 });
    expect(await store.countRows()).toBe(100);
    expect((await store.query({ limit: 1000 })).records.at(-1)?.id).toBe('c-50');

    // Through the call path: past the slack, pruning runs in chunks on later turns of the event loop.
    for (let i = 0; i < 250; i++) store.end(store.begin(call).id, { status: 'ok' });
    store.flush();
    for (let i = 0; i < 10 && (await store.countRows()) > 100; i++) await nextTurn();
    expect(await store.countRows()).toBe(100);
    store.close();

    // At open, with a lower limit.
    const smaller = open({ maxRows: 10 });
    expect(await smaller.countRows()).toBe(10);
  });

  it('pages newest first with an opaque cursor, ties on startedAt included, with filters', async () => {
    const store = open();
    const t = Date.parse('2026-05-10T12:00:00Z');
    // 125 records over 25 distinct start times: five share each millisecond.
    store.insertMany(
      Array.from({ length: 125 }, (_, i) =>
        finished({ id: `p-${String(i).padStart(3, '0')}`, startedAt: t + Math.floor(i / 5), server: i % 2 === 0 ? 'even' : 'odd' }),
      ),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.query({ limit: 50, ...(cursor ? { cursor } : {}) });
      seen.push(...page.records.map((r) => r.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(125);
    expect(new Set(seen).size).toBe(125);
    expect(seen).toEqual([...seen].sort().reverse()); // inserted in id order: newest first is reverse id order

    const even = await store.query({ server: 'even', limit: 40 });
    expect(even.records.every((r) => r.server === 'even')).toBe(true);
    const rest = await store.query({ server: 'even', limit: 40, cursor: even.nextCursor });
    expect(even.records.length + rest.records.length).toBe(63);
    expect(rest.nextCursor).toBeUndefined();

    await expect(store.query({ cursor: 'not-a-cursor' })).rejects.toThrow(SwitchyardError);
  });

  it('filters by time range, tool, client, status (error meaning tool_error|protocol_error|timeout)', async () => {
    const store = open();
    const t = Date.parse('2026-05-10T12:00:00Z');
    store.insertMany([
      finished({ id: 'a', startedAt: t - 3 * 3_600_000, status: 'ok', name: 'search' }),
      finished({ id: 'b', startedAt: t - 2 * 3_600_000, status: 'tool_error', name: 'search' }),
      finished({ id: 'c', startedAt: t - 1 * 3_600_000, status: 'timeout', name: 'fetch', client: { name: 'cursor', sessionId: 's-9' } }),
      finished({ id: 'd', startedAt: t - 1000, status: 'denied', name: 'fetch' }),
      finished({ id: 'e', startedAt: t - 500, status: 'protocol_error', name: 'fetch' }),
    ]);
    const ids = async (filter: Parameters<HistoryStore['query']>[0]) => (await store.query(filter)).records.map((r) => r.id);
    expect(await ids({ status: 'error' })).toEqual(['e', 'c', 'b']);
    expect(await ids({ status: ['denied', 'ok'] })).toEqual(['d', 'a']);
    expect(await ids({ tool: 'search' })).toEqual(['b', 'a']);
    expect(await ids({ client: 'cursor' })).toEqual(['c']);
    expect(await ids({ client: 's-9' })).toEqual(['c']);
    expect(await ids({ since: t - 2 * 3_600_000, until: t - 1000 })).toEqual(['c', 'b']);
    expect(await ids({ since: new Date(t - 1000).toISOString() })).toEqual(['e', 'd']);
    await expect(store.query({ status: 'broken' as never })).rejects.toThrow(/Unknown status "broken"/);
  });

  it('free text finds words in arguments, previews and errors, before and after background indexing', async () => {
    const store = open();
    const t = Date.now() - 60_000;
    store.insertMany([
      finished({ id: 'x1', startedAt: t + 1, arguments: '{"path":"/src/Gateway/router.ts"}' }),
      finished({ id: 'x2', startedAt: t + 2, result: { isError: false, contentTypes: ['text'], sizeBytes: 9, preview: 'Rüter config loaded' } }),
      finished({ id: 'x3', startedAt: t + 3, status: 'protocol_error', error: 'ECONNREFUSED router:443', result: undefined }),
      finished({ id: 'x4', startedAt: t + 4, arguments: '{"q":"unrelated"}' }),
    ]);
    const search = async (text: string) => (await store.query({ text })).records.map((r) => r.id);
    const before = {
      router: await search('router'),
      rout: await search('ROUT'),
      two: await search('gateway router'),
      ruter: await search('ruter'),
      econ: await search('econnrefused'),
      none: await search('nothing'),
      punct: await search('"/src'),
    };
    expect(before).toEqual({ router: ['x3', 'x1'], rout: ['x3', 'x1'], two: ['x1'], ruter: ['x2'], econ: ['x3'], none: [], punct: ['x1'] });
    expect(store.indexPending(100)).toBe(4);
    const after = {
      router: await search('router'),
      rout: await search('ROUT'),
      two: await search('gateway router'),
      ruter: await search('ruter'),
      econ: await search('econnrefused'),
      none: await search('nothing'),
      punct: await search('"/src'),
    };
    expect(after).toEqual(before);
  });

  it('free text with many matches walks newest first and pages like any query', async () => {
    const store = open();
    const t = Date.now() - 600_000;
    store.insertMany(
      Array.from({ length: 2500 }, (_, i) =>
        finished({ id: `m-${String(i).padStart(4, '0')}`, startedAt: t + i, arguments: `{"note":"common word ${i % 2 ? 'odd' : 'even'}"}` }),
      ),
    );
    store.indexPending(10_000);
    const first = await store.query({ text: 'common odd', limit: 3 });
    expect(first.records.map((r) => r.id)).toEqual(['m-2499', 'm-2497', 'm-2495']);
    const second = await store.query({ text: 'common odd', limit: 3, cursor: first.nextCursor });
    expect(second.records.map((r) => r.id)).toEqual(['m-2493', 'm-2491', 'm-2489']);
  });

  it('an indexed row whose text changes is searched by its new text only', async () => {
    const store = open();
    const started = store.begin({ ...call, arguments: { q: 'alpha' } });
    store.flush();
    store.end(started.id, { status: 'ok', result: { content: [{ type: 'text', text: 'beta result' }] } });
    store.flush();
    expect(store.indexPending()).toBe(1);
    expect((await store.query({ text: 'beta' })).records).toHaveLength(1);
    // Re-import the same id with another preview: the index entry is replaced.
    store.insertMany([
      { ...((await store.query()).records[0] as CallRecord), result: { isError: false, contentTypes: ['text'], sizeBytes: 1, preview: 'gamma' } },
    ]);
    expect((await store.query({ text: 'beta' })).records).toHaveLength(0);
    expect((await store.query({ text: 'gamma' })).records).toHaveLength(1);
    store.indexPending();
    expect((await store.query({ text: 'gamma' })).records).toHaveLength(1);
    expect((await store.query({ text: 'beta' })).records).toHaveLength(0);
  });

  it('stats: count, error rate over ended calls, interpolated p50/p95 per server and per tool', async () => {
    const store = open();
    const t = Date.now() - 100_000;
    const records: CallRecord[] = [];
    for (let i = 1; i <= 100; i++) {
      const status = i <= 10 ? 'tool_error' : i <= 15 ? 'timeout' : i <= 20 ? 'denied' : 'ok';
      records.push(finished({ startedAt: t + i, server: 'alpha', name: i % 2 ? 'odd' : 'even', durationMs: i, status }));
    }
    records.push(finished({ startedAt: t, server: 'beta', durationMs: 7 }));
    store.insertMany(records);
    store.begin({ ...call, server: 'alpha', name: 'odd' }); // running: counted, not in the rate or the percentiles

    const byServer = await store.stats({ groupBy: 'server' });
    expect(byServer).toEqual([
      { server: 'alpha', count: 101, errors: 15, errorRate: 0.15, p50Ms: 50.5, p95Ms: 95.05 },
      { server: 'beta', count: 1, errors: 0, errorRate: 0, p50Ms: 7, p95Ms: 7 },
    ]);
    const byTool = await store.stats({ groupBy: 'tool', server: 'alpha' });
    expect(byTool.map((row) => [row.tool, row.count, row.errors])).toEqual([
      ['odd', 51, 8],
      ['even', 50, 7],
    ]);
    expect(byTool[1]?.p50Ms).toBe(51); // 2, 4, ..., 100
    expect(await store.stats({ groupBy: 'server', since: Date.now() + 1000 })).toEqual([]);
  });

  it('timeline: calls and errors per minute bucket (SQLite GROUP BY), oldest first, filtered, empty buckets left out', async () => {
    const store = open();
    const minute = 60_000;
    const base = Math.floor(Date.now() / (5 * minute)) * 5 * minute - 10 * minute;
    store.insertMany([
      finished({ startedAt: base + 1, server: 'alpha' }),
      finished({ startedAt: base + 59_999, server: 'alpha', status: 'tool_error' }),
      finished({ startedAt: base + minute, server: 'beta', status: 'timeout' }),
      finished({ startedAt: base + 3 * minute + 5, server: 'alpha', status: 'denied' }),
      finished({ startedAt: base + 3 * minute + 6, server: 'alpha', status: 'protocol_error' }),
    ]);
    expect(await store.timeline({})).toEqual([
      { start: base, count: 2, errors: 1 },
      { start: base + minute, count: 1, errors: 1 },
      { start: base + 3 * minute, count: 2, errors: 1 },
    ]);
    expect(await store.timeline({ server: 'alpha', bucketMs: 5 * minute })).toEqual([{ start: base, count: 4, errors: 2 }]);
    expect(await store.timeline({ status: 'error' })).toEqual([
      { start: base, count: 1, errors: 1 },
      { start: base + minute, count: 1, errors: 1 },
      { start: base + 3 * minute, count: 1, errors: 1 },
    ]);
    expect(await store.timeline({ since: base + minute })).toHaveLength(2);
  });

  it('timeline: keeps the newest 1440 buckets, and refuses a bucket under a second', async () => {
    const store = open();
    const second = 1000;
    const base = Math.floor(Date.now() / second) * second - 2000 * second;
    store.insertMany(Array.from({ length: 1500 }, (_, i) => finished({ startedAt: base + i * second })));
    const rows = await store.timeline({ bucketMs: second });
    expect(rows).toHaveLength(1440);
    expect(rows[0]?.start).toBe(base + 60 * second);
    expect(rows.at(-1)?.start).toBe(base + 1499 * second);
    await expect(store.timeline({ bucketMs: 10 })).rejects.toThrow(/at least 1000/);
  });

  it('exports JSON Lines and CSV (RFC 4180 quoting, formula guard), oldest first, streaming', async () => {
    const store = open();
    const t = Date.parse('2026-05-10T12:00:00Z');
    const tricky = finished({
      id: 'tricky',
      startedAt: t + 1,
      name: 'say, "hello"',
      arguments: '{"text":"line one\nline two","n":1}',
      result: { isError: false, contentTypes: ['text', 'image'], sizeBytes: 3, preview: '=HYPERLINK("http://evil")' },
    });
    store.insertMany([finished({ id: 'plain', startedAt: t }), tricky]);

    const jsonl = await collect(async (out) => await store.export({ format: 'jsonl' }, out));
    const lines = jsonl.trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as CallRecord).id)).toEqual(['plain', 'tricky']);
    expect(JSON.parse(lines[1] as string)).toEqual((await store.query({ tool: 'say, "hello"' })).records[0]);

    const csv = await collect(async (out) => await store.export({ format: 'csv' }, out));
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([...csvColumns]);
    expect(rows).toHaveLength(3);
    const row = Object.fromEntries(csvColumns.map((column, i) => [column, rows[2]?.[i]]));
    expect(row).toMatchObject({
      id: 'tricky',
      startedAt: '2026-05-10T12:00:00.001Z',
      name: 'say, "hello"',
      arguments: '{"text":"line one\nline two","n":1}',
      resultContentTypes: 'text;image',
      resultPreview: `'=HYPERLINK("http://evil")`,
      resultIsError: 'false',
    });
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('-1+1')).toBe(`'-1+1`);
    expect(csvField('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvField(-1)).toBe('-1');
    expect(csvField(undefined)).toBe('');

    // Filtered, and through a slow stream: waits for drain, loses nothing.
    store.insertMany(Array.from({ length: 2500 }, (_, i) => finished({ id: `bulk-${i}`, startedAt: t + 10 + i, server: 'bulk' })));
    let written = '';
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        setTimeout(done, 1);
      },
    });
    const { records } = await store.export({ format: 'jsonl', server: 'bulk' }, slow);
    await new Promise((resolve) => slow.end(resolve));
    expect(records).toBe(2500);
    const exported = written
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as CallRecord).id);
    expect(exported).toEqual(Array.from({ length: 2500 }, (_, i) => `bulk-${i}`));
  });

  it('changedSince follows writes: new calls and ended ones, each once in its latest state', async () => {
    const store = open();
    const { rev } = await store.query();
    const a = store.begin(call);
    const b = store.begin(call);
    store.flush();
    const first = await store.changedSince(rev);
    expect(first.records.map((r) => [r.id, r.status])).toEqual([
      [a.id, 'running'],
      [b.id, 'running'],
    ]);
    store.end(a.id, { status: 'ok' });
    store.flush();
    const second = await store.changedSince(first.rev);
    expect(second.records.map((r) => [r.id, r.status])).toEqual([[a.id, 'ok']]);
    expect((await store.changedSince(second.rev)).records).toEqual([]);
    expect((await store.changedSince(rev, { status: 'ok' })).records.map((r) => r.id)).toEqual([a.id]);
  });

  it('a reader in another connection sees committed batches; read-only opens refuse writes', async () => {
    expect(HistoryStore.openReadOnly(file)).toBeUndefined();
    const store = open();
    store.end(store.begin(call).id, { status: 'ok' });
    store.flush();
    const reader = HistoryStore.openReadOnly(file);
    expect(reader).toBeDefined();
    stores.push(reader!);
    expect((await reader!.query()).records).toHaveLength(1);
    store.begin(call);
    store.flush();
    expect((await reader!.query()).records).toHaveLength(2);
    // A reader has no way to write: the write methods are not there at all.
    expect(reader).not.toHaveProperty('clear');
    expect(reader).not.toHaveProperty('insertMany');
    expect(reader).not.toHaveProperty('begin');
  });

  it('calls left running by a process that stopped are marked cancelled at the next open', async () => {
    const logger = memoryLogger();
    const store = open({ logger });
    const started = store.begin(call);
    store.flush();
    store.close(); // as after a crash: the end never came
    const next = open({ logger });
    const [record] = (await next.query()).records;
    expect(record).toMatchObject({ id: started.id, status: 'cancelled', error: 'The gateway stopped before this call ended.' });
    expect(logger.lines.some((line) => line.includes('1 calls left running'))).toBe(true);
  });

  it('clear() empties the history, pending records included, and emits clear', async () => {
    const store = open();
    store.insertMany(Array.from({ length: 20 }, () => finished()));
    store.indexPending();
    store.begin(call);
    let cleared = 0;
    store.on('clear', () => cleared++);
    await store.clear();
    expect(cleared).toBe(1);
    expect(await store.countRows()).toBe(0);
    expect((await store.query({ text: 'hello' })).records).toEqual([]);
    store.insertMany([finished({ arguments: '{"fresh":"hello"}' })]);
    store.indexPending();
    expect((await store.query({ text: 'hello' })).records).toHaveLength(1);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('a file of garbage is moved aside, with a message saying where, and a new history starts', async () => {
    writeFileSync(file, Buffer.from('this is not an SQLite database, just some bytes '.repeat(200)));
    const logger = memoryLogger();
    const store = open({ logger, now: () => Date.parse('2026-05-10T12:00:00.123Z') });
    const moved = `${file}.corrupt-2026-05-10T12-00-00-123Z`;
    expect(store.recovered).toEqual({ movedTo: moved, reason: expect.stringMatching(/SQLITE_NOTADB|not a database/) });
    expect(readFileSync(moved, 'utf8')).toContain('this is not an SQLite database');
    expect(logger.lines.some((line) => line.startsWith('warn:') && line.includes(moved) && line.includes(file))).toBe(true);
    store.end(store.begin(call).id, { status: 'ok' });
    expect((await store.query()).records).toHaveLength(1);
  });

  it('a database damaged inside is found by the integrity check and moved aside', async () => {
    const first = open();
    first.insertMany(Array.from({ length: 3000 }, (_, i) => finished({ arguments: `{"i":${i},"pad":"${'x'.repeat(200)}"}` })));
    first.close();
    // Scribble over pages in the middle of the file (the b-trees), as a bad disk or a torn copy would.
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(200_000);
    bytes.fill(0xa5, 40 * 4096, 60 * 4096);
    writeFileSync(file, bytes);

    const logger = memoryLogger();
    const store = open({ logger });
    expect(store.recovered?.movedTo).toMatch(/history\.db\.corrupt-/);
    expect(store.recovered?.reason).toMatch(/SQLITE_CORRUPT|integrity|malformed/i);
    expect(existsSync(store.recovered?.movedTo as string)).toBe(true);
    expect(
      readFileSync(store.recovered?.movedTo as string)
        .subarray(40 * 4096, 41 * 4096)
        .every((byte) => byte === 0xa5),
    ).toBe(true);
    expect(await store.countRows()).toBe(0);
    expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toHaveLength(1);
    expect(logger.lines.some((line) => line.includes('moved it aside to'))).toBe(true);
  });

  it('refuses a database from a newer schema instead of moving it aside', () => {
    open().close();
    stores.length = 0;
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openStore(file)).toThrow(/newer Switchyard/);
    expect(existsSync(file)).toBe(true);
  });

  it('keeps the database file private to the user', () => {
    if (process.platform === 'win32') return;
    open();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

async function collect(run: (out: NodeJS.WritableStream) => Promise<unknown>): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await run(out);
  out.end();
  return text;
}

/** A small RFC 4180 reader, to check the writer against. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}
