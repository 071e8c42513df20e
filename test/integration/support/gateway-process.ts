import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { ownerIdentity } from '../../../electron/runtime/labels.js';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const cliPath = path.join(repoRoot, 'bin', 'switchyard.js');

export function tempHome(): { home: string; homeHash: string; remove(): void } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-test-'));
  return { home, homeHash: ownerIdentity(home).homeHash, remove: () => rmSync(home, { recursive: true, force: true }) };
}

/** The real SDK client, spawning the real `switchyard gateway run` (built in dist/) over stdio. */
export async function connectToGateway(
  args: string[],
  home: string,
  clientOptions: ClientOptions = {},
): Promise<{ client: Client; transport: StdioClientTransport; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cliPath, 'gateway', 'run', '--log-level', 'debug', ...args],
    env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'switchyard-test', version: '1.0.0' }, clientOptions);
  await client.connect(transport);
  return { client, transport, stderr: () => stderr };
}
