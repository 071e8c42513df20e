import { describe, expect, it } from 'vitest';
import { StreamableHTTPClientTransport, Client } from '@modelcontextprotocol/client';
import { containersWithLabels, eventually, images, requireDockerAndImages } from './support/docker.js';
import { cli, httpGatewayForSuite } from './support/http-gateway.js';

/** A stateful server (memory) in perSession mode: each client session gets its own container and its own state. */
describe('perSession servers', () => {
  const suite = httpGatewayForSuite((home) => {
    requireDockerAndImages(images.memory);
    cli(home, ['server', 'add', 'notes', '--image', images.memory, '--per-session', '--env', 'MEMORY_FILE_PATH=/tmp/memory.jsonl']);
  });
  const ours = { 'io.switchyard.home': suite.home.homeHash, 'io.switchyard.server': 'notes' };

  async function connect(name: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
    const transport = new StreamableHTTPClientTransport(new URL(suite.gateway.url), { authProvider: { token: async () => suite.token } });
    const client = new Client({ name, version: '1.0.0' });
    await client.connect(transport);
    return { client, transport };
  }

  it('keeps each session’s state in its own container, and removes it when the session ends', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    await alice.client.callTool({ name: 'create_entities', arguments: { entities: [{ name: 'alice-secret-plan', entityType: 'note', observations: ['x'] }] } });
    await bob.client.callTool({ name: 'create_entities', arguments: { entities: [{ name: 'bob-grocery-list', entityType: 'note', observations: ['y'] }] } });
    const aliceGraph = JSON.stringify((await alice.client.callTool({ name: 'read_graph', arguments: {} })).content);
    const bobGraph = JSON.stringify((await bob.client.callTool({ name: 'read_graph', arguments: {} })).content);
    expect(aliceGraph).toContain('alice-secret-plan');
    expect(aliceGraph).not.toContain('bob-grocery-list');
    expect(bobGraph).toContain('bob-grocery-list');
    expect(bobGraph).not.toContain('alice-secret-plan');
    const running = containersWithLabels(ours).length;
    // One per session (plus at most the shared one that was started once to learn the tool list).
    expect(running).toBeGreaterThanOrEqual(2);

    await alice.transport.terminateSession();
    await alice.client.close();
    const after = await eventually(
      () => containersWithLabels(ours).length,
      (count) => count === running - 1,
      10_000,
    );
    expect(after).toBe(running - 1);
    await bob.transport.terminateSession();
    await bob.client.close();
  });
});
