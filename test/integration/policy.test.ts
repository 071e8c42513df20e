import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { images, requireDockerAndImages } from './support/docker.js';
import { cliPath, tempHome } from './support/gateway-process.js';
import { freePort, HttpGatewayProcess, httpClient, writeSettings } from './support/http-gateway.js';

/** Deny rules and the secret-leak guard on the call path of a running gateway. */
describe('policies on every call', () => {
  const home = tempHome();
  const env = { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home, SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
  const alphaSecret = `alpha-secret-${Date.now()}`;
  const betaSecret = `beta-secret-${Date.now()}`;
  let gateway: HttpGatewayProcess;
  let client: Client;
  const text = (result: { content: unknown }) => JSON.stringify(result.content);

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    writeSettings(home.home, {
      gateway: { port: await freePort() },
      servers: { alpha: { image: images.everything }, beta: { image: images.everything } },
      policy: { deny: [{ server: 'alpha', tool: 'get-sum' }] },
    });
    for (const [key, value] of [
      ['alpha.key', alphaSecret],
      ['beta.token', betaSecret],
    ]) {
      execFileSync(process.execPath, [cliPath, 'secret', 'set', key!], { env, input: value, stdio: ['pipe', 'pipe', 'pipe'] });
    }
    gateway = new HttpGatewayProcess(home.home, [], { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' });
    await gateway.ready();
    const token = execFileSync(process.execPath, [cliPath, 'gateway', 'token'], { env, encoding: 'utf8' }).trim();
    client = await httpClient(gateway.url, token);
  });

  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    home.remove();
  });

  it('blocks a denied tool with a clear tool error, and lets the same tool of another server through', async () => {
    const denied = await client.callTool({ name: 'alpha__get-sum', arguments: { a: 1, b: 2 } });
    expect(denied.isError).toBe(true);
    expect(text(denied)).toContain('Blocked by Switchyard policy: alpha get-sum is denied by your settings.');
    const allowed = await client.callTool({ name: 'beta__get-sum', arguments: { a: 1, b: 2 } });
    expect(text(allowed)).toContain('3');
  });

  it('blocks a call whose arguments carry another server’s secret', async () => {
    const blocked = await client.callTool({ name: 'alpha__echo', arguments: { message: `please use ${betaSecret}` } });
    expect(blocked.isError).toBe(true);
    expect(text(blocked)).toContain('beta.token');
    expect(text(blocked)).not.toContain(betaSecret);
  });

  it('withholds a result that contains a stored secret', async () => {
    const withheld = await client.callTool({ name: 'alpha__echo', arguments: { message: `mine: ${alphaSecret}` } });
    expect(withheld.isError).toBe(true);
    expect(text(withheld)).toContain('contained the value of stored secret(s) alpha.key');
    expect(text(withheld)).not.toContain(alphaSecret);
  });
});
