import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeNpmTargetPlatform } from '../../electron/runtime/npm-base-platform.js';
import { NpmImageBuilder } from '../../electron/runtime/npm-image-builder.js';
import { npmImageTag } from '../../electron/runtime/npm-image-tag.js';
import { containersWithLabels, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';

/** The base image npm servers build on here (node:22-alpine is not reachable): glibc, this machine's node. */
const fixtureBase = process.env.SWITCHYARD_NODE_BASE_IMAGE ?? 'switchyard-fixture/node-base:latest';
/**
 * The fixture base holds only the libraries node itself links; Rust prebuilts also link librt (a stub since
 * glibc 2.34), which every real glibc node image has. This test's base adds the host's copy.
 */
const nodeBase = 'switchyard-test/node-base-native:latest';

function buildNativeBase(): void {
  const context = mkdtempSync(path.join(os.tmpdir(), 'switchyard-native-base-'));
  try {
    const librt = realpathSync('/lib/x86_64-linux-gnu/librt.so.1');
    copyFileSync(librt, path.join(context, 'librt.so.1'));
    writeFileSync(path.join(context, 'Dockerfile'), `FROM ${fixtureBase}\nCOPY librt.so.1 /lib/x86_64-linux-gnu/librt.so.1\n`);
    execFileSync('docker', ['build', '-q', '-t', nodeBase, context], { stdio: 'pipe' });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}
/**
 * A real package whose bin loads native prebuilts at start: lightningcss and @tailwindcss/oxide, each with
 * `-linux-x64-gnu` and `-linux-x64-musl` variants that npm picks by libc.
 */
const nativeSpec = '@tailwindcss/cli@4.3.5';

describe('npm images hold the native prebuilts of the base image, not of the host', () => {
  const home = tempHome();
  const docker = new Docker();
  const tag = npmImageTag(nativeSpec, nodeBase);
  const hostLibc = process.env.npm_config_libc;

  beforeAll(() => {
    requireDockerAndImages(fixtureBase);
    buildNativeBase();
    execFileSync('docker', ['image', 'rm', '-f', tag], { stdio: 'pipe' });
    // A host whose npm would pick the other libc (an Alpine machine building for this glibc base): without the
    // base's own platform on the command line, npm installs lightningcss-linux-x64-musl, which never loads here.
    process.env.npm_config_libc = 'musl';
  });

  afterAll(() => {
    if (hostLibc === undefined) delete process.env.npm_config_libc;
    else process.env.npm_config_libc = hostLibc;
    execFileSync('docker', ['image', 'rm', '-f', tag, nodeBase], { stdio: 'pipe' });
    home.remove();
  });

  it('asks the base image which platform its node runs on, and leaves no container behind', async () => {
    const platform = await probeNpmTargetPlatform(docker, nodeBase);
    expect(platform).toEqual({ os: 'linux', cpu: process.arch, libc: 'glibc' });
    expect(containersWithLabels({ 'io.switchyard.role': 'npm-platform-probe' })).toEqual([]);
  });

  it('builds an image whose package loads its native modules inside the container', { timeout: 300_000 }, async () => {
    const statuses: string[] = [];
    const built = await new NpmImageBuilder({ docker, home: home.home }).ensure(
      { name: 'tailwind', image: tag, build: { npm: nativeSpec, baseImage: nodeBase } },
      (progress) => statuses.push(progress.status),
    );
    expect(built).toBe('built');
    // The package's bin, run as the gateway runs it: no network, read-only.
    const help = spawnSync('docker', ['run', '--rm', '--network', 'none', '--read-only', tag, '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(help.stderr).not.toContain('Cannot find module');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('tailwindcss');
    const lightningcss = spawnSync(
      'docker',
      [
        'run',
        '--rm',
        '--network',
        'none',
        '--read-only',
        '--workdir',
        '/app',
        '--entrypoint',
        'node',
        tag,
        '-e',
        "require('lightningcss'); console.log('loaded')",
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(lightningcss.stdout.trim()).toBe('loaded');
    expect(statuses).toContain('npm install @tailwindcss/cli@4.3.5 (glibc)');
    const log = readFileSync(path.join(home.home, 'logs', 'npm-build-tailwind.log'), 'utf8');
    expect(log).toContain('--libc=glibc');
  });
});
