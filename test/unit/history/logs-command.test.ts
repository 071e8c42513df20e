import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../electron/settings/settings-store.js';
import { formatCallLine, registerLogsCommand } from '../../../electron/cli/logs-command.js';
import type { CallRecord } from '../../../electron/history/call-record.js';
import type { HistoryStore } from '../../../electron/history/history-store.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { finished, openStore, tempDir } from './support.js';

interface Run {
  stdout: string;
  stderr: string;
  error?: unknown;
}

describe('switchyard logs', () => {
  let home: string;
  let cleanup: () => void;
  let store: HistoryStore | undefined;
  beforeEach(() => ({ dir: home, cleanup } = tempDir()));
  afterEach(() => {
    store?.close();
    store = undefined;
    cleanup();
  });

  const t = Date.parse('2026-05-10T12:00:00Z');
  const write = () => {
    store = openStore(path.join(home, 'history.db'), { maxAgeDays: 0 });
    store.insertMany([
      finished({ id: 'a', startedAt: t - 2 * 3_600_000, server: 'github', name: 'search_repos', arguments: '{"q":"mcp"}', durationMs: 42 }),
      finished({
        id: 'b',
        startedAt: t - 20 * 60_000,
        server: 'github',
        name: 'create_issue',
        status: 'tool_error',
        durationMs: 3.25,
        result: { isError: true, contentTypes: ['text'], sizeBytes: 20, preview: 'Validation failed:\nmissing title' },
      }),
      finished({
        id: 'c',
        startedAt: t - 10 * 60_000,
        server: 'fs',
        name: 'file:///tmp/notes.md',
        method: 'resources/read',
        arguments: '{}',
        durationMs: 12_345,
      }),
      finished({
        id: 'd',
        startedAt: t - 60_000,
        server: 'fs',
        name: 'write_file',
        status: 'denied',
        error: 'Denied by rule "fs: no writes"',
        result: undefined,
      }),
      finished({ id: 'e', startedAt: t - 30_000, server: 'github', name: 'token_echo', arguments: '{"auth":"Bearer abcdefghijklmnop123"}' }),
    ]);
    store.flush();
    return store;
  };

  async function run(args: string[], extra: { signal?: AbortSignal; onStdout?: (text: string) => void } = {}): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const program = new Command('switchyard').exitOverride().configureOutput({ writeOut: (s) => (stdout += s), writeErr: (s) => (stderr += s) });
    registerLogsCommand(program, {
      stdout: {
        write: (s: string) => {
          stdout += s;
          extra.onStdout?.(stdout);
        },
      },
      stderr: { write: (s: string) => (stderr += s) },
      home: () => home,
      settings: () => new SettingsStore(home),
      now: () => t,
      followIntervalMs: 20,
      ...(extra.signal ? { signal: extra.signal } : {}),
    });
    try {
      await program.parseAsync(['node', 'switchyard', 'logs', ...args]);
      return { stdout, stderr };
    } catch (error) {
      return { stdout, stderr, error };
    }
  }

  it('says so when nothing was recorded yet', async () => {
    const { stdout, stderr, error } = await run([]);
    expect(error).toBeUndefined();
    expect(stdout).toBe('');
    expect(stderr).toContain('No calls recorded yet');
    expect(stderr).toContain(path.join(home, 'history.db'));
  });

  it('prints one readable line per call, oldest first, credentials patterns hidden', async () => {
    write();
    const { stdout, error } = await run([]);
    expect(error).toBeUndefined();
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} {2}ok {18}42 ms {2}github {2}search_repos {2}test-client {2}\{"q":"mcp"\} {2}-> Echo: hello$/,
    );
    expect(lines[1]).toContain('tool_error');
    expect(lines[1]).toContain('3.3 ms');
    expect(lines[1]).toContain('-> Validation failed: missing title'); // one line
    expect(lines[2]).toContain('12.3 s  fs  resource:file:///tmp/notes.md');
    expect(lines[3]).toContain('denied');
    expect(lines[3]).toContain('error: Denied by rule "fs: no writes"');
    expect(lines[4]).toContain('Bearer ***');
    expect(stdout).not.toContain('abcdefghijklmnop123');
  });

  it('filters by server, tool, status and time; --json prints records', async () => {
    write();
    const ids = (out: string) =>
      out
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as CallRecord).id);
    expect(ids((await run(['--json', '--server', 'github'])).stdout)).toEqual(['a', 'b', 'e']);
    expect(ids((await run(['--json', '--status', 'error,denied'])).stdout)).toEqual(['b', 'd']);
    expect(ids((await run(['--json', '--since', '15m'])).stdout)).toEqual(['c', 'd', 'e']);
    expect(ids((await run(['--json', '--since', '1h', '--until', '5m'])).stdout)).toEqual(['b', 'c']);
    expect(ids((await run(['--json', '--tool', 'write_file,search_repos'])).stdout)).toEqual(['a', 'd']);
    expect(ids((await run(['--json', '--search', 'validation'])).stdout)).toEqual(['b']);
    expect(ids((await run(['--json', '-n', '2'])).stdout)).toEqual(['d', 'e']);
  });

  it('refuses a bad status, time or limit with a clear error', async () => {
    write();
    const status = await run(['--status', 'broken']);
    expect(status.error).toBeInstanceOf(SwitchyardError);
    expect((status.error as Error).message).toContain('Unknown status "broken"');
    expect(((await run(['--since', 'yesterday'])).error as Error).message).toContain('"yesterday" is not a time');
    expect(((await run(['--limit', '0'])).error as Error).message).toContain('--limit');
  });

  it('-f prints calls as they end, written by another connection, then stops when interrupted', async () => {
    const writer = write();
    const controller = new AbortController();
    let sawFirst: () => void = () => undefined;
    const firstPrinted = new Promise<void>((resolve) => (sawFirst = resolve));
    const done = run(['-f', '--server', 'github'], {
      signal: controller.signal,
      onStdout: (text) => {
        if (text.split('\n').length > 3) sawFirst();
      },
    });
    await firstPrinted; // the initial listing: a, b, e

    const running = writer.begin({ client: { name: 'live', sessionId: 's' }, server: 'github', method: 'tools/call', name: 'live_call', arguments: { n: 1 } });
    writer.begin({ client: { name: 'live', sessionId: 's' }, server: 'other', method: 'tools/call', name: 'not_shown' });
    writer.flush();
    await sleep(100);
    writer.end(running.id, { status: 'ok', result: { content: [{ type: 'text', text: 'live result' }] } });
    writer.flush();
    await sleep(400);
    controller.abort();
    const { stdout, error } = await done;
    expect(error).toBeUndefined();
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4); // the running call was not printed until it ended; the other server never
    expect(lines[3]).toContain('live_call');
    expect(lines[3]).toContain('-> live result');
    expect(stdout).not.toContain('not_shown');
  });

  it('-f waits for the database to appear', async () => {
    const controller = new AbortController();
    const done = run(['-f', '--json'], { signal: controller.signal });
    await sleep(60);
    const writer = openStore(path.join(home, 'history.db'));
    store = writer;
    writer.end(writer.begin({ client: { sessionId: 's' }, server: 'x', method: 'tools/call', name: 'first' }).id, { status: 'ok' });
    writer.flush();
    await sleep(400);
    controller.abort();
    const { stdout, stderr } = await done;
    expect(stderr).toContain('Waiting for the first call');
    expect((JSON.parse(stdout.trim()) as CallRecord).name).toBe('first');
  });

  it('formats durations and methods compactly', () => {
    const base = finished({ id: 'f', name: 'review', method: 'prompts/get', durationMs: 0.4321, client: { sessionId: 'abcdef0123456789' } });
    const line = formatCallLine(base);
    expect(line).toContain('0.4 ms');
    expect(line).toContain('prompt:review');
    expect(line).toContain('session abcdef01');
    const running = formatCallLine({ ...base, status: 'running', durationMs: undefined, endedAt: undefined, result: undefined });
    expect(running).toContain('...');
  });
});
