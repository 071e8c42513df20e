import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { containersWithLabels, images, requireDockerAndImages } from './support/docker.js';
import { addServersToSettings, httpGatewayForSuite } from './support/http-gateway.js';

/** A 2025-11-25 client (SDK 1.x) over HTTP that declares roots and answers roots/list with `roots` (changeable). */
async function rootsClient(url: URL, token: string, name: string, roots: string[]) {
  const state = { roots };
  const client = new Client({ name, version: '1.0.0' }, { capabilities: { roots: { listChanged: true } } });
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: state.roots.map((uri) => ({ uri, name: `${name} root` })) }));
  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers: { authorization: `Bearer ${token}` } } });
  await client.connect(transport);
  return {
    client,
    state,
    /** What the everything server says it knows as roots (its get-roots-list tool, called by this client). */
    async rootsSeen(): Promise<string> {
      const result = await client.callTool({ name: 'get-roots-list', arguments: {} });
      return JSON.stringify(result.content);
    },
    /** A well-behaved goodbye: the session is ended at the gateway (DELETE), then the connection closed. */
    async leave(): Promise<void> {
      await transport.terminateSession();
      await client.close();
    },
  };
}

/** The everything server's own output (its container's log, stderr included). */
function serverLog(): string {
  const ids = containersWithLabels({ 'io.switchyard.server': 'rooted' });
  return ids
    .map((id) => spawnSync('docker', ['logs', id], { encoding: 'utf8' }))
    .map((run) => run.stdout + run.stderr)
    .join('');
}

/** Reads until `ok` (or the time is up) and returns the last reading. */
async function readUntil(read: () => Promise<string>, ok: (text: string) => boolean, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = await read();
  while (!ok(text) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    text = await read();
  }
  return text;
}

describe('roots belong to their client (a shared everything container)', () => {
  const suite = httpGatewayForSuite((home) => {
    requireDockerAndImages(images.everything);
    addServersToSettings(home, { rooted: { image: images.everything } });
  });

  it('never gives the roots of a client that has gone, forwards roots/list_changed, and answers roots/list outside a call', async () => {
    // The first call, from a client without roots, runs while the server asks for roots at start (350 ms in):
    // that client has none, which is the server's answer, not an error.
    const rootless = new Client({ name: 'rootless', version: '1.0.0' });
    const rootlessTransport = new StreamableHTTPClientTransport(suite.url, { requestInit: { headers: { authorization: `Bearer ${suite.token}` } } });
    await rootless.connect(rootlessTransport);
    await rootless.callTool({ name: 'trigger-long-running-operation', arguments: { duration: 1.5, steps: 3 } });
    await rootlessTransport.terminateSession();
    await rootless.close();

    const gone = await rootsClient(suite.url, suite.token, 'gone', ['file:///gone']);
    // A client with roots joined: the server asks again and learns them.
    expect(
      await readUntil(
        () => gone.rootsSeen(),
        (text) => text.includes('file:///gone'),
      ),
    ).toContain('file:///gone');
    await gone.leave();

    const alpha = await rootsClient(suite.url, suite.token, 'alpha', ['file:///alpha']);
    const beta = await rootsClient(suite.url, suite.token, 'beta', ['file:///beta']);
    // Outside a call the server gets the union of the connected clients' roots: both, and never the gone one's.
    const seen = await readUntil(
      () => beta.rootsSeen(),
      (text) => text.includes('file:///alpha') && text.includes('file:///beta'),
    );
    expect(seen).not.toContain('file:///gone');

    // A client's roots/list_changed reaches the server, which asks again.
    alpha.state.roots = ['file:///alpha-moved'];
    await alpha.client.sendRootsListChanged();
    const moved = await readUntil(
      () => beta.rootsSeen(),
      (text) => text.includes('file:///alpha-moved'),
    );
    expect(moved).not.toMatch(/file:\/\/\/alpha"|file:\/\/\/gone/);

    // The one that leaves takes its roots with it.
    await alpha.leave();
    // (Under load a re-ask can time out on beta's side first and answer an empty list; wait for the settled answer.)
    const left = await readUntil(
      () => beta.rootsSeen(),
      (text) => !text.includes('alpha') && text.includes('file:///beta'),
    );
    expect(left).toContain('file:///beta');
    await beta.leave();

    // The start-up request for roots (no call in flight) was answered, not refused.
    const log = serverLog();
    expect(log).toContain('Starting default (STDIO) server');
    expect(log).not.toContain('Failed to request roots');
  });
});
