import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import { LeanHttpClient } from '../../bench/lean-http-client.js';
import { requireDocker, startEngine, type Engine } from '../support/engine.js';
import { openWindow } from '../support/window.js';

/*
 * The Activity page's live feed under load, in web mode against a real engine: calls to the everything
 * fixture's echo tool (a real server in its Docker container) at RATE calls a second for SECONDS seconds, from
 * CLIENTS lean HTTP clients with up to IN_FLIGHT calls each, while the page is open and following the feed.
 *   - long tasks (PerformanceObserver 'longtask') and frame gaps (requestAnimationFrame) during the load;
 *   - every call appears: the list's size (aria-setsize of its rows) reaches the number of calls made;
 *   - scrolled away from the top, new calls wait and are counted ("N new calls"); that button brings them;
 *   - paused, new calls wait and are counted; Resume shows them.
 * Prints the figures; fails when a long task reaches 50 ms or a call is missing (`npm run bench:ui`, not part
 * of npm test: run it on a machine that is not busy with other work).
 */
const IMAGE = process.env.SWITCHYARD_EVERYTHING_IMAGE ?? 'switchyard-fixture/everything:latest';
const RATE = Number(process.env.BENCH_LIVE_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 10);
const CLIENTS = 4;
/** BENCH_LIVE_PROFILE=FILE.cpuprofile: a CPU profile of the page during the load (Chromium's DevTools Protocol). */
const PROFILE = process.env.BENCH_LIVE_PROFILE;
const IN_FLIGHT = 16;
/** renderer/src/features/activity/hooks/use-live-calls.ts liveCapacity: the calls the feed keeps on screen. */
const LIVE_CAPACITY = 5_000;

let engine: Engine;
let clients: LeanHttpClient[] = [];

test.beforeAll(async () => {
  requireDocker([IMAGE]);
  engine = await startEngine({ settings: { servers: { everything: { image: IMAGE } } }, args: ['--log-level', 'warn'] });
  const token = engine.cli(['gateway', 'token']).trim();
  clients = Array.from({ length: CLIENTS }, () => new LeanHttpClient(new URL(engine.mcpUrl), token));
  for (const client of clients) await client.connect();
});

test.afterAll(async () => {
  for (const client of clients) await client.close();
  await engine?.stop();
});

test(`live feed at ${RATE} calls/s for ${SECONDS} s: no long task, every call shown, "N new" and pause`, async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 860 });
  // The container starts with the first call; the page opens on that one call.
  await clients[0]!.callTool({ name: 'echo', arguments: { message: 'warm-up' } });
  await openWindow(page, engine, '/activity');
  const list = page.getByRole('list', { name: 'Calls, newest first' });
  await expect(list.getByRole('button')).toHaveCount(1, { timeout: 15_000 });
  let made = 1;

  const loadBefore = loadavg()[0]!;
  await page.evaluate(startMonitor);
  const profiler = PROFILE ? await startProfiler(page) : undefined;
  const load = await drive(RATE, RATE * SECONDS, 'load');
  made += load.calls;
  const shownAfterMs = await waitForRows(page, made);
  const monitor = await page.evaluate(stopMonitor);
  if (profiler) await profiler.stop(PROFILE!);

  const report = {
    load: { ...load, targetRate: RATE },
    lastRowShownAfterLastCallMs: Math.round(shownAfterMs),
    longTasks: {
      count: monitor.longTasks.length,
      maxMs: Math.round(Math.max(0, ...monitor.longTasks)),
      totalMs: Math.round(monitor.longTasks.reduce((sum, ms) => sum + ms, 0)),
      target: '< 50 ms each',
    },
    frames: {
      count: monitor.frames,
      gapP50Ms: round(percentile(monitor.gaps, 0.5)),
      gapP95Ms: round(percentile(monitor.gaps, 0.95)),
      gapMaxMs: round(Math.max(0, ...monitor.gaps)),
      gapsOver50Ms: monitor.gaps.filter((gap) => gap >= 50).length,
    },
    slowestFrames: monitor.slowFrames,
    callsShown: made,
  };
  console.log(`activity live-feed bench: ${JSON.stringify(report, null, 2)}`);
  console.log(verdict(report.longTasks, load.rate, [loadBefore, loadavg()[0]!]));
  expect.soft(load.rate, `calls per second driven (target ${RATE})`).toBeGreaterThanOrEqual(RATE * 0.9);
  expect.soft(report.longTasks.maxMs, 'longest task on the Activity page under load (ms)').toBeLessThan(50);

  // Scrolled away from the top: new calls wait, counted; the button brings them and goes back to the top.
  await page.evaluate(() => document.querySelector('[data-call-list-scroller]')!.scrollTo({ top: 2_000 }));
  await expect.poll(() => page.evaluate(() => document.querySelector('[data-call-list-scroller]')!.scrollTop)).toBeGreaterThan(1_000);
  made += (await drive(RATE, 300, 'scrolled away')).calls;
  await expect(page.getByRole('button', { name: '300 new calls' })).toBeVisible({ timeout: 15_000 });
  expect(await listSize(page)).toBe(made - 300);
  expect(made - 300).toBeLessThanOrEqual(LIVE_CAPACITY + 1);
  await page.getByRole('button', { name: '300 new calls' }).click();
  // The feed keeps the newest 5,000; the history, read again from the top, follows on below them without a gap
  // (a list of 5,001 would be the newest 5,000 and the warm-up call, with the 300 before them missing).
  await waitForRows(page, LIVE_CAPACITY);
  await expect(list.getByRole('listitem').first()).toContainText(/scrolled away 29\d/);
  await expect.poll(() => page.evaluate(() => document.querySelector('[data-call-list-scroller]')!.scrollTop)).toBe(0);

  // Paused: the same, until Resume.
  await page.getByRole('button', { name: 'Pause live' }).click();
  await drive(RATE, 200, 'paused');
  await expect(page.getByRole('button', { name: '200 new calls' })).toBeVisible({ timeout: 15_000 });
  expect(await listSize(page)).toBe(LIVE_CAPACITY);
  await page.getByRole('button', { name: 'Resume live' }).click();
  await waitForRows(page, LIVE_CAPACITY);
  await expect(list.getByRole('listitem').first()).toContainText(/paused 19\d/);
});

/** Starts the page's CPU profiler; `stop` writes the profile (open it in the DevTools Performance panel). */
async function startProfiler(page: Page): Promise<{ stop(file: string): Promise<void> }> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.send('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      await session.detach();
    },
  };
}

/**
 * The line to read: the long-task target met or MISSED, with the machine's load average (1 min, before and after
 * the load) next to its cores; a figure taken on a busy machine says so, and proves nothing either way.
 */
function verdict(longTasks: { count: number; maxMs: number }, rate: number, load: [number, number]): string {
  const cores = availableParallelism();
  const busy = Math.max(...load) > cores * 0.5;
  const machine = `load average ${load[0].toFixed(1)} → ${load[1].toFixed(1)} on ${cores} cores${busy ? ' (BUSY: judge the target on an idle machine)' : ''}`;
  const driven = rate < RATE * 0.9 ? `; only ${rate} of ${RATE} calls/s driven` : '';
  // The browser reports only tasks of 50 ms or more as long tasks.
  const outcome =
    longTasks.count === 0 ? 'met: no task of 50 ms or more' : `MISSED: longest task ${longTasks.maxMs} ms, ${longTasks.count} tasks of 50 ms or more`;
  return `LONG TASKS < 50 ms at ${RATE} calls/s: ${outcome}; ${machine}${driven}`;
}

interface DriveFigures {
  calls: number;
  seconds: number;
  rate: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
}

/** `count` echo calls paced at `rate` a second over the clients (at most IN_FLIGHT each), all answered. */
async function drive(rate: number, count: number, label: string): Promise<DriveFigures> {
  const latencies: number[] = [];
  const started = performance.now();
  let issued = 0;
  const lane = async (client: LeanHttpClient) => {
    for (;;) {
      const index = issued++;
      if (index >= count) return;
      const due = started + (index * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const sent = performance.now();
      const result = await client.callTool({ name: 'echo', arguments: { message: `${label} ${index}` } });
      latencies.push(performance.now() - sent);
      if (JSON.stringify(result.content).includes('"isError":true')) throw new Error(`echo ${index} failed: ${JSON.stringify(result)}`);
    }
  };
  await Promise.all(clients.flatMap((client) => Array.from({ length: IN_FLIGHT }, () => lane(client))));
  const seconds = (performance.now() - started) / 1000;
  return {
    calls: count,
    seconds: round(seconds),
    rate: Math.round(count / seconds),
    latencyP50Ms: round(percentile(latencies, 0.5)),
    latencyP95Ms: round(percentile(latencies, 0.95)),
  };
}

/** How many calls the live list holds (its rows' aria-setsize: the rows out of view are not in the DOM). */
function listSize(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.querySelector('[aria-label="Calls, newest first"] > li')?.getAttribute('aria-setsize') ?? 0));
}

/** Waits until the list holds `count` calls; resolves the ms it took. */
async function waitForRows(page: Page, count: number): Promise<number> {
  const started = performance.now();
  await expect.poll(() => listSize(page), { timeout: 30_000, intervals: [20] }).toBe(count);
  return performance.now() - started;
}

const round = (value: number) => Math.round(value * 10) / 10;
const percentile = (values: number[], p: number) =>
  values.length === 0 ? 0 : [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** The parts of a PerformanceLongAnimationFrameTiming the report uses (not in TypeScript's DOM types yet). */
interface LongFrame {
  duration: number;
  blockingDuration: number;
  startTime: number;
  styleAndLayoutStart: number;
  scripts: { invoker: string; duration: number; sourceFunctionName: string }[];
}

/** A slow frame in the report: its length, what blocked, style and layout, and the scripts that ran longest. */
interface SlowFrame {
  /** When the frame started, ms after the monitor started (the load runs from about 0 to its seconds). */
  atMs: number;
  ms: number;
  blockingMs: number;
  styleAndLayoutMs: number;
  scripts: string[];
}

interface MonitorState {
  startedAt: number;
  longTasks: number[];
  gaps: number[];
  slowFrames: SlowFrame[];
  observers: PerformanceObserver[];
  running: boolean;
}

interface MonitorWindow {
  __liveBench?: MonitorState;
}

/** In the page: records long tasks, long animation frames (with the scripts in them) and the gaps between frames until stopMonitor. */
function startMonitor(): void {
  const state: MonitorState = { startedAt: performance.now(), longTasks: [], gaps: [], slowFrames: [], observers: [], running: true };
  const tasks = new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries()) state.longTasks.push(entry.duration);
  });
  tasks.observe({ type: 'longtask' });
  const frames = new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries() as unknown as LongFrame[]) {
      const scripts = [...entry.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3);
      state.slowFrames.push({
        atMs: Math.round(entry.startTime - state.startedAt),
        ms: Math.round(entry.duration),
        blockingMs: Math.round(entry.blockingDuration),
        styleAndLayoutMs: entry.styleAndLayoutStart > 0 ? Math.round(entry.startTime + entry.duration - entry.styleAndLayoutStart) : 0,
        scripts: scripts.map(
          (script) => `${script.invoker}${script.sourceFunctionName ? ` ${script.sourceFunctionName}` : ''} ${Math.round(script.duration)} ms`,
        ),
      });
    }
  });
  frames.observe({ type: 'long-animation-frame' });
  state.observers = [tasks, frames];
  let last = performance.now();
  const frame = (now: number) => {
    if (!state.running) return;
    state.gaps.push(now - last);
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  (window as MonitorWindow).__liveBench = state;
}

/** In the page: stops the monitor and returns what it saw (the five slowest frames). */
function stopMonitor(): { longTasks: number[]; gaps: number[]; frames: number; slowFrames: SlowFrame[] } {
  const state = (window as MonitorWindow).__liveBench!;
  state.running = false;
  for (const entry of state.observers[0]!.takeRecords()) state.longTasks.push(entry.duration);
  for (const observer of state.observers) observer.disconnect();
  const slowFrames = [...state.slowFrames].sort((a, b) => b.ms - a.ms).slice(0, 5);
  return { longTasks: state.longTasks, gaps: state.gaps, frames: state.gaps.length, slowFrames };
}
