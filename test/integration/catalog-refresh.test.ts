import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { images, requireDockerAndImages } from './support/docker.js';
import { cliPath, tempHome } from './support/gateway-process.js';
import { freePort, HttpGatewayProcess, writeSettings } from './support/http-gateway.js';

const run = promisify(execFile);

async function switchyard(home: string, args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, [cliPath, ...args], { env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home }, encoding: 'utf8' });
    return { code: 0, stderr };
  } catch (error) {
    return { code: (error as { code?: number }).code ?? 1, stderr: (error as { stderr?: string }).stderr ?? '' };
  }
}

/** A URL catalog is read from its cached copy at start-up and fetched again in the background by the running gateway. */
describe('URL catalogs refreshed in the background', () => {
  const home = tempHome();
  let server: Server;
  let body = 'registry:\n  first-entry:\n    type: server\n    image: example/first:1\n';
  let gateway: HttpGatewayProcess | undefined;

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/yaml' }).end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    writeSettings(home.home, { gateway: { port: await freePort() } });
  });

  afterAll(async () => {
    await gateway?.stop();
    server.close();
    home.remove();
  });

  it('picks up a new entry without a restart or a manual refresh', async () => {
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/catalog.yaml`;
    expect((await switchyard(home.home, ['catalog', 'add', url])).code).toBe(0);
    body += '  fresh-entry:\n    type: server\n    image: example/fresh:1\n';
    // Enabling reads the cached copy, which does not know the new entry yet.
    expect((await switchyard(home.home, ['server', 'enable', 'fresh-entry'])).stderr).toContain('neither a configured server nor a catalog entry');

    gateway = new HttpGatewayProcess(home.home);
    await gateway.ready();
    const deadline = Date.now() + 15_000;
    let enabled = await switchyard(home.home, ['server', 'enable', 'fresh-entry']);
    while (enabled.code !== 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      enabled = await switchyard(home.home, ['server', 'enable', 'fresh-entry']);
    }
    expect(enabled).toMatchObject({ code: 0 });
  });
});
