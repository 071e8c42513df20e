// Bundles the Electron main process and preload with esbuild. Needs no Electron binary: `electron` stays an
// external import that only the real app resolves. `--outdir DIR` builds elsewhere (the unit tests do).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = path.resolve(values.outdir ?? path.join(root, 'dist', 'electron'));
// Floors below what Electron 41 embeds: modern syntax ships as written.
const target = ['node22', 'chrome130'];

/** Both Node-side bundles: our code bundled, npm packages loaded from node_modules. */
const nodeBundle = { bundle: true, platform: 'node', format: 'esm', target, packages: 'external', logLevel: 'warning' };

await Promise.all([buildMain(), buildHistoryWorker('history-writer-worker'), buildHistoryWorker('history-reader-worker'), buildPreload()]);

/** Main process: ESM (package.json has "type": "module"); our code bundled, npm packages loaded from node_modules. */
async function buildMain() {
  await esbuild.build({
    ...nodeBundle,
    entryPoints: [path.join(root, 'electron', 'main', 'index.ts')],
    outfile: path.join(outdir, 'main.js'),
    external: ['electron'],
    sourcemap: true,
  });
}

/** The history's writer and reader threads, beside main.js, where the bundled history store looks for them. */
async function buildHistoryWorker(name) {
  await esbuild.build({
    ...nodeBundle,
    entryPoints: [path.join(root, 'electron', 'history', `${name}.ts`)],
    outfile: path.join(outdir, `${name}.js`),
  });
}

/** Preload: a sandboxed preload is CommonJS and may require only 'electron', so the shared/ code it uses goes inside. */
async function buildPreload() {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'electron', 'preload', 'index.ts')],
    outfile: path.join(outdir, 'preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target,
    external: ['electron'],
    metafile: true,
    logLevel: 'warning',
  });
  const forbidden = Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((entry) => entry.external && entry.path !== 'electron')
    .map((entry) => entry.path);
  if (forbidden.length > 0) {
    throw new Error(`preload.cjs requires ${forbidden.join(', ')}: a sandboxed preload can require only 'electron'.`);
  }
}
