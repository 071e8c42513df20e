#!/usr/bin/env node
// Switchyard as the OAuth client of the MCP conformance suite's client mode:
//
//   conformance client --command "node test/conformance/oauth-client/harness.mjs" --suite auth
//
// The suite starts a scenario's MCP server (and authorization server) and runs this with its URL. The harness
// adds that URL as a remote server in a temporary home, starts `switchyard gateway run --transport http` with
// SWITCHYARD_BROWSER set to follow-redirect.mjs (the browser step without a person), and calls through the
// gateway with an MCP client: tools/list, then tools/call test-tool. The gateway meets the 401 and signs in by
// itself. The client metadata document URL is the placeholder the SDK's conformance client uses (see env below).
// For auth/pre-registration the client id and secret from MCP_CONFORMANCE_CONTEXT go to
// `switchyard server auth NAME --client-id ID --client-secret-stdin` first. Exit 0 when the calls succeeded.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const cli = path.join(root, 'bin/switchyard.js');
const serverUrl = process.argv[2];
const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
if (!serverUrl) fail('usage: harness.mjs <server URL>');

const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-oauth-conformance-'));
const env = {
  ...process.env,
  SWITCHYARD_HOME: home,
  SWITCHYARD_SECRET_BACKEND: 'encrypted-file',
  SWITCHYARD_BROWSER: `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(here, 'follow-redirect.mjs'))}`,
  // The Client ID Metadata Document URL the SDK's own conformance client uses (the suite's authorization server
  // accepts it without fetching it): Switchyard uses it where the server supports such documents (auth/basic-cimd).
  SWITCHYARD_OAUTH_CLIENT_METADATA_URL: 'https://conformance-test.local/client-metadata.json',
};
let gateway;
try {
  run(['server', 'add', 'conformance', '--remote', serverUrl]);
  if (scenario === 'auth/pre-registration') {
    const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}');
    run(['server', 'auth', 'conformance', '--client-id', context.client_id, '--client-secret-stdin'], context.client_secret);
  }
  const port = await freePort();
  gateway = spawn(process.execPath, [cli, 'gateway', 'run', '--transport', 'http', '--no-auth', '--port', String(port), '--log-level', 'info'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout.on('data', (chunk) => process.stderr.write(chunk));
  await ready(gateway, `http://127.0.0.1:${port}/mcp`);
  const client = new Client({ name: 'switchyard-oauth-conformance', version: '1.0.0' }, { capabilities: {} });
  await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
  const { tools } = await client.listTools();
  console.error(`harness: tools ${tools.map((tool) => tool.name).join(', ')}`);
  const result = await client.callTool({ name: tools.find((tool) => tool.name === 'test-tool')?.name ?? 'test-tool', arguments: {} });
  if (result.isError) fail(`tools/call test-tool failed: ${JSON.stringify(result.content)}`);
  console.error('harness: tools/call test-tool succeeded');
  await client.close();
} catch (error) {
  if (!error?.harness) console.error(`harness: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await stop(gateway);
  rmSync(home, { recursive: true, force: true });
}

function run(args, input) {
  const result = spawnSync(process.execPath, [cli, ...args], { env, input: input ?? '', encoding: 'utf8', timeout: 60_000 });
  process.stderr.write(result.stderr ?? '');
  if (result.status !== 0) fail(`switchyard ${args.join(' ')} exited with ${result.status}`);
}

function ready(child, url) {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the gateway did not start within 60 s:\n${output}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      output += chunk;
      if (output.includes(`Switchyard gateway: ${url}`)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the gateway exited with ${code} before it was ready:\n${output}`)));
  });
}

async function stop(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

function fail(message) {
  console.error(`harness: ${message}`);
  process.exitCode = 1;
  throw Object.assign(new Error(message), { harness: true });
}
