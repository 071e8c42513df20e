import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { containersWithLabels, eventually, images, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { cli, cliAnswer, freePort, httpClient, HttpGatewayProcess, writeSettings } from './support/http-gateway.js';

const switchyard = cliAnswer;

describe('switchyard tools ls|call|disable|enable', () => {
  const home = tempHome();
  let gateway: HttpGatewayProcess | undefined;
  let client: Client | undefined;

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    writeSettings(home.home, { gateway: { port: await freePort() }, servers: { every: { image: images.everything } } });
  });

  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    home.remove();
  });

  it('lists nothing before the server ever ran, and learns its tools with --refresh', async () => {
    expect((await switchyard(home.home, ['tools', 'ls'])).stdout).toContain('No tools known yet');
    const listed = await switchyard(home.home, ['tools', 'ls', '--refresh', '--json']);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Array<{ server: string; name: string; enabled: boolean }>;
    expect(rows).toContainEqual(expect.objectContaining({ server: 'every', name: 'echo', enabled: true }));
    // The in-process gateway left nothing running.
    expect(containersWithLabels({ 'io.switchyard.home': home.homeHash })).toEqual([]);
  });

  it('calls a tool in-process when no gateway runs, with typed key=value arguments', async () => {
    const echoed = await switchyard(home.home, ['tools', 'call', 'echo', 'message=hello there']);
    expect(echoed).toMatchObject({ code: 0, stdout: 'Echo: hello there\n' });
    const sum = await switchyard(home.home, ['tools', 'call', 'get-sum', 'a=2', 'b=40', '--json']);
    expect(JSON.parse(sum.stdout).content[0].text).toContain('42');
    const bad = await switchyard(home.home, ['tools', 'call', 'echo', '--args', '{not json']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--args is not valid JSON');
  });

  it('switches a tool off and on in a running gateway without restarting its container', async () => {
    gateway = new HttpGatewayProcess(home.home);
    const token = cli(home.home, ['gateway', 'token']).trim();
    let listChanged = 0;
    client = await httpClient(await gateway.ready(), token, { listChanged: { tools: { onChanged: () => void listChanged++ } } });
    expect((await client.callTool({ name: 'echo', arguments: { message: 'a' } })).content).toEqual([{ type: 'text', text: 'Echo: a' }]);
    const [container] = containersWithLabels({ 'io.switchyard.home': home.homeHash });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the first start's own list_changed, if any, has arrived
    const heardBefore = listChanged;

    const off = await switchyard(home.home, ['tools', 'disable', 'every', 'echo']);
    expect(off.stderr).toContain('Tool every echo switched off');
    await eventually(
      () => listChanged,
      (count) => count > heardBefore,
    );
    expect((await client.listTools()).tools.map((tool) => tool.name)).not.toContain('echo');
    const refused = await client.callTool({ name: 'echo', arguments: { message: 'b' } }).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    expect(refused).toContain('switched off in your settings');
    expect(refused).toContain('switchyard tools enable every echo');
    // Through the CLI, the call goes to the running gateway and explains the same.
    const viaCli = await switchyard(home.home, ['tools', 'call', 'echo', 'message=c']);
    expect(viaCli.code).toBe(1);
    expect(viaCli.stderr).toContain('switched off in your settings');
    expect((await switchyard(home.home, ['tools', 'ls', 'every'])).stdout).toMatch(/^x every echo/m);
    expect(containersWithLabels({ 'io.switchyard.home': home.homeHash })).toEqual([container]);

    await switchyard(home.home, ['tools', 'enable', 'every', 'echo']);
    const deadline = Date.now() + 10_000;
    while (!(await client.listTools()).tools.some((tool) => tool.name === 'echo') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('echo');
    expect((await switchyard(home.home, ['tools', 'call', 'echo', 'message=back'])).stdout).toBe('Echo: back\n');
    expect(containersWithLabels({ 'io.switchyard.home': home.homeHash })).toEqual([container]);
    // The CLI's call went through the gateway: it is in the history under the CLI's client name.
    const logs = cli(home.home, ['logs', '--json', '--server', 'every'])
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logs.some((record) => JSON.stringify(record).includes('switchyard-cli') && record.name === 'echo')).toBe(true);
  });

  it('refuses an unknown server clearly', async () => {
    const answer = await switchyard(home.home, ['tools', 'disable', 'nope', 'echo']);
    expect(answer.code).toBe(1);
    expect(answer.stderr).toContain('No server named "nope".');
    expect(answer.stderr).toContain('Configured: every.');
  });
});

describe('switchyard catalog add|rm|sources|refresh', () => {
  const home = tempHome();
  let server: Server;
  let url = '';
  const catalogYaml = `registry:\n  team-notes:\n    type: server\n    image: example/team-notes:1\n    title: Team notes\n    description: Our own notes server\n`;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/catalog.yaml') response.writeHead(200, { 'content-type': 'application/yaml' }).end(catalogYaml);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/catalog.yaml`;
  });

  afterAll(() => {
    server.close();
    home.remove();
  });

  it('adds a URL catalog after checking it, finds its entries, keeps the copy when the URL goes away, and removes it', async () => {
    const added = await switchyard(home.home, ['catalog', 'add', url]);
    expect(added).toMatchObject({ code: 0 });
    expect(added.stdout).toContain(`Catalog ${url} added: 1 entry`);
    expect((await switchyard(home.home, ['catalog', 'search', 'team notes'])).stdout).toContain('team-notes');
    expect((await switchyard(home.home, ['catalog', 'add', url])).stderr).toContain('is already one of your catalogs');

    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const refreshed = await switchyard(home.home, ['catalog', 'refresh']);
    expect(refreshed.code).toBe(1);
    expect(refreshed.stderr).toContain('kept the copy from');
    const sources = JSON.parse((await switchyard(home.home, ['catalog', 'sources', '--json'])).stdout) as Array<{
      kind: string;
      source: string;
      entries: number;
    }>;
    expect(sources).toContainEqual(expect.objectContaining({ kind: 'url', source: url, entries: 1 }));
    expect((await switchyard(home.home, ['catalog', 'show', 'team-notes'])).stdout).toContain('Our own notes server');

    expect((await switchyard(home.home, ['catalog', 'rm', url])).stdout).toContain('removed');
    expect((await switchyard(home.home, ['catalog', 'show', 'team-notes'])).code).toBe(1);
  });

  it('adds a file catalog, refuses a missing file or a non-http URL without touching the settings', async () => {
    const file = path.join(home.home, 'mine.yaml');
    writeFileSync(file, catalogYaml.replace(/team-notes/g, 'file-notes'));
    expect((await switchyard(home.home, ['catalog', 'add', file])).stdout).toContain('1 entry');
    expect((await switchyard(home.home, ['catalog', 'ls'])).stdout).toContain('file-notes');
    const missing = await switchyard(home.home, ['catalog', 'add', path.join(home.home, 'nope.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No catalog file at');
    const ftp = await switchyard(home.home, ['catalog', 'add', 'ftp://example.com/c.yaml']);
    expect(ftp.stderr).toContain('Catalog URLs must be http(s)');
    const sources = JSON.parse((await switchyard(home.home, ['catalog', 'sources', '--json'])).stdout) as Array<{ kind: string }>;
    expect(sources.map((source) => source.kind)).toEqual(['bundled', 'file']);
  });
});
