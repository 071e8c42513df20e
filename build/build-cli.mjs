// Bundles the CLI (and the stdio bridge it contains) with esbuild into dist/cli/: one entry, index.js, and one
// chunk per lazily loaded command, so `switchyard --version` reads a few files instead of resolving thousands of
// modules. Pure-JavaScript dependencies go inside; what cannot be bundled stays in node_modules: native modules
// (better-sqlite3, @napi-rs/keyring), dockerode (ssh2's optional native parts), OpenTelemetry (protobufjs loads
// code at run time), ws (optional native helpers). bin/switchyard.js runs this bundle, or dist/node when it is
// missing (a tsc-only build). `--outdir DIR` builds elsewhere.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = path.resolve(values.outdir ?? path.join(root, 'dist', 'cli'));

export const externalPackages = ['better-sqlite3', '@napi-rs/keyring', 'ssh2', '@grpc/*', '@opentelemetry/*', 'ws', 'electron'];

/**
 * dockerode is bundled, but two of its parts load only when used: docker-modem's SSH transport (ssh2, with its
 * optional native parts, for an ssh:// DOCKER_HOST) and dockerode's BuildKit session (gRPC and protobufjs).
 * Required at the top of their modules, they were most of the ~150 ms that loading dockerode took, on the path
 * of `gateway run --image` to its container's start. Each becomes a function that requires the real module on
 * its first call (esbuild evaluates a bundled CommonJS module on its first require).
 */
const lazyRequires = [
  { importer: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/, specifier: './ssh' },
  { importer: /[\\/]dockerode[\\/]lib[\\/]docker\.js$/, specifier: './session' },
];
const dockerodeLazyParts = {
  name: 'dockerode-lazy-parts',
  setup(build) {
    build.onResolve({ filter: /^\.\/(ssh|session)$/ }, (args) => {
      if (!lazyRequires.some((lazy) => lazy.specifier === args.path && lazy.importer.test(args.importer))) return undefined;
      return { path: path.join(path.dirname(args.importer), `${args.path}.js`), namespace: 'lazy-require' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-require' }, (args) => ({
      contents: `module.exports = function () { return require(${JSON.stringify(args.path)}).apply(this, arguments); };`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

/**
 * dockerode's BuildKit progress decoder (protobufjs with its parts, ~320 kB) is required only when the progress
 * of a BuildKit build is followed: it stays out of the bundle and loads from node_modules then (dockerode is a
 * dependency, so it is there). Bundled, it was half of what `gateway run --image` read before its container's
 * create (issue #18).
 */
const dockerodeBuildkitOutside = {
  name: 'dockerode-buildkit-outside',
  setup(build) {
    build.onResolve({ filter: /^\.\/buildkit$/ }, (args) =>
      /[\\/]dockerode[\\/]lib[\\/]docker\.js$/.test(args.importer) ? { path: 'dockerode/lib/buildkit.js', external: true } : undefined,
    );
  },
};

/**
 * zod re-exports every message locale (`z.locales`, ~370 kB of the bundle) although only English, which it sets
 * itself, is used by anyone here: the bundle gets a locales module with English alone, so a command that reads
 * the settings does not parse forty translations first.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true }); // chunks are named by content: drop the last build's
const shared = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: ['node20'],
  // ES module builds first: jsonc-parser's CommonJS build is UMD, whose run-time require() esbuild cannot follow.
  mainFields: ['module', 'main'],
  external: externalPackages,
  plugins: [zodEnglishOnly, dockerodeLazyParts, dockerodeBuildkitOutside],
  // Bundled CommonJS packages call require() for Node's built-ins, and write-file-atomic hashes __filename into
  // its temporary names: give the ES module output both.
  banner: {
    js: [
      "import { createRequire as __switchyardCreateRequire } from 'node:module';",
      "import { fileURLToPath as __switchyardFileURLToPath } from 'node:url';",
      'const require = __switchyardCreateRequire(import.meta.url);',
      'const __filename = __switchyardFileURLToPath(import.meta.url);',
    ].join(' '),
  },
  logLevel: 'warning',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
};
await esbuild.build({
  ...shared,
  // bridge.js: `switchyard connect` to a running gateway's socket, loaded by bin/switchyard.js without the CLI.
  // gateway-image.js: `gateway run --image` on stdio, run by bin/switchyard.js without the CLI (early-start.js read its line).
  entryPoints: {
    index: path.join(root, 'electron', 'cli', 'index.ts'),
    bridge: path.join(root, 'electron', 'cli', 'bridge-entry.ts'),
    'gateway-image': path.join(root, 'electron', 'cli', 'gateway-image-entry.ts'),
  },
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
// early-start.js: the container of `gateway run --image`, started by bin/switchyard.js before the CLI loads. One
// file, no chunks: Node loads each ES module in turn, and the dozen chunks it would share cost ~30 ms.
await esbuild.build({ ...shared, entryPoints: { 'early-start': path.join(root, 'electron', 'cli', 'early-start-entry.ts') }, outdir });
