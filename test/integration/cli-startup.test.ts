import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath, repoRoot, tempHome } from './support/gateway-process.js';

// A module hook (module.register runs it in its own thread) that writes every module the CLI resolves to stderr.
const traceHook = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  process.stderr.write('RESOLVED ' + resolved.url + '\\n');
  return resolved;
}`;
const registerHook = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(traceHook)}));`;

/** What `switchyard ARGS` resolves on its way: npm packages by name, and our own files relative to the project. */
function modulesLoadedBy(args: string[], home: string): { packages: Set<string>; files: string[]; stdout: string } {
  const run = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(registerHook)}`, cliPath, ...args], {
    env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const packages = new Set<string>();
  const files: string[] = [];
  for (const line of run.stderr.split('\n')) {
    const url = line.startsWith('RESOLVED file:') ? line.slice('RESOLVED '.length) : undefined;
    if (!url) continue;
    const file = fileURLToPath(url);
    const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (inModules) packages.add(inModules[1]!);
    else files.push(path.relative(repoRoot, file));
  }
  return { packages, files, stdout: run.stdout };
}

const heavy = ['zod', '@modelcontextprotocol/client', '@modelcontextprotocol/server', 'dockerode', 'better-sqlite3', '@opentelemetry/api', 'ws'];

describe('CLI start-up: a command loads what it needs and nothing else', () => {
  const home = tempHome();
  afterAll(() => home.remove());

  it('the build bundles the CLI (bin/switchyard.js runs dist/cli)', () => {
    expect(existsSync(path.join(repoRoot, 'dist', 'cli', 'index.js')), 'run `npm run build:node` first').toBe(true);
  });

  it('--version reads the bundle and no command of it, and no npm package', () => {
    const loaded = modulesLoadedBy(['--version'], home.home);
    expect(loaded.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect([...loaded.packages]).toEqual([]);
    expect(loaded.files.slice(0, 2)).toEqual(['bin/switchyard.js', 'dist/cli/index.js']);
    // Only the small chunks the entry shares with the commands (errors, version), never a command or the engine.
    expect(loaded.files.filter((file) => /-command-|engine-context/.test(file))).toEqual([]);
  });

  it('server ls reads the settings without the gateway, the SDK, Docker, SQLite or OpenTelemetry', () => {
    const loaded = modulesLoadedBy(['server', 'ls'], home.home);
    expect(loaded.stdout).toContain('No servers configured');
    for (const name of heavy) expect(loaded.packages.has(name), `${name} was loaded`).toBe(false);
    expect(loaded.files.filter((file) => !file.startsWith('dist/cli/') && file !== 'bin/switchyard.js')).toEqual([]);
    expect(loaded.files.filter((file) => /-command-/.test(file)).map((file) => path.basename(file).replace(/-[A-Z0-9]+\.js$/, ''))).toEqual([
      'server-list-command',
    ]);
    // The settings store alone: not the engine's stores (catalog, secrets, OAuth client), and under 1 MB of code in all.
    expect(loaded.files.filter((file) => /engine-context/.test(file))).toEqual([]);
    const bytes = [...new Set(loaded.files)].reduce((sum, file) => sum + statSync(path.join(repoRoot, file)).size, 0);
    expect(bytes).toBeLessThan(1_000_000);
  });

  it('help still lists every command', () => {
    const loaded = modulesLoadedBy(['--help'], home.home);
    for (const command of ['gateway', 'server', 'config', 'catalog', 'secret', 'connect', 'client', 'logs', 'tools']) {
      expect(loaded.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });
});
