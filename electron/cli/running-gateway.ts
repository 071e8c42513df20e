import { liveRuntimeRecords, type GatewayRuntimeRecord } from '../core/gateway-runtime-file.js';
import type { SettingsStore } from '../settings/settings-store.js';

/** What a CLI command finds when it looks for the user's gateway. */
export type RunningGateway =
  /** A gateway answers over HTTP: connect to it (its containers are reused). */
  | { kind: 'running'; base: string; token: string | undefined; pid: number | undefined }
  /** The user stopped the gateway that runs (tray, window, control API): refuse, do not serve behind its back. */
  | { kind: 'stopped'; base: string; token: string | undefined; pid: number | undefined; owner: GatewayRuntimeRecord['owner'] | undefined }
  /** No gateway process serves HTTP: only then may a command run the engine in-process. */
  | { kind: 'none'; stdioGateways: number };

/**
 * Finds the running gateway of `home`: first through the runtime files gateways write (any port), then on the
 * `gateway.port` setting (a gateway that wrote no file). A file is trusted only when its port answers as a
 * Switchyard gateway, so a reused pid or a dead port never stands in for a gateway.
 */
export async function findRunningGateway(home: string, store: Pick<SettingsStore, 'load'>): Promise<RunningGateway> {
  const records = liveRuntimeRecords(home);
  const { settings } = store.load();
  const token = settings.gateway.token;
  const candidates: Array<{ port: number; record: GatewayRuntimeRecord | undefined }> = records
    .filter((record) => record.transport === 'http' && record.port !== undefined)
    .map((record) => ({ port: record.port!, record }));
  if (!candidates.some((candidate) => candidate.port === settings.gateway.port)) candidates.push({ port: settings.gateway.port, record: undefined });

  let stopped: RunningGateway | undefined;
  for (const { port, record } of candidates) {
    const base = `http://127.0.0.1:${port}`;
    const health = await gatewayHealth(base);
    if (health === 'ok') return { kind: 'running', base, token, pid: record?.pid };
    if (health === 'stopped') stopped ??= { kind: 'stopped', base, token, pid: record?.pid, owner: record?.owner };
  }
  return stopped ?? { kind: 'none', stdioGateways: records.filter((record) => record.transport === 'stdio').length };
}

/** What a gateway's /health says: serving (ok), stopped by the user, or nothing that is a Switchyard gateway. */
export async function gatewayHealth(base: string): Promise<'ok' | 'stopped' | 'absent'> {
  try {
    const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
    const body = (await response.json()) as { service?: string; status?: string };
    if (body.service !== 'switchyard') return 'absent';
    return body.status === 'ok' ? 'ok' : body.status === 'stopped' ? 'stopped' : 'absent';
  } catch {
    return 'absent';
  }
}

/** The live gateway process (another than this one) whose runtime file says it listens on this port. */
export function gatewayOnPort(home: string, port: number): GatewayRuntimeRecord | undefined {
  return liveRuntimeRecords(home).find((record) => record.transport === 'http' && record.port === port && record.pid !== process.pid);
}
