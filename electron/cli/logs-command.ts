import { statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { SwitchyardError } from '../../shared/errors.js';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { CallRecord, StatusFilter } from '../history/call-record.js';
import { expandStatuses, HistoryStore, type HistoryFilter } from '../history/history-store.js';
import { parseTimeSpec } from '../history/time-spec.js';
import { redactCredentialPatterns } from '../secrets/redaction.js';
import { parseNumberOption } from './option-parsers.js';
import { followedGatewayNotice } from './gateway-messages.js';
import { findRunningGateway } from './running-gateway.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { serverNameOrGiven } from '../servers/server-names.js';

/** What the logs command touches of the outside world; tests pass their own. */
export interface LogsCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  home: () => string;
  /** The settings store (the running gateway's port and token). */
  settings: () => Pick<SettingsStore, 'load'>;
  /** How often -f polls the database (the gateway writes it from another process). Default 500 ms. */
  followIntervalMs?: number;
  /** Stops -f (tests); otherwise it runs until the process is interrupted. */
  signal?: AbortSignal;
  now?: () => number;
}

interface LogsOptions {
  follow?: boolean;
  server?: string;
  tool?: string;
  client?: string;
  status?: string;
  since?: string;
  until?: string;
  search?: string;
  limit: string;
  json?: boolean;
  export?: string;
}

export const historyFileName = 'history.db';

/**
 * `switchyard logs`: the recorded MCP calls, oldest of the selection first, one line each (or JSON Lines with
 * --json); -f then prints each call as it ends. Reads `<home>/history.db` read-only, so it works while the
 * gateway (another process) writes it.
 */
export function registerLogsCommand(program: Command, io: LogsCommandIo): void {
  program
    .command('logs')
    .description('Show the recorded MCP calls (tools, prompts, resources); -f to follow them live')
    .option('-f, --follow', 'keep printing calls as they end')
    .option('--server <name>', 'only calls to this server (comma-separated for several)')
    .option('--tool <name>', 'only calls of this tool or prompt, or reads of this resource URI (comma-separated for several)')
    .option('--client <name>', 'only calls from this client (its name or session id)')
    .option(
      '--status <status>',
      'ok, error (tool_error, protocol_error, timeout), tool_error, protocol_error, timeout, cancelled, denied, running; comma-separated for several',
    )
    .option('--since <when>', 'only calls started since then: 30m, 1h, 2d, 1w, or an ISO date/time')
    .option('--until <when>', 'only calls started before then (same forms)')
    .option('--search <words>', 'only calls whose arguments, result or error contain these words (word starts)')
    .option('-n, --limit <count>', 'how many of the latest calls to show first', '50')
    .option('--json', 'one JSON record per line')
    .option('--export <format>', 'write every matching call (oldest first, not only the latest --limit) as jsonl or csv')
    .addHelpText(
      'after',
      '\nExamples:\n  switchyard logs --status error --since 1h\n  switchyard logs -f --server github\n  switchyard logs --json --since 2026-05-01 > calls.jsonl',
    )
    .action((options: LogsOptions) => runLogs(options, io));
}

async function runLogs(options: LogsOptions, io: LogsCommandIo): Promise<void> {
  const now = io.now ?? Date.now;
  const limit = parseNumberOption('--limit', options.limit, 1, 1000);
  const filter = buildFilter(options, now());
  // Server names by the one naming rule (`--server SQLite` finds `sqlite`); a name no longer configured stays as given.
  if (filter.server) filter.server = [filter.server].flat().map((name) => serverNameOrGiven(name, io.settings().load().settings));
  const file = path.join(io.home(), historyFileName);
  const print = (record: CallRecord) => io.stdout.write((options.json ? JSON.stringify(record) : formatCallLine(record)) + '\n');
  // -f prints calls as they end; running ones too only when asked for with --status running.
  const showRunning = filter.status !== undefined && expandStatuses(filter.status).includes('running');

  let store = HistoryStore.openReadOnly(file, { redact: redactCredentialPatterns });
  if (options.export !== undefined) {
    if (options.export !== 'jsonl' && options.export !== 'csv') throw new SwitchyardError('INVALID_INPUT', `--export "${options.export}": use jsonl or csv.`);
    if (!store) return void io.stderr.write(`No calls recorded yet (${file} does not exist).\n`);
    try {
      const sink = new Writable({
        write(chunk: Buffer | string, _encoding, done) {
          io.stdout.write(String(chunk));
          done();
        },
      });
      const { records } = await store.export({ format: options.export, ...filter }, sink);
      io.stderr.write(`Exported ${records} call(s).\n`);
    } finally {
      store.close();
    }
    return;
  }
  if (!store) {
    if (!options.follow) {
      io.stderr.write(`No calls recorded yet (${file} does not exist).\n`);
      return;
    }
    io.stderr.write(`Waiting for the first call to be recorded in ${file} ...\n`);
  }
  try {
    let rev = 0;
    const printedFinal = new Set<string>();
    if (store) {
      const page = await store.query({ ...filter, limit });
      for (const record of [...page.records].reverse()) {
        print(record);
        if (record.status !== 'running') printedFinal.add(record.id);
      }
      rev = page.rev;
    }
    if (!options.follow) return;
    io.stderr.write(followedGatewayNotice(await findRunningGateway(io.home(), io.settings())));

    let identity = store ? fileIdentity(file) : undefined;
    for (;;) {
      try {
        await sleep(io.followIntervalMs ?? 500, undefined, io.signal ? { signal: io.signal } : {});
      } catch {
        return; // aborted
      }
      const current = fileIdentity(file);
      if (current !== identity) {
        // Created, or replaced (a corrupt database moved aside): start over on the new file.
        store?.close();
        store = current === undefined ? undefined : HistoryStore.openReadOnly(file, { redact: redactCredentialPatterns });
        identity = current;
        rev = 0;
        printedFinal.clear();
      }
      if (!store) continue;
      const changes = await store.changedSince(rev, filter);
      rev = changes.rev;
      for (const record of changes.records) {
        if (record.status === 'running' && !showRunning) continue;
        if (record.status !== 'running') {
          if (printedFinal.has(record.id)) continue;
          printedFinal.add(record.id);
          if (printedFinal.size > 100_000) printedFinal.clear();
        }
        print(record);
      }
    }
  } finally {
    store?.close();
  }
}

function buildFilter(options: LogsOptions, now: number): HistoryFilter {
  const list = (value: string | undefined) =>
    value
      ?.split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '') ?? [];
  const filter: HistoryFilter = {};
  const servers = list(options.server);
  if (servers.length > 0) filter.server = servers;
  const tools = list(options.tool);
  if (tools.length > 0) filter.tool = tools;
  if (options.client) filter.client = options.client;
  const statuses = list(options.status) as StatusFilter[];
  if (statuses.length > 0) {
    expandStatuses(statuses); // refuses an unknown status before anything is opened
    filter.status = statuses;
  }
  // Resolved once: with -f, "1h" means an hour before the command started.
  if (options.since) filter.since = parseTimeSpec(options.since, now);
  if (options.until) filter.until = parseTimeSpec(options.until, now);
  if (options.search) filter.text = options.search;
  return filter;
}

function fileIdentity(file: string): string | undefined {
  try {
    const stat = statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * One line per call: local start time, status, duration, server and tool (prompt:/resource: for the other
 * methods), client, arguments (compact, cut), then the error or the start of the result.
 *   2026-05-01 10:00:00.123  ok              12 ms  github  create_issue  claude-desktop  {"title":"Bug"}  -> Created issue #12
 */
export function formatCallLine(record: CallRecord): string {
  const what = record.method === 'prompts/get' ? `prompt:${record.name}` : record.method === 'resources/read' ? `resource:${record.name}` : record.name;
  const client = record.client.name ?? `session ${record.client.sessionId.slice(0, 8)}`;
  const parts = [
    localTime(record.startedAt),
    record.status.padEnd(14),
    formatDuration(record).padStart(9),
    record.server,
    what,
    client,
    oneLine(record.arguments, 160),
  ];
  let line = parts.join('  ');
  if (record.error) line += `  error: ${oneLine(record.error, 200)}`;
  else if (record.result?.preview) line += `  -> ${oneLine(record.result.preview, 120)}`;
  else if (record.result) line += `  -> (${record.result.contentTypes.join(', ') || 'empty'}, ${record.result.sizeBytes} bytes)`;
  return line;
}

function formatDuration(record: CallRecord): string {
  if (record.durationMs === undefined) return record.status === 'running' ? '...' : '';
  if (record.durationMs < 10) return `${record.durationMs.toFixed(1)} ms`;
  if (record.durationMs < 10_000) return `${Math.round(record.durationMs)} ms`;
  return `${(record.durationMs / 1000).toFixed(1)} s`;
}

function localTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** Whitespace runs (newlines included) as one space, cut with an ellipsis; control characters dropped. */
function oneLine(text: string, max: number): string {
  const flat = text
    .replace(/\s+/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
