#!/usr/bin/env node
// Thin launcher. `npm run build:node` bundles the CLI into dist/cli (a few files to read, so start-up is quick);
// a tsc-only build (dist/node) still runs, only slower to start.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/index.js', import.meta.url);
const compiled = new URL('../dist/node/electron/cli/index.js', import.meta.url);
import(existsSync(bundle) ? bundle.href : compiled.href).catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('switchyard: not built yet. Run `npm run build` in the project folder first.\n');
    process.exit(1);
  }
  throw error;
});
