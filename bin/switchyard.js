#!/usr/bin/env node
// Thin launcher. `npm run build:node` bundles the CLI into dist/cli (a few files to read, so start-up is quick);
// a tsc-only build (dist/node) still runs, only slower to start. `switchyard connect` as AI apps launch it (no
// options, or a profile) first tries dist/cli/bridge.js: a byte pipe to the running gateway's socket, without the CLI;
// `gateway run --image` on stdio starts its container from dist/cli/early-start.js, then runs dist/cli/gateway-image.js.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/index.js', import.meta.url);
const compiled = new URL('../dist/node/electron/cli/index.js', import.meta.url);
const bridge = new URL('../dist/cli/bridge.js', import.meta.url);
const earlyStart = new URL('../dist/cli/early-start.js', import.meta.url);
const gatewayImage = new URL('../dist/cli/gateway-image.js', import.meta.url);

// Under `-e CODE` (the AppImage's bridge imports this file from code) argv holds no script path.
const evaluated = process.execArgv.some((flag) => ['-e', '--eval', '-p', '--print'].includes(flag));
const args = process.argv.slice(evaluated ? 1 : 2);

/** The profile of `connect`, `connect --profile NAME` or `connect --profile=NAME` (the forms the bridge takes alone); else undefined. */
function bridgeProfile() {
  if (args[0] !== 'connect') return undefined;
  if (args.length === 1) return 'default';
  if (args.length === 2 && args[1].startsWith('--profile=')) return args[1].slice('--profile='.length) || undefined;
  if (args.length === 3 && args[1] === '--profile' && !args[2].startsWith('-')) return args[2];
  return undefined;
}

async function run() {
  const profile = bridgeProfile();
  if (profile !== undefined && existsSync(bridge)) {
    const { bridgeToRunningGateway } = await import(bridge.href);
    if (await bridgeToRunningGateway(profile)) return;
  }
  // `gateway run --image` on stdio: its container is started first, then the gateway runs without the CLI.
  if (args[0] === 'gateway' && args[1] === 'run' && args.some((arg) => arg === '--image' || arg.startsWith('--image=')) && existsSync(earlyStart)) {
    const { startEarly } = await import(earlyStart.href);
    const line = await startEarly(args);
    if (line && existsSync(gatewayImage)) {
      const { runGatewayImage } = await import(gatewayImage.href);
      return runGatewayImage(line.command, line.options);
    }
  }
  await import(existsSync(bundle) ? bundle.href : compiled.href);
}

run().catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('switchyard: not built yet. Run `npm run build` in the project folder first.\n');
    process.exit(1);
  }
  throw error;
});
