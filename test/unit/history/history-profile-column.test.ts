import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { schemaVersion } from '../../../electron/history/schema.js';
import { finished, memoryLogger, storesPerTest } from './support.js';

/** Schema 3: each call records the profile its client attached to; a schema 2 file gains the column at open. */
describe('history: the profile of each call', () => {
  const database = storesPerTest();
  const open = database.open;

  it('stores and reads back the profile of a call, and none for a client on the default endpoint before profiles', async () => {
    const store = open();
    const call = { server: 'alpha', method: 'tools/call' as const, name: 'echo', arguments: {} };
    const attached = store.begin({ ...call, client: { name: 'cursor', sessionId: 's1', profile: 'coding' } });
    const plain = store.begin({ ...call, client: { name: 'old', sessionId: 's2' } });
    store.flush();
    const records = (await store.query({ limit: 10 })).records;
    expect(records.find((record) => record.id === attached.id)?.client).toEqual({ name: 'cursor', sessionId: 's1', profile: 'coding' });
    expect(records.find((record) => record.id === plain.id)?.client).toEqual({ name: 'old', sessionId: 's2' });
  });

  it('moves a schema 2 file to schema 3 at open: old rows keep everything and have no profile, new rows carry theirs', async () => {
    const first = open();
    first.insertMany([finished({ id: 'before-profiles', client: { name: 'old', sessionId: 's' } })]);
    first.close();
    // What schema 2 left: the same table without the profile column.
    const db = new Database(database.file);
    db.exec('ALTER TABLE calls DROP COLUMN profile');
    db.pragma('user_version = 2');
    db.close();

    const logger = memoryLogger();
    const store = open({ logger });
    expect(logger.lines.some((line) => line.includes(`moved to schema ${schemaVersion} from schema 2`))).toBe(true);
    store.insertMany([finished({ id: 'after', client: { name: 'new', sessionId: 't', profile: 'notes' } })]);
    const records = (await store.query({ limit: 10 })).records;
    expect(records.find((record) => record.id === 'before-profiles')?.client).toEqual({ name: 'old', sessionId: 's' });
    expect(records.find((record) => record.id === 'after')?.client.profile).toBe('notes');
  });
});
