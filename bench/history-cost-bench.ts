import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { projectRoot } from '../electron/core/version.js';
import { inFlight, interleavedSequential, pairedMedian, rotatingRounds, windowRates, type BenchTarget } from './interleaved.js';
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
 * is the noise floor of each figure. Every figure is a median of paired ratios (see pairedMedian). Three
 * measurements:
 *  1. SDK client, sequential: the three take turns call by call, so a slow second hits all three alike;
 *     throughput is 1 / mean latency, per window of calls.
 *  2. SDK client, 16 in flight: rounds in rotating order, each followed by a pause in which that gateway
 *     finishes its deferred work; each round's rate against the other gateways' rounds of the same rotation.
 *  3. Lean client (no zod, no SDK), 16 in flight: the gateway itself is then what runs out of CPU, so this is
 *     the worst case for any per-call work; with the gateway process's CPU time per call from /proc.
 */
export async function benchHistoryCost(options: HistoryCostOptions): Promise<string[]> {
  const lines: string[] = [];
  const sdk = await startTrio(options, startSdkGateway);
  try {
    for (const target of sdk.all) await inFlight(target.client, 200, 16); // warm up: containers started, JIT warm
    const sequential = await interleavedSequential(sdk.all, options.sequentialCalls);
    const windows = (target: Target) => windowRates(sequential.get(target)!.samples, sequentialWindow);
    lines.push(
      costLine(`SDK client, sequential, ${options.sequentialCalls} calls each taken in turns, paired in windows of ${sequentialWindow}`, sdk, windows),
    );
    const rounds = await rotatingRounds(sdk.all, { rounds: options.rounds, callsPerRound: options.callsPerRound, width: 16, settleMs });
    lines.push(
      costLine(`SDK client, 16 in flight, ${options.rounds} rotating rounds of ${options.callsPerRound}`, sdk, (target) => rounds.get(target)!.roundRates),
    );
  } finally {
    await sdk.close();
  }
  const lean = await startTrio(options, startLeanGateway);
  try {
    for (const target of lean.all) await inFlight(target.client, 1000, 16);
    const calls = options.callsPerRound * 3;
    const rounds = await rotatingRounds(lean.all, { rounds: options.rounds, callsPerRound: calls, width: 16, settleMs });
    lines.push(
      costLine(
        `lean client, 16 in flight (the gateway's own CPU shows: the worst case), ${options.rounds} rounds of ${calls}`,
        lean,
        (target) => rounds.get(target)!.roundRates,
      ),
    );
    const on = rounds.get(lean.on)!.cpuUsPerCall;
    const off = rounds.get(lean.off)!.cpuUsPerCall;
    if (Number.isFinite(on) && Number.isFinite(off)) {
      lines.push(
        `  gateway process CPU per call (all threads, /proc): on ${on.toFixed(0)} us vs off ${off.toFixed(0)} us: +${(on - off).toFixed(0)} us (recording's SQLite writes and full-text indexing run on the writer thread and are counted here)`,
      );
    }
  } finally {
    await lean.close();
  }
  return lines;
}

interface Target extends BenchTarget {
  close(): Promise<void>;
}

interface Trio {
  on: Target;
  off: Target;
  twin: Target;
  all: Target[];
  close(): Promise<void>;
}

async function startTrio(options: HistoryCostOptions, start: (label: string, home: string, image: string, extra: string[]) => Promise<Target>): Promise<Trio> {
  const on = await start('history on', options.home, options.image, []);
  const off = await start('history off', options.home, options.image, ['--no-history']);
  // The twin gets its own home, so its own database: two writers on one file would measure locking, not recording.
  const twin = await start('history on (twin)', mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-twin-')), options.image, []);
  const all = [on, off, twin];
  return { on, off, twin, all, close: async () => void (await Promise.all(all.map((target) => target.close()))) };
}

/** A little more than the history's idle delay before full-text indexing (1 s) plus one indexing chunk. */
const settleMs = 1300;

/** Sequential calls are compared in windows of this many calls per gateway (about a second of calls). */
const sequentialWindow = 100;

/**
 * The cost is the median over paired windows (rounds, or windows of sequential calls) of 1 - on/off; the noise
 * floor the median of |1 - twin/on| over the same windows. Each pair ran at the same time (see pairedMedian).
 */
function costLine(label: string, trio: Trio, rates: (target: Target) => number[]): string {
  const [on, off, twin] = [rates(trio.on), rates(trio.off), rates(trio.twin)];
  const cost = pairedMedian(on, off, (a, b) => 1 - a / b) * 100;
  const floor = pairedMedian(twin, on, (a, b) => Math.abs(1 - a / b)) * 100;
  const verdict = cost <= 5 ? 'within the 5% target' : 'over the 5% target';
  return `history cost, ${label}: on ${median(on).toFixed(0)} vs off ${median(off).toFixed(0)} calls/s (median windows); paired: ${cost.toFixed(1)}% (${verdict}); two identical history-on gateways differ by ${floor.toFixed(1)}% (noise floor, paired)`;
}

function gatewayArgs(image: string, extra: string[]): string[] {
  return [path.join(projectRoot(), 'bin', 'switchyard.js'), 'gateway', 'run', '--log-level', 'warn', '--image', image, '--name', 'bench', ...extra];
}

async function startSdkGateway(label: string, home: string, image: string, extra: string[]): Promise<Target> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: gatewayArgs(image, extra),
    env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  return { label, client, pid: transport.pid ?? undefined, close: () => client.close() };
}

async function startLeanGateway(label: string, home: string, image: string, extra: string[]): Promise<Target> {
  const client = await LeanStdioClient.spawn(process.execPath, gatewayArgs(image, extra), { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home });
  return { label, client, pid: client.pid, close: () => client.close() };
}
