import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as shared from '../../../shared/history-types.js';
import { callMethods, callStatuses } from '../../../electron/history/call-record.js';
import { openStore, tempDir } from './support.js';

/** Issue #12: the history's API is declared once, in shared/history-types.ts, and the engine's records and answers fit it. */
describe('history API schemas', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('the engine takes its statuses and methods from shared/, not from a copy', () => {
    expect(callStatuses).toBe(shared.callStatuses);
    expect(callMethods).toBe(shared.callMethods);
  });

  it('filters take one or several servers and tools, and refuse unknown statuses and fields', () => {
    expect(shared.HistoryQuerySchema.parse({ server: ['a', 'b'], tool: 'x', status: ['error', 'denied'], since: '1h', limit: 10 })).toEqual({
      server: ['a', 'b'],
      tool: 'x',
      status: ['error', 'denied'],
      since: '1h',
      limit: 10,
    });
    expect(shared.HistoryQuerySchema.safeParse({ status: 'broken' }).success).toBe(false);
    expect(shared.HistoryQuerySchema.safeParse({ servers: ['a'] }).success).toBe(false);
    expect(shared.HistoryStatsSchema.safeParse({ groupBy: 'client' }).success).toBe(false);
  });

  it("what the store records, pages and counts fits the API's result schemas exactly", async () => {
    const store = openStore(path.join(dir, 'history.db'));
    try {
      const ok = store.begin({ client: { name: 'c', version: '1', sessionId: 's' }, server: 'alpha', method: 'tools/call', name: 'echo', arguments: { a: 1 } });
      store.end(ok.id, { status: 'ok', result: { content: [{ type: 'text', text: 'hi' }] } });
      const failed = store.begin({ client: { sessionId: 's' }, server: 'alpha', method: 'prompts/get', name: 'p' });
      store.end(failed.id, { status: 'protocol_error', error: new Error('boom') });
      store.begin({ client: { sessionId: 's' }, server: 'beta', method: 'resources/read', name: 'file:///x' });
      const page = await store.query({ server: ['alpha', 'beta'] });
      expect(page.records).toHaveLength(3);
      for (const record of page.records) expect(shared.CallRecordSchema.strict().parse(record)).toEqual(record);
      const { rev: _rev, ...apiPage } = page;
      expect(shared.HistoryPageSchema.strict().parse(apiPage)).toEqual(apiPage);
      const stats = await store.stats({ groupBy: 'tool' });
      expect(stats).toHaveLength(3);
      for (const row of stats) expect(shared.HistoryStatsRowSchema.strict().parse(row)).toEqual(row);
    } finally {
      store.close();
    }
  });
});
