import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { images, requireDockerAndImages } from './support/docker.js';
import { cliPath, tempHome } from './support/gateway-process.js';
import { addServersToSettings, cli, httpClient, httpGatewayForSuite, writeSettings } from './support/http-gateway.js';
import { startLocalRegistry } from './support/local-registry.js';

type ToolAnswer = { isError?: boolean; content?: Array<{ type: string; text?: string }> };
const text = (answer: unknown) => ((answer as ToolAnswer).content ?? []).map((part) => part.text ?? '').join('\n');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What `switchyard settings set` refused: its message on stderr. */
function refusal(home: string, args: string[]): string {
  try {
    cli(home, args);
  } catch (error) {
    return String((error as { stderr?: string }).stderr);
  }
  throw new Error(`switchyard ${args.join(' ')} was accepted`);
}

/** Retries `attempt` until it passes (the gateway follows settings.json through its file watcher). */
async function until<T>(attempt: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await attempt();
  while (!ok(value) && Date.now() < deadline) {
    await sleep(250);
    value = await attempt();
  }
  return value;
}

/** Settings changed with the CLI while the gateway runs: the running gateway applies them at once, no restart. */
describe('history, retention and per-tool call timeouts, changed with the CLI, applied by the running gateway', () => {
  const suite = httpGatewayForSuite((home) => addServersToSettings(home, { slow: { image: images.hostile } }));
  let client: Client;
  const home = () => suite.home.home;
  const recorded = () =>
    cli(home(), ['logs', '--json', '--server', 'slow', '--limit', '1000'])
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { name: string; status: string; arguments?: unknown });

  beforeAll(async () => {
    requireDockerAndImages(images.hostile);
    client = await httpClient(suite.url.href, suite.token);
  });
  afterAll(async () => {
    await client?.close();
  });

  it('a tool gets its own call timeout, named in the timeout answer; "none" gives it the server limit again', async () => {
    expect(text(await client.callTool({ name: 'sleep', arguments: { ms: 1500 } }))).toBe('slept');
    cli(home(), ['settings', 'set', 'servers.slow.toolCallTimeoutSeconds.sleep', '1']);
    expect(cli(home(), ['settings', 'get', 'servers.slow.toolCallTimeoutSeconds.sleep']).trim()).toBe('1');

    const timedOut = await until(
      () => client.callTool({ name: 'sleep', arguments: { ms: 2500 } }),
      (answer) => (answer as ToolAnswer).isError === true,
    );
    expect(text(timedOut)).toContain('did not answer tool "sleep" within 1 s');
    expect(text(timedOut)).toContain('servers.slow.toolCallTimeoutSeconds.sleep');
    // The server's other tools keep the server's limit.
    expect(text(await client.callTool({ name: 'echo', arguments: { text: 'still here' } }))).toBe('still here');

    cli(home(), ['settings', 'set', 'servers.slow.toolCallTimeoutSeconds.sleep', 'none']);
    expect(cli(home(), ['settings', 'get', 'servers.slow.toolCallTimeoutSeconds.sleep']).trim()).toBe('null');
    const slept = await until(
      () => client.callTool({ name: 'sleep', arguments: { ms: 1500 } }),
      (answer) => text(answer) === 'slept',
    );
    expect(text(slept)).toBe('slept');
  });

  it('bad values are refused by field path and write nothing', () => {
    expect(refusal(home(), ['settings', 'set', 'servers.slow.toolCallTimeoutSeconds.sleep', '-5'])).toContain(
      'servers.slow.toolCallTimeoutSeconds.sleep: 0 (no limit) to 86400 seconds',
    );
    expect(refusal(home(), ['settings', 'set', 'servers.nosuch.toolCallTimeoutSeconds.sleep', '5'])).toContain('No server named "nosuch"');
    expect(refusal(home(), ['settings', 'set', 'history.retentionDays', '-1'])).toContain('history.retentionDays: 0 (keep) to 36500 days');
    expect(refusal(home(), ['settings', 'set', 'history.maxRecords', 'lots'])).toContain('history.maxRecords: give a number of calls');
    expect(refusal(home(), ['settings', 'set', 'gateway.imagePullPolicy', 'sometimes'])).toContain('gateway.imagePullPolicy: one of missing, always or never');
    const shown = JSON.parse(cli(home(), ['settings', 'show'])) as { history: unknown; gateway: { imagePullPolicy: string } };
    expect(shown.history).toEqual({ enabled: true, retentionDays: 30, maxRecords: 1_000_000 });
    expect(shown.gateway.imagePullPolicy).toBe('missing');
  });

  it('history off records no new call; on again, calls are recorded', async () => {
    const echoes = () => recorded().filter((record) => record.name === 'echo').length;
    await client.callTool({ name: 'echo', arguments: { text: 'recorded' } });
    const before = await until(
      async () => echoes(),
      (count) => count > 0,
    );

    cli(home(), ['settings', 'set', 'history.enabled', 'false']);
    expect(cli(home(), ['settings', 'get', 'history.enabled']).trim()).toBe('false');
    await sleep(1500); // the gateway's file watcher
    for (let call = 0; call < 3; call++) await client.callTool({ name: 'echo', arguments: { text: `off ${call}` } });
    await sleep(500); // a recorded call would be written within 100 ms
    expect(echoes()).toBe(before);

    cli(home(), ['settings', 'set', 'history.enabled', 'true']);
    const after = await until(
      async () => {
        await client.callTool({ name: 'echo', arguments: { text: 'on again' } });
        await sleep(200);
        return echoes();
      },
      (count) => count > before,
    );
    expect(after).toBeGreaterThan(before);
  });

  it('a lower max records prunes the oldest calls of the running gateway at once', async () => {
    for (let call = 0; call < 5; call++) await client.callTool({ name: 'echo', arguments: { text: `fill ${call}` } });
    await until(
      async () => recorded().length,
      (count) => count >= 6,
    );
    cli(home(), ['settings', 'set', 'history.maxRecords', '3']);
    const left = await until(
      async () => recorded().length,
      (count) => count <= 3,
    );
    expect(left).toBe(3);
    // The newest are kept.
    expect(recorded().map((record) => record.name)).toContain('echo');
  });
});

/** The image pull policy, set with the CLI and used by the next start (here `tools ls --refresh`, with no gateway running). */
describe('image pull policy', () => {
  const home = tempHome();
  const tag = `policy-${randomBytes(4).toString('hex')}`;
  let registry: Awaited<ReturnType<typeof startLocalRegistry>>;
  let moving: string;

  beforeAll(async () => {
    requireDockerAndImages(images.everything, images.hostile);
    registry = await startLocalRegistry();
    // The registry's copy of the tag is `everything`; the engine's own copy of the same tag is `hostile`.
    moving = `${registry.host}/switchyard-test/moving:${tag}`;
    execFileSync('docker', ['tag', images.everything, moving]);
    execFileSync('docker', ['push', moving], { stdio: 'pipe' });
    execFileSync('docker', ['tag', images.hostile, moving]);
    writeSettings(home.home, { servers: { moving: { image: moving }, absent: { image: `switchyard-test/absent:${tag}` } } });
  });
  afterAll(async () => {
    execFileSync('docker', ['rmi', '-f', moving], { stdio: 'pipe' });
    await registry?.stop();
    home.remove();
  });

  /** `tools ls NAME --refresh`: starts the server once, in-process; its progress and failure go to stderr. */
  const refresh = (server: string) => {
    const run = spawnSync(process.execPath, [cliPath, 'tools', 'ls', server, '--refresh'], {
      env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home },
      encoding: 'utf8',
    });
    return { out: run.stdout, err: run.stderr };
  };

  it('missing (the default) runs the copy on the engine without pulling', () => {
    expect(refresh('moving').out).toContain('whoami');
  });

  it('never refuses an image the engine does not have, saying why', () => {
    cli(home.home, ['settings', 'set', 'gateway.imagePullPolicy', 'never']);
    const { err } = refresh('absent');
    expect(err).toContain(`could not start: Image "switchyard-test/absent:${tag}" is not on this Docker engine, and the image pull policy is "never"`);
  });

  it('always pulls at each start, so the registry’s newer image replaces the copy on the engine', () => {
    cli(home.home, ['settings', 'set', 'gateway.imagePullPolicy', 'always']);
    expect(refresh('moving').out).toContain('get-sum');
    const label = execFileSync('docker', ['image', 'inspect', '--format', '{{index .Config.Labels "io.switchyard.fixture"}}', moving], { encoding: 'utf8' });
    expect(label.trim()).toBe('everything');
  });
});
