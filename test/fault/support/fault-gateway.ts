import { execFileSync } from 'node:child_process';
import type { Client } from '@modelcontextprotocol/client';
import { containersWithLabels } from '../../integration/support/docker.js';
import { tempHome } from '../../integration/support/gateway-process.js';
import { cli, httpClient, HttpGatewayProcess, writeSettings } from '../../integration/support/http-gateway.js';
import { labelKeys } from '../../../electron/runtime/labels.js';

/** A call's outcome: its text (or the error's), and when it settled. */
export interface Outcome {
  text: string;
  failed: boolean;
  at: number;
}

/** Runs a tool call and never throws: a rejected call and an isError result both count as failed. */
export async function outcomeOf(call: Promise<unknown>): Promise<Outcome> {
  try {
    const result = (await call) as { isError?: boolean; content?: Array<{ text?: string }> };
    return { text: result.content?.[0]?.text ?? JSON.stringify(result), failed: result.isError === true, at: Date.now() };
  } catch (error) {
    return { text: String(error), failed: true, at: Date.now() };
  }
}

/** A `switchyard gateway run --transport http` of its own home and settings, with an SDK client connected. */
export async function faultGateway(
  servers: Record<string, Record<string, unknown>>,
  env: Record<string, string> = {},
): Promise<{ gateway: HttpGatewayProcess; client: Client; home: ReturnType<typeof tempHome>; close(): Promise<void> }> {
  const home = tempHome();
  writeSettings(home.home, { servers, gateway: { alwaysPrefix: true } });
  // Any free port: the settings' default (8819) may still be held by the gateway of the test file before.
  const gateway = new HttpGatewayProcess(home.home, ['--port', '0'], env);
  await gateway.ready();
  const client = await httpClient(gateway.url, cli(home.home, ['gateway', 'token'], { env }).trim(), {}, 'fault-client');
  return {
    gateway,
    client,
    home,
    async close() {
      await client.close().catch(() => undefined);
      await gateway.stop();
      home.remove();
    },
  };
}

/** The running container of one server of this home (the gateway's own label). */
export function containerOf(homeHash: string, server: string): string {
  const ids = containersWithLabels({ [labelKeys.home]: homeHash, [labelKeys.server]: server });
  if (ids.length !== 1) throw new Error(`expected one container of "${server}", found ${ids.length}`);
  return ids[0]!;
}

export function dockerKill(id: string): void {
  execFileSync('docker', ['kill', id], { stdio: 'pipe' });
}

/** The gateway's /health: how many servers it believes are running. */
export async function healthOf(url: string): Promise<{ status: string; running: number }> {
  const response = await fetch(new URL('/health', url));
  return (await response.json()) as { status: string; running: number };
}
