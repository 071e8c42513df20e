import { liveRuntimeRecords, type GatewayRuntimeRecord } from '../core/gateway-runtime-file.js';
import { homeFingerprint } from '../core/home-fingerprint.js';
import type { SettingsStore } from '../settings/settings-store.js';

/** What a CLI command finds when it looks for the user's gateway. */
export type RunningGateway =
  /** A gateway answers over HTTP: connect to it (its containers are reused). */
  | { kind: 'running'; base: string; token: string | undefined; pid: number | undefined }
  /** The user stopped the gateway that runs (tray, window, control API): refuse, do not serve behind its back. */
  | { kind: 'stopped'; base: string; token: string | undefined; pid: number | undefined; owner: GatewayRuntimeRecord['owner'] | undefined }
  /**
   * No gateway of this home serves HTTP: only then may a command run the engine in-process. `otherHome` names
   * a gateway that answers on a port this home looked at but serves another Switchyard home (or does not say
   * which): it is not used.
   */
  | { kind: 'none'; stdioGateways: number; otherHome?: string };

/**
 * Finds the running gateway of `home`: first through the runtime files gateways write (any port), then on the
 * `gateway.port` setting (a gateway that wrote no file). A gateway is trusted only when its port answers as a
 * Switchyard gateway of this home (its /health names the home's fingerprint), so a reused pid, a dead port or
 * another home's gateway on the same default port never stands in for this home's.
 */
export async function findRunningGateway(home: string, store: Pick<SettingsStore, 'load'>): Promise<RunningGateway> {
  const records = liveRuntimeRecords(home);
  const { settings } = store.load();
  const token = settings.gateway.token;
  const candidates: Array<{ port: number; record: GatewayRuntimeRecord | undefined }> = records
    .filter((record) => record.transport === 'http' && record.port !== undefined)
    .map((record) => ({ port: record.port!, record }));
  if (!candidates.some((candidate) => candidate.port === settings.gateway.port)) candidates.push({ port: settings.gateway.port, record: undefined });

  const fingerprint = homeFingerprint(home);
  let stopped: RunningGateway | undefined;
  let otherHome: string | undefined;
  for (const { port, record } of candidates) {
    const base = `http://127.0.0.1:${port}`;
    const health = await gatewayHealth(base);
    if (health.state === 'absent') continue;
    // A gateway that names its home must name this one; one that names none (an older version) only counts
    // when this home's own runtime file points at it.
    if (health.home === undefined ? record === undefined : health.home !== fingerprint) {
      otherHome ??= base;
      continue;
    }
    if (health.state === 'ok') return { kind: 'running', base, token, pid: record?.pid };
    stopped ??= { kind: 'stopped', base, token, pid: record?.pid, owner: record?.owner };
  }
  return (
    stopped ?? {
      kind: 'none',
      stdioGateways: records.filter((record) => record.transport === 'stdio').length,
      ...(otherHome ? { otherHome } : {}),
    }
  );
}

/** What a gateway's /health says: serving (ok), stopped by the user, or nothing that is a Switchyard gateway; and whose home it serves. */
export async function gatewayHealth(base: string): Promise<{ state: 'ok' | 'stopped' | 'absent'; home?: string }> {
  try {
    const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
    const body = (await response.json()) as { service?: string; status?: string; home?: unknown };
    if (body.service !== 'switchyard') return { state: 'absent' };
    const state = body.status === 'ok' ? 'ok' : body.status === 'stopped' ? 'stopped' : 'absent';
    return typeof body.home === 'string' ? { state, home: body.home } : { state };
  } catch {
    return { state: 'absent' };
  }
}

/** The live gateway process (another than this one) whose runtime file says it listens on this port. */
export function gatewayOnPort(home: string, port: number): GatewayRuntimeRecord | undefined {
  return liveRuntimeRecords(home).find((record) => record.transport === 'http' && record.port === port && record.pid !== process.pid);
}
