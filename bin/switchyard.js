#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/node by `npm run build:node`.
import('../dist/node/electron/cli/index.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('switchyard: not built yet. Run `npm run build` in the project folder first.\n');
    process.exit(1);
  }
  throw error;
});
