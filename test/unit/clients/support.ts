import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientFileModes } from '../../../electron/clients/client-file-modes.js';
import { ClientProjects } from '../../../electron/clients/client-projects.js';
import { ClientConnector, type GatewayAccess } from '../../../electron/clients/connector.js';
import type { BridgeCommand } from '../../../electron/clients/switchyard-command.js';
import type { PlatformContext } from '../../../electron/clients/types.js';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'client-configs');

/** A temporary home folder standing in for the user's: nothing here ever touches the real one. */
export function tempHome(): { home: string; remove(): void } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-clients-'));
  return { home, remove: () => rmSync(home, { recursive: true, force: true }) };
}

export const testToken = 'test-token-0123456789abcdef';

export interface FakeGateway extends GatewayAccess {
  port: number;
  current: string | undefined;
}

export function fakeGateway(port = 8819, token: string | undefined = testToken): FakeGateway {
  const gateway: FakeGateway = {
    port,
    current: token,
    token: () => gateway.current,
    ensureToken: () => (gateway.current ??= testToken),
  };
  return gateway;
}

export function testBridge(): BridgeCommand {
  return { command: process.execPath, args: [path.join(repoRoot, 'bin', 'switchyard.js'), 'connect'], env: {} };
}

export function testConnector(
  home: string,
  options: {
    gateway?: FakeGateway;
    bridge?: BridgeCommand;
    processes?: string[] | undefined;
    context?: Partial<PlatformContext>;
    /** Where file modes and connected projects are remembered (as the app does, in its home). Default: a folder in the temp home. */
    stateDir?: string;
  } = {},
): ClientConnector {
  const gateway = options.gateway ?? fakeGateway();
  const bridge = options.bridge ?? testBridge();
  return new ClientConnector({
    context: { platform: 'linux', homedir: home, env: { PATH: '' }, ...options.context },
    gateway: () => gateway,
    bridge: () => bridge,
    processes: async () => options.processes,
    fileModes: new ClientFileModes(options.stateDir ?? path.join(home, '.switchyard-state')),
    projects: new ClientProjects(options.stateDir ?? path.join(home, '.switchyard-state')),
  });
}
