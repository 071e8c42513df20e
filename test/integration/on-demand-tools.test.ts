import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { eventually, images, requireDockerAndImages } from './support/docker.js';
import { cliPath, tempHome } from './support/gateway-process.js';
import { cli, writeSettings } from './support/http-gateway.js';

type ToolResult = { content?: unknown; isError?: boolean; structuredContent?: Record<string, unknown> };

const eras: Array<{ era: string; options: ClientOptions }> = [
  { era: '2025-11-25', options: { capabilities: { elicitation: {} } } },
  { era: '2026-07-28', options: { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { elicitation: {} } } },
];

const names = (listed: { tools: Array<{ name: string }> }) => listed.tools.map((tool) => tool.name).sort();
const text = (result: ToolResult) => JSON.stringify(result.content);

/**
 * The on-demand tools of a dynamic profile, driven the way an agent drives them: a scripted SDK client of each
 * protocol era on its own stdio gateway (`gateway run --profile agent`: one session), with real containers.
 */
describe('on-demand tools (dynamic profile)', () => {
  const home = tempHome();
  const env = { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
  const clients: Client[] = [];

  beforeAll(() => {
    requireDockerAndImages(images.everything, images.memory);
    writeSettings(home.home, {
      servers: {
        alpha: { image: images.everything },
        notes: { image: images.memory, env: { MEMORY_FILE_PATH: '/tmp/memory.jsonl' } },
        vault: { image: images.everything, secretEnv: { API_KEY: 'vault.key' } },
      },
      profiles: { agent: { servers: { alpha: { listed: false } }, dynamic: true } },
    });
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    home.remove();
  });

  async function agent(options: ClientOptions, answer: 'accept' | 'decline', onToolsChanged?: () => void): Promise<Client> {
    const client = new Client(
      { name: `agent-${answer}`, version: '1.0.0' },
      { ...options, ...(onToolsChanged ? { listChanged: { tools: { onChanged: onToolsChanged } } } : {}) },
    );
    client.setRequestHandler('elicitation/create', async () => ({ action: answer }));
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [cliPath, 'gateway', 'run', '--profile', 'agent'],
        env: { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home, ...env },
        stderr: 'ignore',
      }),
    );
    clients.push(client);
    return client;
  }

  for (const { era, options } of eras) {
    it(`${era}: find_servers -> add_server (accepted) -> the new tools are listed -> one is called`, async () => {
      let heard = 0;
      const client = await agent(options, 'accept', () => heard++);
      // An unlisted member's tools stay out of the list: only the gateway's own tools are there.
      expect(names(await client.listTools())).toEqual(['add_server', 'call_tool', 'describe_server', 'find_servers']);

      const found = (await client.callTool({ name: 'find_servers', arguments: { query: 'notes' } })) as ToolResult;
      expect(found.isError).toBeFalsy();
      const hits = found.structuredContent?.servers as Array<{ name: string; inSession: boolean; configured: boolean }>;
      expect(hits[0]).toMatchObject({ name: 'notes', inSession: false, configured: true });

      const added = (await client.callTool({ name: 'add_server', arguments: { server: 'notes' } })) as ToolResult;
      expect(added.isError, text(added)).toBeFalsy();
      expect(added.structuredContent).toMatchObject({ server: 'notes', added: true });
      await eventually(
        () => heard,
        (count) => count > 0,
        15_000,
      );
      const tools = names(await client.listTools());
      expect(tools).toContain('create_entities');
      expect(tools).not.toContain('echo'); // alpha stays unlisted
      const created = (await client.callTool({
        name: 'create_entities',
        arguments: { entities: [{ name: `agent-${era}`, entityType: 'test', observations: ['added on demand'] }] },
      })) as ToolResult;
      expect(created.isError, text(created)).toBeFalsy();
      expect(text(created)).toContain(`agent-${era}`);
    });

    it(`${era}: with elicitation declined nothing is added`, async () => {
      const client = await agent(options, 'decline');
      const declined = (await client.callTool({ name: 'add_server', arguments: { server: 'notes' } })) as ToolResult;
      expect(declined.structuredContent).toMatchObject({ server: 'notes', added: false, reason: 'decline' });
      expect(names(await client.listTools())).not.toContain('create_entities');
      const refused = await client.callTool({ name: 'create_entities', arguments: { entities: [] } }).then(
        (result) => text(result as ToolResult),
        (error: Error) => error.message,
      );
      expect(refused).toContain('not in profile "agent"');
    });

    it(`${era}: a server that needs a secret is refused with the exact command`, async () => {
      const client = await agent(options, 'accept');
      const refused = (await client.callTool({ name: 'add_server', arguments: { server: 'vault' } })) as ToolResult;
      expect(refused.isError).toBe(true);
      expect(text(refused)).toContain('switchyard secret set vault.key');
      expect(refused.structuredContent).toMatchObject({ reason: 'needs-setup', commands: ['switchyard secret set vault.key'] });
      expect(names(await client.listTools())).toEqual(['add_server', 'call_tool', 'describe_server', 'find_servers']);
    });

    it(`${era}: call_tool checks the input schema (naming the field) and then calls an unlisted server's tool`, async () => {
      const client = await agent(options, 'accept');
      const described = (await client.callTool({ name: 'describe_server', arguments: { server: 'alpha' } })) as ToolResult;
      const sum = (described.structuredContent?.tools as Array<{ name: string; inputSchema: unknown }>).find((tool) => tool.name === 'get-sum');
      expect(sum?.inputSchema).toMatchObject({ type: 'object' });
      expect(described.structuredContent).toMatchObject({ inSession: true, enabled: true });

      const bad = (await client.callTool({ name: 'call_tool', arguments: { server: 'alpha', tool: 'get-sum', arguments: { a: 'two', b: 3 } } })) as ToolResult;
      expect(bad.isError).toBe(true);
      expect(text(bad)).toContain('/a');
      expect(bad.structuredContent).toMatchObject({ reason: 'invalid-arguments', problems: [expect.objectContaining({ path: '/a' })] });

      const good = (await client.callTool({ name: 'call_tool', arguments: { server: 'alpha', tool: 'get-sum', arguments: { a: 2, b: 3 } } })) as ToolResult;
      expect(good.isError, text(good)).toBeFalsy();
      expect(text(good)).toContain('5');
    });
  }

  it("records every on-demand call as a call of the gateway's own tools, with the profile", async () => {
    const rows = await eventually(
      () =>
        cli(home.home, ['logs', '--json', '--server', 'switchyard'], { env })
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as { server: string; name: string; client: { profile?: string } }),
      (records) => ['find_servers', 'add_server', 'describe_server', 'call_tool'].every((name) => records.some((row) => row.name === name)),
      15_000,
    );
    expect(rows.every((row) => row.server === 'switchyard' && row.client.profile === 'agent')).toBe(true);
  });
});
