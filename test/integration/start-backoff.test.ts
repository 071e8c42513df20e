import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerReadiness } from '../../shared/catalog-types.js';
import type { StartFailure } from '../../shared/domain.js';
import { images, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { cli, cliAnswer, freePort, httpClient, HttpGatewayProcess, writeSettings } from './support/http-gateway.js';

/**
 * A server that crashes at start (the crash fixture: one stderr line, exit 3) next to a working one, through
 * the real CLI (built in dist/), real containers and a real SDK client of the HTTP gateway.
 */
describe('a server that fails to start: back-off, shown failure, never started by other servers calls', () => {
  const home = tempHome();
  const failuresFile = path.join(home.home, 'run', 'start-failures.json');

  const switchyard = (...args: string[]) => cliAnswer(home.home, args);

  function occurrences(text: string, part: string): number {
    return text.split(part).length - 1;
  }

  async function inspect(name: string): Promise<ServerReadiness> {
    return JSON.parse((await switchyard('server', 'inspect', name, '--json')).stdout) as ServerReadiness;
  }

  beforeAll(async () => {
    requireDockerAndImages(images.everything, images.crash);
    writeSettings(home.home, { gateway: { port: await freePort() }, servers: { every: { image: images.everything }, crashy: { image: images.crash } } });
  });
  afterAll(() => home.remove());

  it('reports the crash once (its stderr line once), then later calls of another server never start it again', { timeout: 120_000 }, async () => {
    const first = await switchyard('tools', 'call', 'echo', 'message=one');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('one');
    expect(occurrences(first.stderr, 'fixture crash: boom')).toBe(1);
    expect(first.stderr).toContain('Server "crashy" could not start: exited with code 3.');
    const recorded = JSON.parse(readFileSync(failuresFile, 'utf8')) as Record<string, StartFailure>;
    expect(recorded.crashy).toMatchObject({ code: 'CONTAINER_FAILED', exitCode: 3, stderrTail: ['fixture crash: boom'], failures: 1 });

    for (const message of ['two', 'three']) {
      const later = await switchyard('tools', 'call', 'echo', `message=${message}`);
      expect(later.code).toBe(0);
      expect(later.stdout).toContain(message);
      expect(later.stderr).not.toContain('fixture crash');
      expect(later.stderr).not.toContain('crashy');
    }
    // Not started again: the failure on record is still the first one.
    expect((JSON.parse(readFileSync(failuresFile, 'utf8')) as Record<string, StartFailure>).crashy?.at).toBe(recorded.crashy?.at);
  });

  it('server inspect shows the last failure and the back-off instead of "ready to start"', async () => {
    const text = (await switchyard('server', 'inspect', 'crashy')).stdout;
    expect(text).not.toContain('ready to start');
    expect(text).toContain('last start FAILED');
    expect(text).toContain('exited with code 3');
    expect(occurrences(text, 'fixture crash: boom')).toBe(1);
    expect(text).toContain('switchyard server start crashy');
    const report = await inspect('crashy');
    expect(report.lastFailure).toMatchObject({ code: 'CONTAINER_FAILED', message: 'exited with code 3', exitCode: 3, stderrTail: ['fixture crash: boom'] });
    expect((await inspect('every')).lastFailure).toBeUndefined();
  });

  it('a change of its launch (here its environment) clears the failure: the next listing tries it again', { timeout: 120_000 }, async () => {
    const { settings } = {
      settings: JSON.parse(readFileSync(path.join(home.home, 'settings.json'), 'utf8')) as { servers: Record<string, Record<string, unknown>> },
    };
    settings.servers.crashy = { ...settings.servers.crashy, env: { FIXED: '1' } };
    writeFileSync(path.join(home.home, 'settings.json'), JSON.stringify(settings, null, 2));
    const again = await switchyard('tools', 'call', 'echo', 'message=four');
    expect(again.code).toBe(0);
    expect(occurrences(again.stderr, 'fixture crash: boom')).toBe(1);
  });

  it('answers a call to it during the back-off at once, with the failure as data, and `server start` clears the back-off', { timeout: 120_000 }, async () => {
    // As if it had worked before: its tools are known, so a client can call one.
    const cacheDir = path.join(home.home, 'cache', 'server-lists');
    mkdirSync(cacheDir, { recursive: true });
    const tool = { name: 'crashy_tool', inputSchema: { type: 'object', properties: {} } };
    writeFileSync(
      path.join(cacheDir, 'crashy.json'),
      JSON.stringify({ image: images.crash, fetchedAt: new Date().toISOString(), lists: { tools: [tool], prompts: [], resources: [], resourceTemplates: [] } }),
    );
    const gateway = new HttpGatewayProcess(home.home);
    try {
      await gateway.ready();
      const client = await httpClient(gateway.url, cli(home.home, ['gateway', 'token']).trim());
      // Failures 1 (on record already) and 2: each call tries to start it (the first retry is immediate) ...
      const second = await client.callTool({ name: 'crashy_tool', arguments: {} });
      expect(second.isError).toBe(true);
      // ... then it is in back-off: answered at once, without starting a container.
      const started = Date.now();
      const third = await client.callTool({ name: 'crashy_tool', arguments: {} });
      const answeredInMs = Date.now() - started;
      expect(third.isError).toBe(true);
      expect(answeredInMs).toBeLessThan(500);
      const text = (third.content as Array<{ text: string }>)[0]!.text;
      expect(text).toMatch(/Server "crashy" failed 2 time\(s\) in a row; next start attempt in \d+ s\. Last failure: exited with code 3/);
      expect(occurrences(text, 'fixture crash: boom')).toBe(1);
      const failure = (third._meta as Record<string, StartFailure>)['io.switchyard/startFailure']!;
      expect(failure).toMatchObject({ code: 'CONTAINER_FAILED', exitCode: 3, stderrTail: ['fixture crash: boom'], failures: 2 });
      expect(failure.retryAt).toBeGreaterThan(Date.now() - 1000);
      expect(occurrences(gateway.stderr, 'fixture crash: boom')).toBeLessThanOrEqual(2);
      // `server start` (the user fixed something) clears the back-off for the running gateway too.
      const start = await switchyard('server', 'start', 'crashy');
      expect(start.stderr).toContain('back-off cleared');
      expect((await inspect('crashy')).lastFailure).toBeUndefined();
      const fourth = await client.callTool({ name: 'crashy_tool', arguments: {} });
      expect((fourth.content as Array<{ text: string }>)[0]!.text).toContain('Server "crashy" could not start: exited with code 3.');
      expect((await inspect('crashy')).lastFailure?.failures).toBeGreaterThanOrEqual(1);
      await client.close();
    } finally {
      await gateway.stop();
    }
  });
});
