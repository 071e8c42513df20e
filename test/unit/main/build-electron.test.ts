import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFromBridge, desktopApiFromBridge, type PreloadBridge } from '../../../shared/bridge.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { ipcChannels } from '../../../shared/ipc-channels.js';

/*
 * Runs the real build script into a temporary folder and inspects its output. The preload is evaluated in a
 * bare vm context whose `require` knows only a fake `electron`: stricter than Electron's sandbox, which is the
 * point (it proves the bundle needs nothing else). Electron itself does not run.
 */
let outdir: string;
beforeAll(async () => {
  outdir = await mkdtemp(path.join(os.tmpdir(), 'switchyard-build-'));
  await promisify(execFile)(process.execPath, ['build/build-electron.mjs', '--outdir', outdir]);
});
afterAll(() => rm(outdir, { recursive: true, force: true }));

describe('build-electron', () => {
  it('builds a small preload that needs nothing but `electron` and exposes the `switchyard` bridge (control and desktop domains)', async () => {
    const exposed = new Map<string, unknown>();
    const invoked: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: async (channel: string) => (invoked.push(channel), { ok: false, error: { code: 'GATEWAY_STOPPED', message: 'stopped', hint: 'Start it.' } }),
        on: () => {},
        removeListener: () => {},
      },
    };
    const requireOnlyElectron = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`preload required ${name}`);
    };
    const module = { exports: {} };
    const source = await readFile(path.join(outdir, 'preload.cjs'), 'utf8');
    vm.runInNewContext(source, { require: requireOnlyElectron, module, exports: module.exports });

    const bridge = exposed.get('switchyard') as PreloadBridge;
    expect(Object.keys(bridge).sort()).toEqual(['desktop', 'invoke', 'subscribe']);
    const stopped = { ok: false, error: { code: 'GATEWAY_STOPPED', message: 'stopped', hint: 'Start it.' } };
    await expect(bridge.invoke('gateway.status', {})).resolves.toEqual(stopped);
    const error = await apiFromBridge(bridge)
      .gateway.status()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: 'GATEWAY_STOPPED', hint: 'Start it.' });
    expect(invoked).toEqual(['switchyard:gateway.status', 'switchyard:gateway.status']);
    await expect(desktopApiFromBridge(bridge.desktop).preferences.set({ notifications: false })).rejects.toMatchObject({ code: 'GATEWAY_STOPPED' });
    expect(invoked.at(-1)).toBe(ipcChannels.desktopPreferences.set);
    // shared/api.ts (zod) stays out: the preload bundles only the few zod-free helpers it uses.
    expect(source).not.toMatch(/zod/i);
    expect(source.length).toBeLessThan(16_000);
  });

  it('builds an ESM main that imports only electron, Node built-ins and runtime dependencies', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set(['electron', ...builtinModules, ...Object.keys(pkg.dependencies)]);
    const source = await readFile(path.join(outdir, 'main.js'), 'utf8');
    const specifiers = [...source.matchAll(/^import\s(?:[^'"]*?\sfrom\s)?["']([^"']+)["'];?$/gm)].map((match) => match[1]!);
    const packageOf = (specifier: string) =>
      specifier
        .replace(/^node:/, '')
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');

    expect(specifiers).toContain('electron');
    expect(specifiers.filter((specifier) => !allowed.has(packageOf(specifier)))).toEqual([]);
    expect(source).not.toMatch(/\brequire\(/);
  });
});

describe('build-electron: the history writer thread', () => {
  it('sits beside main.js, where the bundled history store looks for it, and needs only better-sqlite3', async () => {
    const source = await readFile(path.join(outdir, 'history-writer-worker.js'), 'utf8');
    const specifiers = [...source.matchAll(/^import\s(?:[^'"]*?\sfrom\s)?["']([^"']+)["'];?$/gm)].map((match) => match[1]!);
    expect(specifiers.map((specifier) => specifier.replace(/^node:/, '')).sort()).toEqual(['better-sqlite3', 'worker_threads']);
    const main = await readFile(path.join(outdir, 'main.js'), 'utf8');
    expect(main).toContain('./history-writer-worker.js');
  });
});
