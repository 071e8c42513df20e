import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { probeKeyring } from '../../../../electron/secrets/keyring-store.js';

/**
 * A throwaway Secret Service for the keyring tests: a private D-Bus session bus and a gnome-keyring-daemon
 * whose keyrings live in a temporary folder, unlocked with a throwaway password. Nothing touches the user's
 * real keyring. Where those programs are missing, `reason` says so and the tests that need it are skipped.
 */
export interface PrivateKeyring {
  address: string;
  stop(): Promise<void>;
}

export function findProgram(name: string, pathVar = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathVar.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return undefined;
}

export async function startPrivateKeyring(): Promise<PrivateKeyring | { reason: string }> {
  if (process.platform !== 'linux') return { reason: `a private Secret Service is only set up on Linux (this is ${process.platform})` };
  const dbusDaemon = findProgram('dbus-daemon');
  const keyringDaemon = findProgram('gnome-keyring-daemon');
  if (!dbusDaemon || !keyringDaemon) {
    return {
      reason: `no ${[!dbusDaemon && 'dbus-daemon', !keyringDaemon && 'gnome-keyring-daemon'].filter(Boolean).join(' or ')} on PATH to run a private Secret Service (apt-get install gnome-keyring)`,
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-keyring-'));
  const runtime = path.join(dir, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const bus = spawn(dbusDaemon, ['--session', '--nofork', '--nopidfile', '--print-address=1', `--address=unix:path=${path.join(dir, 'bus')}`], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(bus);
    const address = await firstLine(bus, 10_000);
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: address, HOME: dir, XDG_DATA_HOME: path.join(dir, 'data'), XDG_RUNTIME_DIR: runtime, DISPLAY: '' };
    const keyring = spawn(keyringDaemon, ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
    children.push(keyring);
    keyring.stdin?.end('throwaway-test-password');
    // Probing before the daemon has made and unlocked its login keyring asks for an unlock prompt, which no one
    // answers ("unlock prompt was dismissed"), and the keyring library keeps that bus connection: wait for the file.
    await waitForFile(path.join(dir, 'data', 'keyrings', 'login.keyring'), keyring, 30_000);
    const previous = process.env.DBUS_SESSION_BUS_ADDRESS;
    process.env.DBUS_SESSION_BUS_ADDRESS = address;
    try {
      // Generous: when the whole suite starts at once on 2 cores, D-Bus activation of the daemon can take a while.
      const deadline = Date.now() + 45_000;
      let last = 'not tried';
      while (Date.now() < deadline) {
        const probe = await probeKeyring('switchyard-test-probe', { write: true, timeoutMs: 5_000 });
        if (probe.available) return { address, stop };
        last = probe.reason;
        if (keyring.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await stop();
      return { reason: `a private gnome-keyring-daemon did not become usable: ${last}` };
    } finally {
      if (previous === undefined) delete process.env.DBUS_SESSION_BUS_ADDRESS;
      else process.env.DBUS_SESSION_BUS_ADDRESS = previous;
    }
  } catch (error) {
    await stop();
    return { reason: `could not start a private Secret Service: ${(error as Error).message}` };
  }
}

async function waitForFile(file: string, owner: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file) && owner.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('dbus-daemon printed no address')), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const newline = text.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(text.slice(0, newline).trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dbus-daemon exited (${code})`));
    });
  });
}
