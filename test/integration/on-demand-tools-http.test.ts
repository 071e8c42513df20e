import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { images, requireDockerAndImages } from './support/docker.js';
import { httpGatewayForSuite } from './support/http-gateway.js';

type ToolResult = { content?: unknown; isError?: boolean; structuredContent?: Record<string, unknown> };

const gatewayTools = ['add_server', 'call_tool', 'describe_server', 'find_servers'];
const names = (listed: { tools: Array<{ name: string }> }) => listed.tools.map((tool) => tool.name).sort();
const text = (result: ToolResult) => JSON.stringify(result.content);

/**
 * add_server for clients of the stateless protocol (2026-07-28) over HTTP: they have no session (the gateway
 * serves all of them of one profile from one), and that protocol's tools/list must not depend on earlier tool
 * calls (SEP-2567). What one agent adds is held under a handle it alone was given: call_tool with the handle
 * reaches the server, every client's tools/list stays the same, and another client does not reach it.
 */
describe('on-demand tools for 2026-07-28 clients over HTTP (handles)', () => {
  const suite = httpGatewayForSuite((home) => {
    requireDockerAndImages(images.everything, images.memory);
    const file = path.join(home, 'settings.json');
    const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const servers = {
      alpha: { image: images.everything },
      notes: { image: images.memory, env: { MEMORY_FILE_PATH: '/tmp/memory.jsonl' } },
    };
    const profiles = { agent: { servers: { alpha: { listed: false } }, dynamic: true }, other: { servers: {}, dynamic: true } };
    writeFileSync(file, JSON.stringify({ ...settings, servers, profiles }, null, 2));
  });
  const clients: Client[] = [];

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  });

  async function statelessAgent(profile: string, answer: 'accept' | 'decline', name = `agent-${answer}`): Promise<Client> {
    const client = new Client({ name, version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { elicitation: {} } });
    client.setRequestHandler('elicitation/create', async () => ({ action: answer }));
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${suite.url.href}/profiles/${profile}`), { authProvider: { token: async () => suite.token } }),
    );
    clients.push(client);
    return client;
  }

  const call = async (client: Client, tool: string, args: Record<string, unknown>) => (await client.callTool({ name: tool, arguments: args })) as ToolResult;

  it('add_server (accepted) answers a handle; call_tool with it reaches the server; tools/list stays the same and another client does not reach it', async () => {
    const first = await statelessAgent('agent', 'accept', 'first');
    const second = await statelessAgent('agent', 'accept', 'second');
    expect(names(await first.listTools())).toEqual(gatewayTools);

    const added = await call(first, 'add_server', { server: 'notes' });
    expect(added.isError, text(added)).toBeFalsy();
    expect(added.structuredContent).toMatchObject({ server: 'notes', added: true, handle: expect.stringMatching(/^sy_[\w-]{24}$/) });
    expect(added.structuredContent?.tools).toContain('create_entities');
    const handle = String(added.structuredContent?.handle);
    // The agent is told, in words, how to use it.
    expect((added.content as Array<{ text: string }>)[0]?.text).toContain(`call_tool, passing "handle": "${handle}"`);

    // The list is the profile's, for every client of it: an addition changes no one's tools/list.
    expect(names(await first.listTools())).toEqual(gatewayTools);
    expect(names(await second.listTools())).toEqual(gatewayTools);

    const created = await call(first, 'call_tool', {
      server: 'notes',
      tool: 'create_entities',
      arguments: { entities: [{ name: 'stateless-agent', entityType: 'test', observations: ['added under a handle'] }] },
      handle,
    });
    expect(created.isError, text(created)).toBeFalsy();
    expect(text(created)).toContain('stateless-agent');

    // Without the handle the server is not reached, by that client or another one.
    for (const client of [first, second]) {
      const refused = await call(client, 'call_tool', { server: 'notes', tool: 'read_graph', arguments: {} });
      expect(refused.isError).toBe(true);
      expect(refused.structuredContent).toMatchObject({ server: 'notes', reason: 'not-in-session' });
    }

    // Adding under the same handle again says so and keeps the handle.
    const again = await call(first, 'add_server', { server: 'notes', handle });
    expect(again.structuredContent).toMatchObject({ server: 'notes', added: false, reason: 'already-in-session', handle });
  });

  it('with elicitation declined nothing is added and no handle is given', async () => {
    const client = await statelessAgent('agent', 'decline');
    const declined = await call(client, 'add_server', { server: 'notes' });
    expect(declined.structuredContent).toMatchObject({ server: 'notes', added: false, reason: 'decline' });
    expect(declined.structuredContent).not.toHaveProperty('handle');
    expect(names(await client.listTools())).toEqual(gatewayTools);
  });

  it("refuses an unknown handle and another profile's handle on the handle field", async () => {
    const agent = await statelessAgent('agent', 'accept', 'holder');
    const other = await statelessAgent('other', 'accept', 'outsider');
    const handle = String((await call(agent, 'add_server', { server: 'notes' })).structuredContent?.handle);

    const elsewhere = await call(other, 'call_tool', { server: 'notes', tool: 'read_graph', arguments: {}, handle });
    expect(elsewhere.isError).toBe(true);
    expect(elsewhere.structuredContent).toMatchObject({ reason: 'other-profile', field: 'handle' });

    const unknown = await call(agent, 'call_tool', { server: 'notes', tool: 'read_graph', arguments: {}, handle: 'sy_not-a-handle' });
    expect(unknown.isError).toBe(true);
    expect(unknown.structuredContent).toMatchObject({ reason: 'unknown-handle', field: 'handle' });
    expect(text(unknown)).toContain('add_server');
  });
});
