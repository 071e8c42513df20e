import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { projectRoot } from '../electron/app/version.js';
import { median } from './stats.js';

export interface HistoryCostOptions {
  home: string;
  image: string;
  rounds: number;
  callsPerRound: number;
}

/**
 * What recording every call costs, measured so that machine noise cancels: gateways with history on and off
 * run side by side and take turns (rotating order) for `rounds` rounds of sequential calls. Reported: the
 * median of the per-round throughput ratios, the gateway process's CPU time per call from /proc, and the noise
 * floor: how far apart two identical history-on gateways measure in the same rounds.
 */
export async function benchHistoryCost(options: HistoryCostOptions): Promise<string[]> {
  const on = await startGateway(options, []);
  const off = await startGateway(options, ['--no-history']);
  // A second, identical history-on gateway (its own home and database): the on/on ratio is the noise floor of
  // this machine for this figure.
  const twin = await startGateway({ ...options, home: mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-twin-')) }, []);
  try {
    for (const target of [on, off, twin]) await runRound(target, 200); // warm up: containers started, JIT warm
    const ratios: number[] = [];
    const noise: number[] = [];
    const cpu = { on: [] as number[], off: [] as number[] };
    const rate = { on: [] as number[], off: [] as number[] };
    const orders = [
      [on, off, twin],
      [off, twin, on],
      [twin, on, off],
    ];
    for (let round = 0; round < options.rounds; round++) {
      const order = orders[round % orders.length]!;
      const result = new Map<Gateway, { callsPerSecond: number; cpuUsPerCall: number }>();
      for (const target of order) result.set(target, await runRound(target, options.callsPerRound));
      const a = result.get(on)!;
      const b = result.get(off)!;
      ratios.push(a.callsPerSecond / b.callsPerSecond);
      noise.push(Math.abs(1 - result.get(twin)!.callsPerSecond / a.callsPerSecond));
      rate.on.push(a.callsPerSecond);
      rate.off.push(b.callsPerSecond);
      if (Number.isFinite(a.cpuUsPerCall)) cpu.on.push(a.cpuUsPerCall);
      if (Number.isFinite(b.cpuUsPerCall)) cpu.off.push(b.cpuUsPerCall);
    }
    const cost = (1 - median(rate.on) / median(rate.off)) * 100;
    const lines = [
      `history cost, throughput (${options.rounds} rotating rounds of ${options.callsPerRound} sequential calls): median on ${median(rate.on).toFixed(0)} vs off ${median(rate.off).toFixed(0)} calls/s: ${cost.toFixed(1)}% (target <= 5%)`,
      `  per-round on/off cost: median ${((1 - median(ratios)) * 100).toFixed(1)}%; two identical history-on gateways differ by a median ${(median(noise) * 100).toFixed(1)}% per round (the noise floor of one round)`,
    ];
    if (cpu.on.length > 0 && cpu.off.length > 0) {
      const cpuOn = median(cpu.on);
      const cpuOff = median(cpu.off);
      lines.push(`history cost, gateway CPU per call: on ${cpuOn.toFixed(0)} us vs off ${cpuOff.toFixed(0)} us: +${(cpuOn - cpuOff).toFixed(0)} us (${(((cpuOn - cpuOff) / cpuOff) * 100).toFixed(1)}%; SQLite writes run on the writer thread, counted here too)`);
    }
    return lines;
  } finally {
    await on.client.close();
    await off.client.close();
    await twin.client.close();
  }
}

interface Gateway {
  client: Client;
  pid: number | null;
}

async function startGateway(options: HistoryCostOptions, extra: string[]): Promise<Gateway> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(projectRoot(), 'bin', 'switchyard.js'), 'gateway', 'run', '--log-level', 'warn', '--image', options.image, '--name', 'bench', ...extra],
    env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: options.home },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  return { client, pid: transport.pid };
}

async function runRound(target: Gateway, calls: number): Promise<{ callsPerSecond: number; cpuUsPerCall: number }> {
  const cpu0 = processCpuMs(target.pid);
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) {
    const result = await target.client.callTool({ name: 'echo', arguments: { message: `m${i}` } });
    if ((result.content as Array<{ text?: string }>)[0]?.text !== `Echo: m${i}`) throw new Error(`unexpected echo answer: ${JSON.stringify(result.content)}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu1 = processCpuMs(target.pid);
  return { callsPerSecond: calls / seconds, cpuUsPerCall: cpu0 === undefined || cpu1 === undefined ? Number.NaN : ((cpu1 - cpu0) * 1000) / calls };
}

/** User + system CPU time of a process (all its threads), from /proc; undefined where there is no /proc. */
function processCpuMs(pid: number | null): number | undefined {
  if (pid === null) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}
