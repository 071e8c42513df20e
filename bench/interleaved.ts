import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { median, summarize, type LatencySummary } from './stats.js';

/** Anything that calls the echo tool: the SDK client, or one of the bench's lean clients. */
export interface EchoCaller {
  callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
}

export interface BenchTarget {
  label: string;
  client: EchoCaller;
  /** The process serving it, for its CPU time (undefined: not measured). */
  pid?: number | undefined;
}

export interface RoundsResult {
  /** Latencies of every call, with the median round's rate as callsPerSecond. */
  summary: LatencySummary;
  /** Median CPU time of the target's process per call, in microseconds (NaN when not measured). */
  cpuUsPerCall: number;
  /** Each round's rate, by round: round i of every target ran within the same rotation, seconds apart. */
  roundRates: number[];
}

/**
 * Sequential calls taken in turns, call by call, in rotating order: a slow moment of this shared machine hits
 * every target alike instead of whichever happened to run then. Throughput is calls / time spent in calls.
 */
export async function interleavedSequential(targets: readonly BenchTarget[], calls: number): Promise<Map<BenchTarget, LatencySummary & { samples: number[] }>> {
  const samples = new Map<BenchTarget, number[]>(targets.map((target) => [target, []]));
  for (let i = 0; i < calls; i++) {
    for (let k = 0; k < targets.length; k++) {
      const target = targets[(i + k) % targets.length]!;
      const t0 = performance.now();
      await echo(target.client, i);
      samples.get(target)!.push(performance.now() - t0);
    }
  }
  return new Map(
    targets.map((target) => {
      const own = samples.get(target)!;
      return [
        target,
        {
          ...summarize(
            own,
            own.reduce((sum, ms) => sum + ms, 0),
          ),
          samples: own,
        },
      ];
    }),
  );
}

/**
 * `width` calls in flight, in rounds that rotate through the targets. After each round the target gets
 * `settleMs` to finish work it deferred (history batches, indexing), so that work is charged to its own CPU
 * figure and does not slow the next target's round. The rate is the median round's.
 */
export async function rotatingRounds(
  targets: readonly BenchTarget[],
  options: { rounds: number; callsPerRound: number; width: number; settleMs: number },
): Promise<Map<BenchTarget, RoundsResult>> {
  const rates = new Map<BenchTarget, number[]>(targets.map((target) => [target, []]));
  const cpu = new Map<BenchTarget, number[]>(targets.map((target) => [target, []]));
  const samples = new Map<BenchTarget, number[]>(targets.map((target) => [target, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < targets.length; k++) {
      const target = targets[(round + k) % targets.length]!;
      const cpu0 = processCpuMs(target.pid);
      const t0 = performance.now();
      samples.get(target)!.push(...(await inFlight(target.client, options.callsPerRound, options.width)));
      rates.get(target)!.push((options.callsPerRound / (performance.now() - t0)) * 1000);
      if (options.settleMs > 0) await new Promise((resolve) => setTimeout(resolve, options.settleMs));
      const cpu1 = processCpuMs(target.pid);
      if (cpu0 !== undefined && cpu1 !== undefined) cpu.get(target)!.push(((cpu1 - cpu0) * 1000) / options.callsPerRound);
    }
  }
  return new Map(
    targets.map((target) => {
      const summary = summarize(samples.get(target)!, 1);
      const cpuUs = cpu.get(target)!;
      const roundRates = rates.get(target)!;
      return [target, { summary: { ...summary, callsPerSecond: median(roundRates) }, cpuUsPerCall: cpuUs.length > 0 ? median(cpuUs) : Number.NaN, roundRates }];
    }),
  );
}

/** `calls` echo calls, `width` at a time; returns each call's latency in ms. */
export async function inFlight(client: EchoCaller, calls: number, width: number): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < calls) {
        const t0 = performance.now();
        await echo(client, next++);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return samples;
}

/**
 * The median over paired windows of `cost(a, b)`: window i of `a` and of `b` were measured at the same time
 * (the same rotation of rounds, or the same stretch of interleaved calls), so a slow phase of this shared
 * machine hits both sides of a pair and cancels out of its ratio, where comparing two medians of separate
 * windows would keep it.
 */
export function pairedMedian(a: readonly number[], b: readonly number[], cost: (a: number, b: number) => number): number {
  const pairs = Math.min(a.length, b.length);
  return median(Array.from({ length: pairs }, (_, i) => cost(a[i]!, b[i]!)));
}

/** Mean call rate (calls/s) of consecutive windows of `size` sequential latencies. */
export function windowRates(samplesMs: readonly number[], size: number): number[] {
  const rates: number[] = [];
  for (let start = 0; start + size <= samplesMs.length; start += size) {
    let sum = 0;
    for (let i = start; i < start + size; i++) sum += samplesMs[i]!;
    rates.push((size / sum) * 1000);
  }
  return rates;
}

/** One echo call, checked: a benchmark that measures errors measures nothing. */
export async function echo(client: EchoCaller, i: number): Promise<void> {
  const result = (await client.callTool({ name: 'echo', arguments: { message: `m${i}` } })) as { content?: Array<{ text?: string }> };
  if (result.content?.[0]?.text !== `Echo: m${i}`) throw new Error(`unexpected echo answer: ${JSON.stringify(result.content)}`);
}

/** User + system CPU time of a process (all its threads), from /proc; undefined where there is no /proc. */
export function processCpuMs(pid: number | undefined): number | undefined {
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
