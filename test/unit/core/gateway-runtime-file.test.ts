import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  liveRuntimeRecords,
  publishGatewayRuntime,
  runtimeDir,
  runtimeFile,
  runtimeSocketPath,
  writeRuntimeRecord,
  type GatewayRuntimeRecord,
} from '../../../electron/core/gateway-runtime-file.js';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function tempHome(): string {
  const home = mkdtempSync(path.join(tmpdir(), 'switchyard-runtime-'));
  homes.push(home);
  return home;
}

/** The pid of a process that has ended (so no live process has it, barring reuse within the test). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** A stand-in with the gateway's status()/onStatus() surface. */
class StateSource extends EventEmitter {
  state: 'running' | 'stopped' = 'running';
  status() {
    return { state: this.state };
  }
  onStatus(listener: (status: { state: 'running' | 'stopped' }) => void) {
    this.on('status', listener);
    return () => this.off('status', listener);
  }
  set(state: 'running' | 'stopped') {
    this.state = state;
    this.emit('status', { state });
  }
}

describe('gateway runtime files', () => {
  it('publishes a 0600 record in a 0700 folder, follows the state, and removes it', () => {
    const home = tempHome();
    const source = new StateSource();
    const publication = publishGatewayRuntime(home, source, { transport: 'http', port: 18151, owner: 'cli' });
    const file = runtimeFile(home);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(runtimeDir(home)).mode & 0o777).toBe(0o700);
    const [record] = liveRuntimeRecords(home);
    expect(record).toMatchObject({ pid: process.pid, transport: 'http', port: 18151, state: 'running', owner: 'cli' });
    expect(Date.parse(record!.startedAt)).toBeGreaterThan(Date.now() - 5000);

    source.set('stopped');
    expect(liveRuntimeRecords(home)[0]).toMatchObject({ state: 'stopped', startedAt: record!.startedAt });
    source.set('running');
    expect(liveRuntimeRecords(home)[0]?.state).toBe('running');

    publication.remove();
    expect(existsSync(file)).toBe(false);
    expect(liveRuntimeRecords(home)).toEqual([]);
    source.set('stopped'); // no longer followed: nothing is written back
    expect(existsSync(file)).toBe(false);
  });

  it('ignores and removes a stale record (its process is gone) and an unreadable one', () => {
    const home = tempHome();
    const pid = deadPid();
    const stale: GatewayRuntimeRecord = { pid, transport: 'http', port: 18152, state: 'running', startedAt: new Date().toISOString(), owner: 'cli' };
    writeRuntimeRecord(home, stale);
    mkdirSync(runtimeDir(home), { recursive: true });
    writeFileSync(path.join(runtimeDir(home), `gateway-${process.pid}.json`), '{"pid": "not a number"');
    expect(liveRuntimeRecords(home)).toEqual([]);
    expect(readdirSync(runtimeDir(home))).toEqual([]);
  });

  it('lists live records newest first, and answers an empty list for a home without the folder', () => {
    const home = tempHome();
    expect(liveRuntimeRecords(home)).toEqual([]);
    writeRuntimeRecord(home, { pid: process.pid, transport: 'stdio', state: 'running', startedAt: '2026-01-01T00:00:00.000Z', owner: 'cli' });
    writeRuntimeRecord(home, { pid: process.ppid, transport: 'http', port: 9, state: 'running', startedAt: '2026-02-01T00:00:00.000Z', owner: 'desktop' });
    expect(liveRuntimeRecords(home).map((record) => record.pid)).toEqual([process.ppid, process.pid]);
  });

  it('names the bridge socket after the pid in the run folder; none on Windows or past the socket address length', () => {
    expect(runtimeSocketPath('/home/me/.config/Switchyard', 42, 'linux')).toBe('/home/me/.config/Switchyard/run/gateway-42.sock');
    expect(runtimeSocketPath('/Users/me/Library/Application Support/Switchyard', 42, 'darwin')).toBe(
      '/Users/me/Library/Application Support/Switchyard/run/gateway-42.sock',
    );
    expect(runtimeSocketPath('C:\\Users\\me\\AppData\\Roaming\\Switchyard', 42, 'win32')).toBeUndefined();
    expect(runtimeSocketPath(`/home/${'x'.repeat(90)}`, 42, 'linux')).toBeUndefined();
  });

  it('removes the socket of a gateway that is gone together with its runtime file', () => {
    const home = tempHome();
    writeRuntimeRecord(home, {
      pid: 999_999,
      transport: 'http',
      port: 9,
      socket: path.join(runtimeDir(home), 'gateway-999999.sock'),
      state: 'running',
      startedAt: '2026-01-01T00:00:00.000Z',
      owner: 'cli',
    });
    writeFileSync(path.join(runtimeDir(home), 'gateway-999999.sock'), '');
    expect(liveRuntimeRecords(home, () => false)).toEqual([]);
    expect(readdirSync(runtimeDir(home))).toEqual([]);
  });
});
