import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { containersWithLabels, inspectContainer, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { cli, freePort, HttpGatewayProcess, httpClient, writeSettings } from './support/http-gateway.js';

/** The base image npm servers build on here (node:22-alpine is not reachable): see test/fixtures/README.md. */
const nodeBase = process.env.SWITCHYARD_NODE_BASE_IMAGE ?? 'switchyard-fixture/node-base:latest';
/** The version test/fixtures/locks/memory pins: npm's cache has it from `npm run fixtures`. */
const memorySpec = '@modelcontextprotocol/server-memory@2026.8.31';
const missingSpec = '@switchyard-test/definitely-missing-pkg';
/** A first start installs from npm and builds an image: allow it more than the SDK's default 60 s. */
const buildTimeoutMs = 240_000;

/**
 * The gateway runs npm on the host with its own environment; test gateways get only PATH and SWITCHYARD_HOME,
 * so hand on what this machine's npm needs to reach the registry (its CA, proxy and npm settings).
 */
function npmEnvironment(): Record<string, string> {
  const wanted = (key: string) =>
    ['HOME', 'NODE_EXTRA_CA_CERTS', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY'].includes(key.toUpperCase()) || /^npm_config_/i.test(key);
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => wanted(entry[0]) && entry[1] !== undefined));
}

describe('npm package servers, built into a local image on first use', () => {
  const home = tempHome();
  const buildLog = path.join(home.home, 'logs', 'npm-build-mem.log');
  const twinBuildLog = path.join(home.home, 'logs', 'npm-build-twin.log');
  let tag = '';
  let gateway: HttpGatewayProcess | undefined;
  let client: Client | undefined;

  const startGateway = async (): Promise<Client> => {
    gateway = new HttpGatewayProcess(home.home, [], npmEnvironment());
    client = await httpClient(await gateway.ready(), cli(home.home, ['gateway', 'token']).trim());
    return client;
  };
  const stopGateway = async () => {
    await client?.close();
    await gateway?.stop();
    client = undefined;
    gateway = undefined;
  };
  const imageOf = (ref: string) =>
    JSON.parse(execFileSync('docker', ['image', 'inspect', ref], { encoding: 'utf8' }))[0] as {
      Id: string;
      Config: { Labels: Record<string, string> | null; Entrypoint: string[] | null };
    };

  beforeAll(async () => {
    requireDockerAndImages(nodeBase);
    writeSettings(home.home, { gateway: { port: await freePort(), npmBaseImage: nodeBase } });
    // The memory server writes next to its code by default; the root file system is read-only, /tmp is not.
    cli(home.home, ['server', 'add', 'mem', '--npm', memorySpec, '--env', 'MEMORY_FILE_PATH=/tmp/memory.jsonl']);
    // A second server of the same package: the same image, which the first tools/list starts both for.
    cli(home.home, ['server', 'add', 'twin', '--npm', memorySpec, '--env', 'MEMORY_FILE_PATH=/tmp/memory.jsonl']);
    tag = (JSON.parse(cli(home.home, ['server', 'inspect', 'mem', '--json'])) as { image: string }).image;
    // A leftover from an interrupted earlier run would make this run skip the build it is here to test.
    execFileSync('docker', ['image', 'rm', '-f', tag], { stdio: 'pipe' });
  });

  afterEach(stopGateway);

  afterAll(async () => {
    if (tag) execFileSync('docker', ['image', 'rm', '-f', tag], { stdio: 'pipe' });
    home.remove();
  });

  it('shows the package and the image tag before the server ever ran', () => {
    expect(tag).toMatch(/^switchyard-npm\/modelcontextprotocol-server-memory:[0-9a-f]{12}$/);
    const inspect = cli(home.home, ['server', 'inspect', 'mem']);
    expect(inspect).toContain(`npm package ${memorySpec}`);
    expect(inspect).toContain(`image:   ${tag}`);
    expect(cli(home.home, ['server', 'ls'])).toContain(`npm:${memorySpec}`);
  });

  it(
    'installs the package, builds its image once for both servers, and serves its tools in containers without network',
    { timeout: buildTimeoutMs + 30_000 },
    async () => {
      const mcp = await startGateway();
      const tools = (await mcp.listTools(undefined, { timeout: buildTimeoutMs })).tools.map((tool) => tool.name);
      // Both servers offer the same tools, so both are prefixed.
      expect(tools).toEqual(expect.arrayContaining(['mem__create_entities', 'mem__read_graph', 'twin__read_graph']));
      // One image for both: one server built it, the other waited for that build (or found the image).
      expect([buildLog, twinBuildLog].filter((file) => existsSync(file))).toHaveLength(1);

      await mcp.callTool({
        name: 'mem__create_entities',
        arguments: { entities: [{ name: 'switchyard', entityType: 'project', observations: ['built from npm'] }] },
      });
      const graph = await mcp.callTool({ name: 'mem__read_graph', arguments: {} });
      expect(JSON.stringify(graph.content)).toContain('built from npm');

      const image = imageOf(tag);
      expect(image.Config.Labels).toMatchObject({
        'io.switchyard.built-by': 'switchyard',
        'io.switchyard.npm.spec': memorySpec,
        'io.switchyard.npm.package': '@modelcontextprotocol/server-memory',
        'io.switchyard.npm.version': '2026.8.31',
        'io.switchyard.npm.base-image': nodeBase,
      });
      expect(image.Config.Entrypoint).toEqual(['node', '/app/node_modules/@modelcontextprotocol/server-memory/dist/index.js']);
      const [containerId] = containersWithLabels({ 'io.switchyard.home': home.homeHash, 'io.switchyard.server': 'mem' });
      const container = inspectContainer(containerId!);
      expect(container.Config.Labels['io.switchyard.npm.spec']).toBe(memorySpec);
      expect(container.HostConfig.NetworkMode).toBe('none');
      expect(container.HostConfig.CapDrop).toEqual(['ALL']);
      expect(container.HostConfig.ReadonlyRootfs).toBe(true);
      expect(readFileSync(existsSync(buildLog) ? buildLog : twinBuildLog, 'utf8')).toContain(`Built ${tag}`);
    },
  );

  it('reuses the image at the next gateway start instead of building again', { timeout: 120_000 }, async () => {
    const before = imageOf(tag).Id;
    rmSync(buildLog, { force: true });
    rmSync(twinBuildLog, { force: true });
    const mcp = await startGateway();
    const graph = await mcp.callTool({ name: 'mem__read_graph', arguments: {} });
    expect(graph.isError).toBeFalsy();
    expect(imageOf(tag).Id).toBe(before);
    // Every build writes its log: none was written, so nothing was built (an identical rebuild would keep the id).
    expect(existsSync(buildLog)).toBe(false);
  });

  it('fails the call of a package that does not exist, naming the npm step and the log file', { timeout: 180_000 }, async () => {
    cli(home.home, ['server', 'add', 'ghost', '--npm', missingSpec]);
    const mcp = await startGateway();
    // One failing server never takes the list down; the other server's tools are still there.
    expect((await mcp.listTools(undefined, { timeout: 150_000 })).tools.map((tool) => tool.name)).toContain('mem__read_graph');
    const failure = await mcp.callTool({ name: 'anything', arguments: {} }).then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    const logFile = path.join(home.home, 'logs', 'npm-build-ghost.log');
    expect(failure).toContain('Server "ghost" could not start');
    expect(failure).toContain(`npm package "${missingSpec}" failed at step "npm install"`);
    expect(failure).toContain(`Full log: ${logFile}`);
    expect(readFileSync(logFile, 'utf8')).toMatch(/404|E404|not found/i);
  });
});
