// `npm run dist:check`: packs the desktop app with electron-builder's `dir` target, using electron-builder.yml
// as `npm run dist` does, but against a stand-in Electron folder (Electron's binary cannot be downloaded on
// the machines that run the tests), then checks what would ship:
//   - app.asar holds the engine (main, preload, workers, the bundled and the compiled CLI and bridge), the renderer and
//     package.json, and every package the CLI bundle leaves external;
//   - the native modules (.node) and the static stdio-socket program are unpacked, outside the asar;
//   - the bundled catalog is an extra resource;
//   - nothing of development is inside: no devDependency, test folder, TypeScript source, source map or .env.
// Prints the file list summary and sizes; exits 1 naming every problem. Needs `npm run build` first.
// Two settings differ from a real build, both because the Electron in the folder is a stand-in: native modules
// are not rebuilt for Electron's ABI (that needs Electron's headers) and the fuses are not flipped (they live
// in the real binary). `npm run dist` does both.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import asar from '@electron/asar';
import { Arch, build, Platform } from 'electron-builder';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));

for (const built of [
  'dist/electron/main.js',
  'dist/electron/preload.cjs',
  'dist/renderer/index.html',
  'dist/node/electron/cli/index.js',
  'dist/cli/index.js',
]) {
  if (!existsSync(path.join(root, built))) fail([`${built} is missing: run \`npm run build\` first`]);
}

const work = mkdtempSync(path.join(tmpdir(), 'switchyard-dist-check-'));
try {
  const electronDist = standInElectron(path.join(work, 'electron-dist'));
  const output = path.join(work, 'release');
  const started = Date.now();
  await build({
    projectDir: root,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      ...config,
      directories: { ...config.directories, output },
      electronDist,
      electronVersion: electronVersion(),
      npmRebuild: false,
      electronFuses: null,
    },
  });
  const appDir = path.join(output, 'linux-unpacked');
  const resources = path.join(appDir, 'resources');
  const problems = check(resources, appDir);
  report(resources, Date.now() - started);
  if (problems.length > 0) fail(problems);
  console.log('dist:check passed');
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** A folder shaped like Electron's Linux zip: the executable (a script that says it is a stand-in) and its resources. */
function standInElectron(dir) {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  writeFileSync(path.join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron for dist:check; not runnable" >&2\nexit 1\n');
  chmodSync(path.join(dir, 'electron'), 0o755);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(path.join(dir, 'version'), electronVersion());
  return dir;
}

function electronVersion() {
  return JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
}

function check(resources, appDir) {
  const problems = [];
  const archive = path.join(resources, 'app.asar');
  if (!existsSync(archive)) return [`no app.asar in ${resources}`];
  const inside = asar.listPackage(archive, {}).map((file) => file.replaceAll('\\', '/'));
  const has = (file) => inside.includes(file);
  for (const file of [
    '/package.json',
    '/dist/electron/main.js',
    '/dist/electron/preload.cjs',
    '/dist/electron/history-writer-worker.js',
    '/dist/electron/history-reader-worker.js',
    '/dist/renderer/index.html',
    '/dist/node/electron/cli/index.js',
    '/dist/cli/index.js',
    '/bin/switchyard.js',
  ]) {
    if (!has(file)) problems.push(`app.asar lacks ${file}`);
  }
  if (!inside.some((file) => file.startsWith('/node_modules/better-sqlite3/'))) problems.push('app.asar lacks the production dependency better-sqlite3');

  const unpacked = path.join(resources, 'app.asar.unpacked');
  const stdioSocket = path.join(unpacked, 'dist/stdio-socket/stdio-socket-linux-x64');
  if (existsSync(path.join(root, 'dist/stdio-socket/stdio-socket-linux-x64')) && !existsSync(stdioSocket))
    problems.push('stdio-socket is not unpacked outside the asar');
  for (const native of [
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    'node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node',
  ]) {
    if (!existsSync(path.join(unpacked, native))) problems.push(`native module ${native} is not unpacked outside the asar`);
  }
  if (!existsSync(path.join(resources, 'catalog/docker-mcp-catalog.yaml'))) problems.push('the bundled catalog is not in resources/catalog');
  if (!existsSync(path.join(appDir, config.executableName))) problems.push(`no ${config.executableName} executable in ${appDir}`);

  // A devDependency may also be a production dependency's own dependency (protobufjs needs @types/node): only the
  // packages npm does not list in the production tree are development-only.
  const production = productionPackages();
  const devOnly = Object.keys(pkg.devDependencies ?? {}).filter((name) => !production.has(name));
  for (const name of devOnly) {
    if (inside.some((file) => file.startsWith(`/node_modules/${name}/`))) problems.push(`devDependency ${name} is inside app.asar`);
  }
  const forbidden = [
    [/\.map$/, 'a source map'],
    [/(^|\/)\.env(\.|$)/, 'an .env file'],
    [/^\/(test|e2e|bench|renderer\/src|electron|shared)\//, 'project source or tests'],
    [/^\/dist\/node\/bench\//, 'the benchmarks'],
    [/^\/dist\/[^/]+.*\.tsx?$/, 'TypeScript source'],
  ];
  for (const [pattern, what] of forbidden) {
    const found = inside.filter((file) => pattern.test(file));
    if (found.length > 0) problems.push(`${what} inside app.asar: ${found.slice(0, 5).join(', ')}${found.length > 5 ? ` and ${found.length - 5} more` : ''}`);
  }
  return problems;
}

/** Names of every package in the production dependency tree (`npm ls --omit=dev --all`). */
function productionPackages() {
  const listing = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const names = new Set();
  for (const line of listing.split('\n')) {
    const at = line.lastIndexOf('node_modules/');
    if (at >= 0) names.add(line.slice(at + 'node_modules/'.length));
  }
  return names;
}

function report(resources, ms) {
  const archive = path.join(resources, 'app.asar');
  const inside = asar.listPackage(archive, {});
  const groups = new Map();
  for (const file of inside) {
    const parts = file.replaceAll('\\', '/').split('/').filter(Boolean);
    if (parts[0] === 'node_modules' && parts.length < (parts[1]?.startsWith('@') ? 4 : 3)) continue;
    const key = parts[0] === 'node_modules' ? `node_modules/${parts[1]?.startsWith('@') ? `${parts[1]}/${parts[2]}` : parts[1]}` : parts.slice(0, 2).join('/');
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  const top = [...groups].filter(([key]) => !key.startsWith('node_modules/'));
  const modules = [...groups].filter(([key]) => key.startsWith('node_modules/'));
  console.log(`packed in ${(ms / 1000).toFixed(1)} s; app.asar ${(statSync(archive).size / 1048576).toFixed(1)} MB, ${inside.length} entries`);
  for (const [key, count] of top) console.log(`  ${key}: ${count}`);
  console.log(`  node_modules: ${modules.length} packages (${modules.map(([key]) => key.slice('node_modules/'.length)).join(', ')})`);
}

function fail(problems) {
  console.error(`dist:check failed:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  process.exit(1);
}
