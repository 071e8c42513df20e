import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containersWithLabels, images, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { cliAnswer, freePort, writeSettings } from './support/http-gateway.js';

/** `tools ls --refresh [SERVER]` through the real CLI (built in dist/) with real containers. */
describe('switchyard tools ls --refresh', () => {
  const home = tempHome();

  const switchyard = (...args: string[]) => cliAnswer(home.home, args);

  beforeAll(async () => {
    requireDockerAndImages(images.everything, images.crash);
    writeSettings(home.home, { gateway: { port: await freePort() }, servers: { every: { image: images.everything }, broken: { image: images.crash } } });
  });

  afterAll(() => home.remove());

  it('refreshes only the server named, saying what it does', { timeout: 120_000 }, async () => {
    const refreshed = await switchyard('tools', 'ls', 'every', '--refresh', '--json');
    expect(refreshed.code).toBe(0);
    expect(refreshed.stderr).toContain('every: starting');
    expect(refreshed.stderr).toMatch(/every: \d+ tools/);
    // The other server was not started: nothing about it, no crash output.
    expect(refreshed.stderr).not.toContain('broken');
    expect(refreshed.stderr).not.toContain('fixture crash');
    const rows = JSON.parse(refreshed.stdout) as Array<{ server: string; name: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.server))).toEqual(new Set(['every']));
    expect(containersWithLabels({ 'io.switchyard.home': home.homeHash })).toEqual([]);
  });

  it('without a name, starts only the servers whose tools are unknown, one by one, and names the one that failed', { timeout: 120_000 }, async () => {
    const refreshed = await switchyard('tools', 'ls', '--refresh');
    expect(refreshed.stderr).toContain('broken: starting');
    expect(refreshed.stderr).toContain('broken: could not start');
    expect(refreshed.stderr).not.toContain('every: starting');
    expect(refreshed.stdout).toContain('every');
    expect(containersWithLabels({ 'io.switchyard.home': home.homeHash })).toEqual([]);
  });
});
