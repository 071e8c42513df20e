import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { projectRoot } from '../electron/core/version.js';
import { startSwitchyardHttp } from './http-bench.js';
import { echo, inFlight, interleavedSequential, rotatingRounds } from './interleaved.js';
import { median } from './stats.js';

/** What the start-up section found: lines to print, and the targets it missed (empty: all met). */
export interface StartupReport {
  lines: string[];
  missed: string[];
}

const cli = () => path.join(projectRoot(), 'bin', 'switchyard.js');

/**
 * Start-up (issue #18), every figure against a floor measured in the same run, taken in turns so a slow moment
 * of the machine hits both alike: `node -e 0` for the CLI and the bridge, `docker run -i` of the same image
 * for the first call through `gateway run --image`.
 */
export async function benchStartup(options: { home: string; image: string; runs: number }): Promise<StartupReport> {
  const { home, image, runs } = options;
  const lines: string[] = [];
  const missed: string[] = [];
  const check = (label: string, value: number, limit: number, unit: string) => {
    const ok = value <= limit;
    if (!ok) missed.push(label);
    lines.push(`${ok ? 'met   ' : 'MISSED'} ${label}: ${value.toFixed(unit === 'x' ? 2 : 0)}${unit} (target <= ${limit}${unit})`);
  };
  const cliHome = path.join(home, 'startup-cli');
  mkdirSync(cliHome, { recursive: true });
  const env = { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: cliHome };
  const spawned = (args: string[]) => () => {
    const t0 = performance.now();
    const run = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
    if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}`);
    return performance.now() - t0;
  };
  const floor = spawned(['-e', '0']);
  const [nodeMs = NaN, versionMs = NaN, serverLsMs = NaN] = takeTurns([floor, spawned([cli(), '--version']), spawned([cli(), 'server', 'ls'])], runs * 4);
  lines.push(
    `node -e 0 ${nodeMs.toFixed(0)} ms; switchyard --version ${versionMs.toFixed(0)} ms; switchyard server ls ${serverLsMs.toFixed(0)} ms (medians of ${runs * 4})`,
  );
  check('--version / node -e 0', versionMs / nodeMs, 2, 'x');
  check('server ls / node -e 0', serverLsMs / nodeMs, 3, 'x');

  // The bridge, with a gateway running on HTTP (and its bridge socket) in this home.
  const gatewayHome = path.join(home, 'startup-gateway');
  mkdirSync(gatewayHome, { recursive: true });
  const gateway = await startSwitchyardHttp(gatewayHome, image);
  try {
    await echo(gateway.client, 0); // the container runs: what follows measures the bridge, not a cold start
    const initialize: number[] = [];
    const firstCall: number[] = [];
    const floors: number[] = [];
    for (let run = 0; run < runs * 2; run++) {
      floors.push(floor());
      const t0 = performance.now();
      const client = await stdioClient(process.execPath, [cli(), 'connect'], { PATH: env.PATH, SWITCHYARD_HOME: gatewayHome });
      initialize.push(performance.now() - t0);
      await echo(client, run);
      firstCall.push(performance.now() - t0);
      await client.close();
    }
    const nodeFloor = median(floors);
    lines.push(
      `connect to a running gateway: spawn -> initialize ${median(initialize).toFixed(0)} ms, -> first call ${median(firstCall).toFixed(0)} ms; node -e 0 ${nodeFloor.toFixed(0)} ms`,
    );
    check('connect spawn -> initialize over node -e 0', median(initialize) - nodeFloor, 60, ' ms');
    check('connect spawn -> first call over node -e 0', median(firstCall) - nodeFloor, 70, ' ms');

    // Per-call cost of the bridge against the HTTP client the bridge used before (same gateway, same container).
    const bridged = await stdioClient(process.execPath, [cli(), 'connect'], { PATH: env.PATH, SWITCHYARD_HOME: gatewayHome });
    try {
      const targets = [
        { label: 'SDK client over HTTP', client: gateway.client },
        { label: 'through connect', client: bridged },
      ];
      for (const target of targets) await inFlight(target.client, 200, 1);
      const sequential = await interleavedSequential(targets, 1000);
      const rounds = await rotatingRounds(targets, { rounds: 3, callsPerRound: 600, width: 16, settleMs: 500 });
      for (const target of targets) {
        lines.push(
          `${target.label.padEnd(22)} p50 ${sequential.get(target)!.p50.toFixed(3)} ms, ${sequential.get(target)!.callsPerSecond.toFixed(0)} calls/s sequential, ${rounds.get(target)!.summary.callsPerSecond.toFixed(0)} calls/s 16 in flight`,
        );
      }
    } finally {
      await bridged.close();
    }
  } finally {
    await gateway.close();
  }

  // The cold first call: docker run -i of the image against gateway run --image of it, spawn -> first echo.
  const dockerRun = () =>
    timeToFirstEcho('docker', ['run', '-i', '--rm', '--init', '--network', 'none', image], {
      PATH: env.PATH,
      ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    });
  const gatewayRun = () =>
    timeToFirstEcho(process.execPath, [cli(), 'gateway', 'run', '--log-level', 'warn', '--image', image, '--name', 'startup', '--no-history'], {
      PATH: env.PATH,
      SWITCHYARD_HOME: gatewayHome,
    });
  const docker: number[] = [];
  const switchyard: number[] = [];
  for (let run = 0; run < runs; run++) {
    docker.push(await dockerRun());
    switchyard.push(await gatewayRun());
  }
  lines.push(
    `first call, spawn -> first echo: docker run -i ${median(docker).toFixed(0)} ms, gateway run --image ${median(switchyard).toFixed(0)} ms (medians of ${runs})`,
  );
  check('gateway run --image first call over docker run -i', median(switchyard) - median(docker), 150, ' ms');
  return { lines, missed };
}

async function stdioClient(command: string, args: string[], env: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'startup-bench', version: '1' });
  await client.connect(new StdioClientTransport({ command, args, env, stderr: 'inherit' }));
  return client;
}

async function timeToFirstEcho(command: string, args: string[], env: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const client = await stdioClient(command, args, env);
  await echo(client, 0);
  const elapsed = performance.now() - t0;
  await client.close();
  return elapsed;
}

/** Runs each measurement in turn, `times` rounds, and returns each one's median. */
function takeTurns(measure: Array<() => number>, times: number): number[] {
  const samples = measure.map(() => [] as number[]);
  for (let round = 0; round < times; round++) measure.forEach((one, i) => samples[i]!.push(one()));
  return samples.map((values) => median(values));
}
