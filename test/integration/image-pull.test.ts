import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import type { GatewayStatus } from '../../shared/domain.js';
import { createSwitchyard, type Switchyard } from '../../electron/app/create-switchyard.js';
import { silentLogger } from '../../electron/core/logger.js';
import { images, requireDockerAndImages } from './support/docker.js';
import { tempHome } from './support/gateway-process.js';
import { startLocalRegistry } from './support/local-registry.js';

/** A server whose image is not on the engine: pulled from a real registry (on loopback) on first use, with progress. */
describe('pulling a missing image on first use', () => {
  const home = tempHome();
  const tag = `pull-${randomBytes(4).toString('hex')}`;
  let registry: Awaited<ReturnType<typeof startLocalRegistry>>;
  let remote: string;
  let app: Switchyard;
  let client: Client;
  const statuses: GatewayStatus[] = [];

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    registry = await startLocalRegistry();
    remote = `${registry.host}/switchyard-test/everything:${tag}`;
    execFileSync('docker', ['tag', images.everything, remote]);
    execFileSync('docker', ['push', remote], { stdio: 'pipe' });
    execFileSync('docker', ['rmi', remote], { stdio: 'pipe' });
    app = createSwitchyard({
      home: home.home,
      logger: silentLogger,
      servers: [
        { name: 'pulled', image: remote },
        { name: 'unknown', image: `${registry.host}/switchyard-test/nothing-here:${tag}` },
        { name: 'local', image: images.everything },
      ],
      alwaysPrefix: true,
    });
    app.gateway.onStatus((status) => statuses.push(status));
    await app.gateway.start();
    const [clientSide, gatewaySide] = InMemoryTransport.createLinkedPair();
    await app.gateway.connect(gatewaySide);
    client = new Client({ name: 'pull-test', version: '1.0.0' });
    await client.connect(clientSide);
  });

  afterAll(async () => {
    await client?.close();
    await app?.close();
    await registry?.stop();
    try {
      execFileSync('docker', ['rmi', remote], { stdio: 'pipe' });
    } catch {
      // already gone
    }
    home.remove();
  });

  it('pulls the image, reports progress while it does, then serves the call', async () => {
    expect(() => execFileSync('docker', ['image', 'inspect', remote], { stdio: 'pipe' })).toThrow();
    // Nothing is known about the server yet: the call itself makes the gateway start it (pulling first) to learn its tools.
    const result = await client.callTool({ name: 'pulled__echo', arguments: { message: 'fresh from the registry' } });
    expect(result.content).toEqual([{ type: 'text', text: 'Echo: fresh from the registry' }]);
    const digests = JSON.parse(execFileSync('docker', ['image', 'inspect', '--format', '{{json .RepoDigests}}', remote], { encoding: 'utf8' })) as string[];
    expect(digests.some((digest) => digest.startsWith(`${registry.host}/switchyard-test/everything@sha256:`))).toBe(true);
    const pulls = statuses.flatMap((status) => status.servers.filter((server) => server.name === 'pulled' && server.pull).map((server) => server.pull!));
    expect(pulls.length).toBeGreaterThan(0);
    expect(pulls.some((pull) => /pull|digest|already exists|download|status/i.test(pull.status))).toBe(true);
  });

  it('keeps serving other servers while one cannot be pulled, and says why', async () => {
    const listed = await client.listTools();
    expect(listed.tools.map((tool) => tool.name)).toContain('local__echo');
    const unknown = app.gateway.status().servers.find((server) => server.name === 'unknown')!;
    expect(unknown.state).toBe('error');
    expect(unknown.error).toContain('could not be pulled');
    expect(unknown.error).toMatch(/manifest unknown|not found/i);
    const local = await client.callTool({ name: 'local__echo', arguments: { message: 'still here' } });
    expect(local.content).toEqual([{ type: 'text', text: 'Echo: still here' }]);
  });
});
