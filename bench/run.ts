import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { projectRoot } from '../electron/core/version.js';
import { DockerRuntime } from '../electron/runtime/docker-runtime.js';
import { StderrBuffer } from '../electron/runtime/stderr-buffer.js';
import { ownerIdentity } from '../electron/runtime/labels.js';
import { freePort, startInstantHttpServer, startMcpProxy, startSwitchyardHttp, startSwitchyardHttpWithSettings, type HttpTarget } from './http-bench.js';
import { benchHistory } from './history-bench.js';
import { benchHistoryCost } from './history-cost-bench.js';
import { benchLargeResults } from './large-result-bench.js';
import { benchStartup } from './startup-bench.js';
import { benchProfiles } from './profile-bench.js';
import { echo, inFlight as inFlightCalls, interleavedSequential, rotatingRounds, type BenchTarget } from './interleaved.js';
import { median, summarize, type LatencySummary } from './stats.js';

/**
 * `npm run bench`: the gateway against its own baseline, measured in the same run on the same machine.
 * Baseline ("raw"): the MCP SDK client straight on a container's attached stdio (dockerode, no gateway).
 * Gateway: the same client code through `switchyard gateway run` over stdio, fronting the same image.
 */
// The SDK's HTTP client adds an abort listener per request to one long-lived signal; thousands of calls in one
// process trip Node's leak warning, which is noise here (the listeners go when the client closes).
EventEmitter.defaultMaxListeners = 0;

const image = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';
const sequentialCalls = Number(process.env.BENCH_CALLS ?? 2000);
const parallelCalls = Number(process.env.BENCH_PARALLEL_CALLS ?? 4000);
const parallelRounds = 5;
const inFlight = 16;
const coldRuns = Number(process.env.BENCH_COLD_RUNS ?? 5);
const warmup = 200;
const sections = ['startup', 'stdio', 'history-cost', 'cold', 'http', 'listing', 'profiles', 'store', 'large'] as const;
// BENCH_ONLY=http,store runs just those sections (all by default): one figure can be re-measured in minutes.
const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((part) => part.trim())
  .filter(Boolean);
for (const part of only) {
  if (!(sections as readonly string[]).includes(part))
    throw new Error(`BENCH_ONLY: unknown section "${part}"; use any of ${sections.join(', ')} (comma-separated)`);
}
function wanted(section: (typeof sections)[number]): boolean {
  return only.length === 0 || only.includes(section);
}

interface Target {
  label: string;
  connect(): Promise<{ client: Client; close(): Promise<void> }>;
}

async function main(): Promise<void> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-'));
  // The baseline of the issue: the attach stream through dockerd. The gateway (and the second baseline) use the
  // stdio socket, which leaves dockerd out of the message path where the engine allows it.
  const runtime = new DockerRuntime({ home, containerStdio: 'attach' });
  await runtime.ensureReachable();
  const socketRuntime = new DockerRuntime({ home, containerStdio: 'auto' });
  const socketSupport = await socketRuntime.stdioSupport();
  const raw: Target = { label: 'raw dockerode attach', connect: () => connectRaw(runtime) };
  const rawSocket: Target = { label: 'raw on the stdio socket', connect: () => connectRaw(socketRuntime) };
  const gateway: Target = { label: 'switchyard gateway (stdio)', connect: () => connectGateway(home) };
  const noHistory: Target = { label: 'gateway, history off', connect: () => connectGateway(home, ['--no-history']) };

  console.log(`image ${image}; tool echo; node ${process.version}, ${os.cpus().length} cores`);
  console.log(`every target is measured in the same run: sequential calls taken in turns call by call, ${inFlight}-in-flight rounds in rotating order\n`);
  console.log(
    socketSupport.usable
      ? 'servers run behind the stdio socket (no dockerd in the message path) for the gateway, the floor relay and "raw on the stdio socket"'
      : `the stdio socket is not usable here (${socketSupport.reason}): every target uses the attach stream`,
  );
  let startupMissed: string[] = [];
  if (wanted('startup')) {
    console.log('\nstart-up (issue #18)');
    const startup = await benchStartup({ home, image, runs: Number(process.env.BENCH_STARTUP_RUNS ?? 5) });
    for (const line of startup.lines) console.log(line);
    startupMissed = startup.missed;
  }
  if (wanted('stdio')) await benchStdio(home, { raw, rawSocket, gateway, noHistory, floor: floorRelay(home) });
  if (wanted('history-cost')) {
    console.log('');
    for (const line of await benchHistoryCost({
      home,
      image,
      sequentialCalls: Number(process.env.BENCH_HISTORY_CALLS ?? 2000),
      rounds: Number(process.env.BENCH_HISTORY_ROUNDS ?? 7),
      callsPerRound: 700,
    }))
      console.log(line);
  }
  if (wanted('cold')) {
    const cold = {
      raw: await coldStart(raw, coldRuns),
      gateway: { ...(await coldStart(gateway, coldRuns)), stoppedServerCall: await stoppedServerCall(home, coldRuns) },
    };
    printCold(cold);
  }
  if (wanted('large')) for (const line of ['', ...(await benchLargeResults())]) console.log(line);
  if (wanted('http')) await benchHttp(home);
  if (wanted('listing')) await benchListing(home);
  let profilesMissed: string[] = [];
  if (wanted('profiles')) {
    console.log('\nprofiles and on-demand tools (issue #20)');
    const profiles = await benchProfiles(home, image);
    for (const line of profiles.lines) console.log(line);
    profilesMissed = profiles.missed;
  }
  if (wanted('store')) {
    console.log('\ncall history store');
    for (const line of await benchHistory()) console.log(line);
  }
  rmSync(home, { recursive: true, force: true });
  if (startupMissed.length > 0) {
    console.error(`\nstart-up targets missed: ${startupMissed.join('; ')}`);
    process.exitCode = 1;
  }
  if (profilesMissed.length > 0) {
    console.error(`\nprofile targets missed: ${profilesMissed.join('; ')}`);
    process.exitCode = 1;
  }
}

/**
 * The stdio path: a client straight on the container (over the attach stream, the baseline, and over
 * the stdio socket the gateway uses), through the gateway (history on and off), and through a bare relay.
 */
async function benchStdio(home: string, targets: { raw: Target; rawSocket: Target; gateway: Target; noHistory: Target; floor: Target }): Promise<void> {
  const order = [targets.raw, targets.rawSocket, targets.gateway, targets.noHistory, targets.floor];
  const connected = await Promise.all(order.map(async (target) => ({ target, ...(await target.connect()) })));
  try {
    const bench: BenchTarget[] = connected.map(({ target, client }) => ({ label: target.label, client }));
    const [raw, rawSocket, gateway, noHistory, floor] = bench as [BenchTarget, BenchTarget, BenchTarget, BenchTarget, BenchTarget];
    for (const target of bench) await inFlightCalls(target.client, warmup, 1);
    const sequential = await interleavedSequential(bench, sequentialCalls);
    const rounds = await rotatingRounds(bench, { rounds: parallelRounds, callsPerRound: parallelCalls / parallelRounds, width: inFlight, settleMs: 1300 });
    const summaryOf = (target: BenchTarget, mode: string) => (mode === 'sequential' ? sequential.get(target)! : rounds.get(target)!.summary);
    const modes = ['sequential', `${inFlight} in flight`];
    printLatency(bench.flatMap((target) => modes.map((mode) => ({ target: target.label, mode, summary: summaryOf(target, mode) }))));
    for (const [label, over, under] of [
      ['gateway/raw attach (the targets: p50 +0.15 ms, throughput >= 0.8x)', gateway, raw],
      ['gateway, history off/raw attach', noHistory, raw],
      ['gateway/raw on the same stdio socket (what the gateway itself adds)', gateway, rawSocket],
      ['bare relay/raw on the same stdio socket (what any extra process adds here)', floor, rawSocket],
    ] as const) {
      for (const mode of modes) printRatio(label, mode, summaryOf(over, mode), summaryOf(under, mode));
    }
  } finally {
    for (const { close } of connected) await close();
  }
}

function floorRelay(home: string): Target {
  return {
    label: 'bare relay (the floor)',
    async connect() {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [path.join(projectRoot(), 'dist', 'node', 'bench', 'floor-relay.js'), image],
        env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home },
        stderr: 'inherit',
      });
      const client = new Client({ name: 'bench', version: '1' });
      await client.connect(transport);
      return { client, close: () => client.close() };
    },
  };
}

/**
 * Streamable HTTP: the gateway against mcp-proxy, each in front of a container of the same image, and an
 * instant server (no backend: the floor any HTTP server reaches with that client). With the SDK client, and
 * with a lean keep-alive client that leaves the servers' own costs visible.
 */
async function benchHttp(home: string): Promise<void> {
  const servers = [
    { label: 'mcp-proxy (npm) over HTTP', start: () => startMcpProxy(image) },
    { label: 'switchyard gateway over HTTP', start: () => startSwitchyardHttp(home, image) },
    { label: 'instant server, no backend', start: () => startInstantHttpServer() },
  ];
  const started: Array<{ label: string } & HttpTarget> = [];
  try {
    for (const server of servers) started.push({ label: server.label, ...(await server.start()) });
    for (const [kind, pick] of [
      ['the MCP SDK client (StreamableHTTPClientTransport)', (target: HttpTarget) => target.client],
      ["a lean keep-alive HTTP client (bench/lean-http-client.ts; the servers' own costs decide the ratio)", (target: HttpTarget) => target.lean],
    ] as const) {
      const bench: BenchTarget[] = started.map((target) => ({ label: target.label, client: pick(target) }));
      for (const target of bench) await inFlightCalls(target.client, warmup, 1);
      const sequential = await interleavedSequential(bench, sequentialCalls);
      const rounds = await rotatingRounds(bench, { rounds: parallelRounds, callsPerRound: parallelCalls / parallelRounds, width: inFlight, settleMs: 1300 });
      console.log(`\nwith ${kind}`);
      printLatency(
        bench.flatMap((target) => [
          { target: target.label, mode: 'sequential', summary: sequential.get(target)! },
          { target: target.label, mode: `${inFlight} in flight`, summary: rounds.get(target)!.summary },
        ]),
        'switchyard/mcp-proxy',
      );
      const [proxy, , instant] = bench;
      console.log(
        `floor: an instant server with no backend answers this client in p50 ${fmt(sequential.get(instant!)!.p50, 0, 3)} ms = ${fmt(sequential.get(instant!)!.p50 / sequential.get(proxy!)!.p50, 0, 2)}x mcp-proxy's p50, at ${fmt(sequential.get(instant!)!.callsPerSecond / sequential.get(proxy!)!.callsPerSecond, 0, 2)}x its sequential throughput (targets for the gateway, which also relays to a container: <= 0.5x, >= 2x)`,
      );
    }
  } finally {
    for (const target of started) await target.close();
  }
}

/** tools/list with 20 enabled servers, none running: answered from the list cache, no container started. */
async function benchListing(home: string): Promise<void> {
  const listHome = path.join(home, 'listing');
  const cacheDir = path.join(listHome, 'cache', 'server-lists');
  mkdirSync(cacheDir, { recursive: true });
  const seed = JSON.parse(readFileSync(path.join(home, 'cache', 'server-lists', 'bench.json'), 'utf8')) as { lists: unknown };
  const servers: Record<string, { image: string }> = {};
  for (let i = 1; i <= 20; i++) {
    const name = `s${String(i).padStart(2, '0')}`;
    servers[name] = { image };
    writeFileSync(path.join(cacheDir, `${name}.json`), JSON.stringify({ image, fetchedAt: new Date().toISOString(), lists: seed.lists }));
  }
  const port = await freePort();
  writeFileSync(path.join(listHome, 'settings.json'), JSON.stringify({ version: 1, servers, gateway: { port, token: 'bench-token-0123456789abcdef' } }));
  const target = await startSwitchyardHttpWithSettings(listHome, port);
  const samples: number[] = [];
  let tools = 0;
  const started = performance.now();
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    tools = (await target.client.listTools()).tools.length;
    samples.push(performance.now() - t0);
  }
  const summary = summarize(samples, performance.now() - started);
  const containers = await countContainers(listHome);
  await target.close();
  console.log(
    `\ntools/list, 20 enabled servers, none running (${tools} tools, ${containers} containers started): p50 ${fmt(summary.p50, 0, 3)} ms, p99 ${fmt(summary.p99, 0, 3)} ms`,
  );
}

async function countContainers(home: string): Promise<number> {
  const runtime = new DockerRuntime({ home });
  const labelled = await runtime.docker.listContainers({ all: true, filters: { label: [`io.switchyard.home=${ownerIdentity(home).homeHash}`] } });
  return labelled.length;
}

async function connectRaw(runtime: DockerRuntime): Promise<{ client: Client; close(): Promise<void> }> {
  const transport = await runtime.open({ name: 'bench-raw', image }, new StderrBuffer());
  // The runtime started the transport already; the SDK client starts it again on connect, so hand it a no-op start.
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(Object.assign(transport, { start: async () => undefined }));
  return { client, close: () => client.close() };
}

async function connectGateway(home: string, extra: string[] = []): Promise<{ client: Client; close(): Promise<void> }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(projectRoot(), 'bin', 'switchyard.js'), 'gateway', 'run', '--log-level', 'warn', '--image', image, '--name', 'bench', ...extra],
    env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home },
    stderr: 'inherit',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  return { client, close: () => client.close() };
}

/**
 * Spawn (or create) to initialize complete, and to the first tool result. `gateway run --image` on stdio starts
 * its container as it starts (as docker run -i does), so for the gateway both include the container's start.
 */
async function coldStart(target: Target, runs: number): Promise<{ initialize: number; firstCall: number }> {
  const initialize: number[] = [];
  const firstCall: number[] = [];
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const { client, close } = await target.connect();
    initialize.push(performance.now() - t0);
    await echo(client, run);
    firstCall.push(performance.now() - t0);
    await close();
  }
  return { initialize: median(initialize), firstCall: median(firstCall) };
}

/**
 * The first call to a server that is not running, through a gateway that is up: an HTTP gateway (which starts
 * its servers on demand only) is started untimed, then its first echo is timed, container start included.
 */
async function stoppedServerCall(home: string, runs: number): Promise<number> {
  const gatewayHome = path.join(home, 'stopped-server');
  mkdirSync(gatewayHome, { recursive: true });
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const gateway = await startSwitchyardHttp(gatewayHome, image);
    try {
      const t0 = performance.now();
      await echo(gateway.client, run);
      samples.push(performance.now() - t0);
    } finally {
      await gateway.close();
    }
  }
  return median(samples);
}

function printLatency(rows: Array<{ target: string; mode: string; summary: LatencySummary }>, ratioLabel?: string): void {
  console.log('target                        mode            p50 ms   p99 ms   calls/s');
  for (const { target, mode, summary } of rows) {
    console.log(`${target.padEnd(30)}${mode.padEnd(16)}${fmt(summary.p50, 8)} ${fmt(summary.p99, 8)} ${fmt(summary.callsPerSecond, 9, 0)}`);
  }
  if (!ratioLabel) return;
  for (const mode of ['sequential', `${inFlight} in flight`]) {
    const [base, other] = rows.filter((row) => row.mode === mode).map((row) => row.summary);
    if (base && other) printRatio(ratioLabel, mode, other, base);
  }
}

function printRatio(label: string, mode: string, over: LatencySummary, under: LatencySummary): void {
  const delta = over.p50 - under.p50;
  console.log(
    `ratio ${label}, ${mode.padEnd(12)}: p50 ${fmt(over.p50 / under.p50, 5, 2)}x (${delta >= 0 ? '+' : ''}${fmt(delta, 0, 3)} ms), p99 ${fmt(over.p99 / under.p99, 5, 2)}x, throughput ${fmt(over.callsPerSecond / under.callsPerSecond, 5, 2)}x`,
  );
}

function printCold(cold: {
  raw: { initialize: number; firstCall: number };
  gateway: { initialize: number; firstCall: number; stoppedServerCall: number };
}): void {
  console.log(`\ncold start (median of ${coldRuns})                         raw ms   gateway ms`);
  console.log(`to initialize complete                                      ${fmt(cold.raw.initialize, 7)} ${fmt(cold.gateway.initialize, 10)}`);
  console.log(`to first tool result (container started)                    ${fmt(cold.raw.firstCall, 7)} ${fmt(cold.gateway.firstCall, 10)}`);
  console.log(`gateway first-call overhead over raw: +${fmt(cold.gateway.firstCall - cold.raw.firstCall, 0, 0)} ms (includes starting the gateway process)`);
  console.log(
    `first call to a stopped server, HTTP gateway already up: ${fmt(cold.gateway.stoppedServerCall, 0, 1)} ms vs raw create+start+initialize+call ${fmt(cold.raw.firstCall, 0, 1)} ms (${cold.gateway.stoppedServerCall - cold.raw.firstCall >= 0 ? '+' : ''}${fmt(cold.gateway.stoppedServerCall - cold.raw.firstCall, 0, 0)} ms; target <= +100 ms)`,
  );
}

function fmt(value: number, width: number, digits = 3): string {
  return value.toFixed(digits).padStart(width);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
