import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { projectRoot } from '../electron/app/version.js';
import { LeanStdioClient } from './lean-stdio-client.js';
import { median } from './stats.js';

export interface HistoryCostOptions {
  home: string;
  image: string;
  /** Calls per gateway in the interleaved sequential run. */
  sequentialCalls: number;
  /** Rotating rounds of 16-in-flight calls, and calls per round. */
  rounds: number;
  callsPerRound: number;
}

/**
 * What recording every call costs, measured so that this machine's drift cancels out. Three gateways run side
 * by side on the same image: history on, history off, and a second history-on "twin" whose gap to the first
 * is the noise floor of each figure. Three measurements:
 *  1. SDK client, sequential: the three take turns call by call, so a slow second hits all three alike;
 *     throughput is 1 / mean latency.
 *  2. SDK client, 16 in flight: rounds in rotating order, each followed by a pause in which that gateway
 *     finishes its deferred work; the median round rate of each.
 *  3. Lean client (no zod, no SDK), 16 in flight: the gateway itself is then what runs out of CPU, so this is
 *     the worst case for any per-call work; with the gateway process's CPU time per call from /proc.
 */
export async function benchHistoryCost(options: HistoryCostOptions): Promise<string[]> {
  const lines: string[] = [];
  const sdk = await startTrio(options, startSdkGateway);
  try {
    for (const target of sdk.all) await inFlight(target.client, 200, 16); // warm up: containers started, JIT warm
    const sequential = await interleavedSequential(sdk, options.sequentialCalls);
    lines.push(costLine(`SDK client, sequential, ${options.sequentialCalls} calls each taken in turns`, sequential, 'calls/s'));
    const rounds = await rotatingRounds(sdk, options.rounds, options.callsPerRound);
    lines.push(costLine(`SDK client, 16 in flight, ${options.rounds} rotating rounds of ${options.callsPerRound}`, rounds.rate, 'calls/s'));
  } finally {
    await sdk.close();
  }
  const lean = await startTrio(options, startLeanGateway);
  try {
    for (const target of lean.all) await inFlight(target.client, 1000, 16);
    const rounds = await rotatingRounds(lean, options.rounds, options.callsPerRound * 3);
    lines.push(costLine(`lean client, 16 in flight (gateway CPU-bound: the worst case), ${options.rounds} rounds of ${options.callsPerRound * 3}`, rounds.rate, 'calls/s'));
    const { on, off } = rounds.cpuUs;
    if (on > 0 && off > 0) {
      lines.push(`  gateway process CPU per call (all threads, /proc): on ${on.toFixed(0)} us vs off ${off.toFixed(0)} us: +${(on - off).toFixed(0)} us (recording's SQLite writes run on the writer thread and are counted here)`);
    }
  } finally {
    await lean.close();
  }
  return lines;
}

interface Caller {
  callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
}

interface Target {
  client: Caller;
  pid: number | undefined;
  close(): Promise<void>;
}

interface Trio {
  on: Target;
  off: Target;
  twin: Target;
  all: Target[];
  close(): Promise<void>;
}

/** One figure for each of the three gateways; higher is better. */
interface Triple {
  on: number;
  off: number;
  twin: number;
}

async function startTrio(options: HistoryCostOptions, start: (home: string, image: string, extra: string[]) => Promise<Target>): Promise<Trio> {
  const on = await start(options.home, options.image, []);
  const off = await start(options.home, options.image, ['--no-history']);
  // The twin gets its own home, so its own database: two writers on one file would measure locking, not recording.
  const twin = await start(mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-twin-')), options.image, []);
  const all = [on, off, twin];
  return { on, off, twin, all, close: async () => void (await Promise.all(all.map((target) => target.close()))) };
}

async function interleavedSequential(trio: Trio, calls: number): Promise<Triple> {
  const order = [trio.on, trio.off, trio.twin];
  const total = new Map<Target, number>(order.map((target) => [target, 0]));
  for (let i = 0; i < calls; i++) {
    for (let k = 0; k < order.length; k++) {
      const target = order[(i + k) % order.length]!;
      const t0 = performance.now();
      await echo(target.client, i);
      total.set(target, total.get(target)! + performance.now() - t0);
    }
  }
  const rate = (target: Target) => (calls / total.get(target)!) * 1000;
  return { on: rate(trio.on), off: rate(trio.off), twin: rate(trio.twin) };
}

async function rotatingRounds(trio: Trio, rounds: number, callsPerRound: number): Promise<{ rate: Triple; cpuUs: { on: number; off: number } }> {
  const rates = new Map<Target, number[]>(trio.all.map((target) => [target, []]));
  const cpu = new Map<Target, number[]>(trio.all.map((target) => [target, []]));
  const order = [trio.on, trio.off, trio.twin];
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < order.length; k++) {
      const target = order[(round + k) % order.length]!;
      const cpu0 = processCpuMs(target.pid);
      const rate = await inFlight(target.client, callsPerRound, 16);
      // Let the round's deferred work (the writer thread's batch, full-text indexing once idle) finish before the
      // next gateway's round, so it is counted in this gateway's CPU and does not slow the next one down.
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      const cpu1 = processCpuMs(target.pid);
      rates.get(target)!.push(rate);
      if (cpu0 !== undefined && cpu1 !== undefined) cpu.get(target)!.push(((cpu1 - cpu0) * 1000) / callsPerRound);
    }
  }
  const rate = (target: Target) => median(rates.get(target)!);
  const cpuOf = (target: Target) => (cpu.get(target)!.length > 0 ? median(cpu.get(target)!) : 0);
  return { rate: { on: rate(trio.on), off: rate(trio.off), twin: rate(trio.twin) }, cpuUs: { on: cpuOf(trio.on), off: cpuOf(trio.off) } };
}

/** A little more than the history's idle delay before full-text indexing (1 s) plus one indexing chunk. */
const settleMs = 1300;

function costLine(label: string, figures: Triple, unit: string): string {
  const cost = (1 - figures.on / figures.off) * 100;
  const floor = Math.abs(1 - figures.twin / figures.on) * 100;
  const verdict = cost <= 5 ? 'within the 5% target' : 'over the 5% target';
  return `history cost, ${label}: on ${figures.on.toFixed(0)} vs off ${figures.off.toFixed(0)} ${unit}: ${cost.toFixed(1)}% (${verdict}); two identical history-on gateways differ by ${floor.toFixed(1)}% (noise floor)`;
}

async function inFlight(client: Caller, calls: number, width: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < calls) await echo(client, next++);
    }),
  );
  return (calls / (performance.now() - started)) * 1000;
}

async function echo(client: Caller, i: number): Promise<void> {
  const result = (await client.callTool({ name: 'echo', arguments: { message: `m${i}` } })) as { content?: Array<{ text?: string }> };
  if (result.content?.[0]?.text !== `Echo: m${i}`) throw new Error(`unexpected echo answer: ${JSON.stringify(result.content)}`);
}

function gatewayArgs(image: string, extra: string[]): string[] {
  return [path.join(projectRoot(), 'bin', 'switchyard.js'), 'gateway', 'run', '--log-level', 'warn', '--image', image, '--name', 'bench', ...extra];
}

async function startSdkGateway(home: string, image: string, extra: string[]): Promise<Target> {
  const transport = new StdioClientTransport({ command: process.execPath, args: gatewayArgs(image, extra), env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home }, stderr: 'inherit' });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  return { client, pid: transport.pid ?? undefined, close: () => client.close() };
}

async function startLeanGateway(home: string, image: string, extra: string[]): Promise<Target> {
  const client = await LeanStdioClient.spawn(process.execPath, gatewayArgs(image, extra), { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home });
  return { client, pid: client.pid, close: () => client.close() };
}

/** User + system CPU time of a process (all its threads), from /proc; undefined where there is no /proc. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
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
