import { processAlive } from './process-alive.js';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Runtime files: each running gateway process (`gateway run`, either transport, and the desktop app) keeps one
 * file in `<home>/run/`, named after its pid, saying where it serves and whether the user stopped it. Other
 * commands (`tools call`, `logs`, `connect`) read them to find the gateway on whatever port it listens.
 * A file whose process is gone (a crash, kill -9) is stale: readers ignore and remove it.
 */
export interface GatewayRuntimeRecord {
  pid: number;
  transport: 'http' | 'stdio';
  /** The HTTP port (http transport only). */
  port?: number;
  /** The unix socket the `connect` bridge relays to (http transport, not on Windows): newline-delimited JSON-RPC. */
  socket?: string;
  /** running, or stopped by the user (tray, window, control API): then it serves nothing until started again. */
  state: 'running' | 'stopped';
  /** ISO time the process started serving. */
  startedAt: string;
  /** Which face runs it: the CLI's `gateway run` or the desktop app. */
  owner: 'cli' | 'desktop';
}

export const runtimeDirName = 'run';

export function runtimeDir(home: string): string {
  return path.join(home, runtimeDirName);
}

export function runtimeFile(home: string, pid: number = process.pid): string {
  return path.join(runtimeDir(home), `gateway-${pid}.json`);
}

/** Longest unix socket path every platform we serve accepts (sun_path is 104 bytes on macOS, 108 on Linux). */
const maxSocketPathBytes = 103;

/**
 * Where this process's gateway listens for the bridge: `<home>/run/gateway-<pid>.sock`. Undefined on Windows
 * (no unix sockets there: the bridge uses HTTP) and when the home's path is too long for a socket address.
 */
export function runtimeSocketPath(home: string, pid: number = process.pid, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform === 'win32') return undefined;
  const socket = path.join(runtimeDir(home), `gateway-${pid}.sock`);
  return Buffer.byteLength(socket) <= maxSocketPathBytes ? socket : undefined;
}

/** Writes (or replaces) this process's record: folder 0700, file 0600, replaced atomically so readers never see half. */
export function writeRuntimeRecord(home: string, record: GatewayRuntimeRecord): void {
  const dir = runtimeDir(home);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = runtimeFile(home, record.pid);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(record, null, 2) + '\n', { mode: 0o600 });
  renameSync(temporary, file);
}

export function removeRuntimeRecord(home: string, pid: number = process.pid): void {
  rmSync(runtimeFile(home, pid), { force: true });
}

/** The records of gateway processes that are alive, newest first; stale or unreadable files are removed. */
export function liveRuntimeRecords(home: string, isAlive: (pid: number) => boolean = processAlive): GatewayRuntimeRecord[] {
  let names: string[];
  try {
    names = readdirSync(runtimeDir(home));
  } catch {
    return [];
  }
  const live: GatewayRuntimeRecord[] = [];
  for (const name of names) {
    const match = /^gateway-(\d+)\.json$/.exec(name);
    if (!match) continue;
    const file = path.join(runtimeDir(home), name);
    const record = parseRecord(file, Number(match[1]));
    if (record && isAlive(record.pid)) live.push(record);
    else {
      rmSync(file, { force: true });
      rmSync(path.join(runtimeDir(home), `gateway-${match[1]}.sock`), { force: true });
    }
  }
  return live.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

function parseRecord(file: string, pid: number): GatewayRuntimeRecord | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<GatewayRuntimeRecord>;
    const valid =
      value.pid === pid &&
      (value.transport === 'http' || value.transport === 'stdio') &&
      (value.state === 'running' || value.state === 'stopped') &&
      typeof value.startedAt === 'string' &&
      (value.port === undefined || (Number.isInteger(value.port) && value.port > 0 && value.port < 65536)) &&
      (value.socket === undefined || typeof value.socket === 'string');
    return valid ? (value as GatewayRuntimeRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** What publishing needs of a gateway: its state now and when it changes. */
export interface GatewayStateSource {
  status(): { state: 'running' | 'stopped' };
  onStatus(listener: (status: { state: 'running' | 'stopped' }) => void): () => void;
}

export interface RuntimePublication {
  /** Removes the record (at shutdown); also done at process exit if not called. */
  remove(): void;
}

/**
 * Keeps this process's record true while it serves: written now, rewritten when the gateway's state changes,
 * removed on close and, as a last resort, when the process exits.
 */
export function publishGatewayRuntime(
  home: string,
  gateway: GatewayStateSource,
  where: { transport: 'http' | 'stdio'; port?: number; socket?: string; owner: 'cli' | 'desktop' },
): RuntimePublication {
  const base = {
    pid: process.pid,
    transport: where.transport,
    ...(where.port !== undefined ? { port: where.port } : {}),
    ...(where.socket !== undefined ? { socket: where.socket } : {}),
    owner: where.owner,
  };
  const startedAt = new Date().toISOString();
  let state = gateway.status().state;
  writeRuntimeRecord(home, { ...base, state, startedAt });
  const unsubscribe = gateway.onStatus((status) => {
    if (status.state === state) return;
    state = status.state;
    writeRuntimeRecord(home, { ...base, state, startedAt });
  });
  const onExit = () => removeRuntimeRecord(home);
  process.on('exit', onExit);
  return {
    remove() {
      unsubscribe();
      process.off('exit', onExit);
      removeRuntimeRecord(home);
    },
  };
}
