import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../electron/history/history-store.js';
import { memoryLogger, tempDir } from './support.js';

/**
 * kill -9 during a burst of calls: every batch the store reported committed is in the file afterwards, whole,
 * and the file and its full-text index are consistent. The child runs the real HistoryStore (bundled from the
 * sources with esbuild, better-sqlite3 loaded as is), writing calls as fast as it can while the background
 * indexer runs; after each committed batch it prints how many calls it had begun. Killing it at any moment
 * may lose only calls it had not reported.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const storeSource = path.resolve(here, '../../../electron/history/history-store.ts');
const writerSource = path.resolve(here, '../../../electron/history/history-writer-worker.ts');

const childSource = `
import { HistoryStore } from ${JSON.stringify(storeSource)};
const [file, prefix, writer] = process.argv.slice(2);
const store = HistoryStore.open({ file, redact: (t) => t, flushIntervalMs: 2, flushBatchSize: 150, indexIdleMs: 1, indexMaxLagMs: 3, pruneIntervalMs: 0, writer });
process.stdout.write('writes on ' + store.writesOn + '\\n');
let begun = 0;
// With the writer thread a batch commits after later calls began: count the calls whose final state is committed, in order.
const done = new Set();
let committed = 0;
store.on('flush', (event) => {
  for (const record of event.batch) if (record.status !== 'running') done.add(record.id);
  while (done.has(prefix + '-' + committed)) committed += 1;
  process.stdout.write('committed ' + committed + '\\n');
});
function burst() {
  for (let i = 0; i < 61; i++) {
    const id = prefix + '-' + begun;
    begun += 1;
    const record = store.begin({ id, client: { name: 'crash-test', sessionId: 's' }, server: 'srv', method: 'tools/call', name: 'write', arguments: { n: begun - 1, pad: 'x'.repeat(300) } });
    store.end(record.id, { status: 'ok', result: { content: [{ type: 'text', text: 'done ' + id }] } });
  }
  setImmediate(burst);
}
burst();
`;

describe('crash safety', () => {
  let dir: string;
  let cleanup: () => void;
  let child: string;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    const entry = path.join(dir, 'child-entry.ts');
    writeFileSync(entry, childSource);
    child = path.join(dir, 'child.mjs');
    const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
    // The writer thread's script goes beside the child, where the bundled store looks for it.
    for (const [source, outfile] of [
      [entry, child],
      [writerSource, path.join(dir, 'history-writer-worker.js')],
    ] as const) {
      await build({
        entryPoints: [source],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'error',
        plugins: [{ name: 'native-sqlite', setup: (b) => b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true })) }],
      });
    }
  });
  afterAll(() => cleanup());

  /** Runs the child until it has reported `commits` batches, kills it with SIGKILL, returns the last count it reported. */
  async function burstAndKill(file: string, prefix: string, commits: number, writer: 'inline' | 'thread'): Promise<number> {
    const proc = spawn(process.execPath, [child, file, prefix, writer], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let committed = 0;
    let seen = 0;
    let buffered = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('writes on ')) expect(line).toBe(`writes on ${writer}`);
          const match = /^committed (\d+)$/.exec(line);
          if (!match) continue;
          committed = Number(match[1]);
          if (++seen === commits) {
            proc.kill('SIGKILL'); // mid-burst: the child is writing continuously
            resolve();
          }
        }
      });
      proc.on('exit', () => (seen < commits ? reject(new Error(`child exited early: ${stderr}`)) : resolve()));
    });
    expect(await exited).toBe('SIGKILL');
    return committed;
  }

  it.each(['inline', 'thread'] as const)('loses no committed batch when the process is killed with SIGKILL mid-burst (writes %s)', async (writer) => {
    const file = path.join(dir, `history-${writer}.db`);
    const reported: Array<[string, number]> = [];
    for (const [round, commits] of [7, 23, 41].entries()) {
      const prefix = `round${round}`;
      reported.push([prefix, await burstAndKill(file, prefix, commits, writer)]);
    }

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const [prefix, count] of reported) {
        expect(count).toBeGreaterThan(0);
        const rows = db.prepare(`SELECT id, status, arguments, result_preview FROM calls WHERE id LIKE ? || '-%'`).all(prefix) as Array<{
          id: string;
          status: string;
          arguments: string;
          result_preview: string;
        }>;
        const byId = new Map(rows.map((row) => [row.id, row]));
        for (let n = 0; n < count; n++) {
          const row = byId.get(`${prefix}-${n}`);
          expect(row, `${prefix}-${n} was reported committed`).toBeDefined();
          expect(row?.status).toBe('ok');
          expect(row?.result_preview).toBe(`done ${prefix}-${n}`);
          expect(JSON.parse(row?.arguments ?? '{}')).toMatchObject({ n });
        }
        // Whatever else is there came from later batches, committed after the last report could be printed.
        expect(rows.length).toBeGreaterThanOrEqual(count);
      }
    } finally {
      db.close();
    }

    // The next writer opens it (checking it, since the last one did not close cleanly) without moving it aside,
    // and the full-text index agrees with the rows.
    const store = HistoryStore.open({ file, redact: (t) => t, logger: memoryLogger(), pruneIntervalMs: 0 });
    try {
      expect(store.recovered).toBeUndefined();
      store.indexPending(Number.POSITIVE_INFINITY);
      const check = new Database(file);
      try {
        expect(() => check.exec(`INSERT INTO calls_fts (calls_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
      } finally {
        check.close();
      }
      const [prefix, count] = reported[0] as [string, number];
      expect((await store.query({ text: `done ${prefix}`, limit: 1000 })).records.length).toBeGreaterThanOrEqual(Math.min(count, 1000));
    } finally {
      store.close();
    }
  });
});
