import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport, type ClientOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { containersWithLabels, eventually, images, requireDockerAndImages } from './support/docker.js';
import { cliPath, tempHome } from './support/gateway-process.js';
import { cli, freePort, HttpGatewayProcess, writeSettings } from './support/http-gateway.js';

/** A 2026-07-28 client (stateless, pinned). */
const modern: ClientOptions = { versionNegotiation: { mode: { pin: '2026-07-28' } } };

const names = (listed: { tools: Array<{ name: string }> }) => listed.tools.map((tool) => tool.name).sort();

/** Profiles with real containers and SDK clients of both eras: each client sees its profile, and only its profile. */
describe('profiles', () => {
  const home = tempHome();
  const env = { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
  const alphaSecret = `alpha-secret-${Date.now()}`;
  const alphaLabels = { 'io.switchyard.home': home.homeHash, 'io.switchyard.server': 'alpha' };
  let gateway: HttpGatewayProcess;
  let token: string;
  let base: URL;
  const clients: Client[] = [];

  beforeAll(async () => {
    requireDockerAndImages(images.everything, images.memory);
    writeSettings(home.home, {
      gateway: { port: await freePort() },
      servers: {
        alpha: { image: images.everything, secretEnv: { API_KEY: 'alpha.key' } },
        notes: { image: images.memory, env: { MEMORY_FILE_PATH: '/tmp/memory.jsonl' } },
      },
      profiles: {
        coding: { servers: { alpha: { allow: ['echo'] } } },
        knowledge: { servers: { notes: {}, alpha: { allow: ['get-sum'] } }, deny: [{ server: 'notes', tool: 'delete_entities' }] },
      },
    });
    cli(home.home, ['secret', 'set', 'alpha.key'], { env, input: alphaSecret });
    token = cli(home.home, ['gateway', 'token']).trim();
    gateway = new HttpGatewayProcess(home.home, [], env);
    base = new URL(await gateway.ready());
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await gateway?.stop();
    home.remove();
  });

  async function attach(path: string, name: string, options: ClientOptions = {}): Promise<Client> {
    const client = new Client({ name, version: '1.0.0' }, options);
    await client.connect(new StreamableHTTPClientTransport(new URL(path, base), { authProvider: { token: async () => token } }));
    clients.push(client);
    return client;
  }

  it('shows two clients on two profiles exactly their tools, in both protocol eras, and runs a shared server once', async () => {
    const coding = await attach('/mcp/profiles/coding', 'coding-client');
    const knowledge = await attach('/mcp/profiles/knowledge', 'knowledge-client', modern);
    const everything = await attach('/mcp', 'default-client');
    expect(names(await coding.listTools())).toEqual(['echo']);
    const knowledgeTools = names(await knowledge.listTools());
    expect(knowledgeTools).toContain('get-sum');
    expect(knowledgeTools).toContain('create_entities');
    expect(knowledgeTools).not.toContain('echo');
    const all = names(await everything.listTools());
    expect(all).toEqual(expect.arrayContaining(['echo', 'get-sum', 'create_entities']));

    expect(JSON.stringify((await coding.callTool({ name: 'echo', arguments: { message: 'from coding' } })).content)).toContain('from coding');
    expect(JSON.stringify((await knowledge.callTool({ name: 'get-sum', arguments: { a: 2, b: 3 } })).content)).toContain('5');
    expect(containersWithLabels(alphaLabels)).toHaveLength(1);
  });

  it('refuses a tool outside the allow-list by name, saying how to allow it', async () => {
    const coding = await attach('/mcp/profiles/coding', 'coding-refused');
    const refused = await coding.callTool({ name: 'get-sum', arguments: { a: 1, b: 1 } }).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    expect(refused).toContain('Tool "get-sum" of server "alpha" is not on profile "coding"\'s allow-list');
    expect(refused).toContain('switchyard profile tools coding alpha --allow echo,get-sum');
  });

  it("applies a profile's deny rule to its clients only", async () => {
    const knowledge = await attach('/mcp/profiles/knowledge', 'knowledge-denied');
    const denied = await knowledge.callTool({ name: 'delete_entities', arguments: { entityNames: ['x'] } });
    expect(denied.isError).toBe(true);
    expect(JSON.stringify(denied.content)).toContain('notes delete_entities is denied in profile knowledge');
    const everything = await attach('/mcp', 'default-allowed');
    expect((await everything.callTool({ name: 'delete_entities', arguments: { entityNames: ['x'] } })).isError).toBeFalsy();
  });

  it('tells only the sessions of a changed profile that their tools changed', async () => {
    let codingHeard = 0;
    let modernCodingHeard = 0;
    let knowledgeHeard = 0;
    let defaultHeard = 0;
    const coding = await attach('/mcp/profiles/coding', 'coding-listener', { listChanged: { tools: { onChanged: () => codingHeard++ } } });
    const modernCoding = await attach('/mcp/profiles/coding', 'coding-modern-listener', {
      ...modern,
      listChanged: { tools: { onChanged: () => modernCodingHeard++ } },
    });
    const knowledge = await attach('/mcp/profiles/knowledge', 'knowledge-listener', { listChanged: { tools: { onChanged: () => knowledgeHeard++ } } });
    const everything = await attach('/mcp', 'default-listener', { listChanged: { tools: { onChanged: () => defaultHeard++ } } });
    await Promise.all([coding, modernCoding, knowledge, everything].map((client) => client.listTools()));

    cli(home.home, ['profile', 'tools', 'coding', 'alpha', '--allow', 'echo,get-sum']);
    await eventually(
      () => codingHeard + modernCodingHeard,
      () => codingHeard > 0 && modernCodingHeard > 0,
      15_000,
    );
    expect(codingHeard).toBeGreaterThan(0);
    expect(modernCodingHeard).toBeGreaterThan(0);
    expect(names(await coding.listTools())).toEqual(['echo', 'get-sum']);
    // Long enough for a stray notification to arrive.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(knowledgeHeard).toBe(0);
    expect(defaultHeard).toBe(0);
  });

  it("records each call's profile in the history", async () => {
    const records = await eventually(
      () =>
        cli(home.home, ['logs', '--json', '--server', 'alpha'], { env })
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as { name: string; client: { name?: string; profile?: string } }),
      (rows) => rows.some((row) => row.client.profile === 'knowledge') && rows.some((row) => row.client.profile === 'coding'),
      10_000,
    );
    expect(records.find((row) => row.client.name === 'coding-client')?.client.profile).toBe('coding');
    // The 2026 client is stateless: its records carry the profile of the path it called.
    expect(records.filter((row) => row.client.profile === 'knowledge').map((row) => row.name)).toContain('get-sum');
    // It names itself in each request's _meta, and the history keeps that name.
    expect(records.filter((row) => row.client.profile === 'knowledge').map((row) => row.client.name)).toContain('knowledge-client');
  });

  it('bridges `switchyard connect --profile NAME` to that profile', async () => {
    const client = new Client({ name: 'bridge-coding', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [cliPath, 'connect', '--profile', 'knowledge'],
        env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home },
      }),
    );
    clients.push(client);
    const tools = names(await client.listTools());
    expect(tools).toContain('get-sum');
    expect(tools).not.toContain('echo');
  });

  it('answers an unknown profile path with 404 naming it', async () => {
    const response = await fetch(new URL('/mcp/profiles/nope', base), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
      }),
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('there is no profile \\"nope\\"');
  });
});
