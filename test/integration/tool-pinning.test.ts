import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { containersWithLabels, eventually, images, requireDockerAndImages } from './support/docker.js';
import { cliPath, tempHome } from './support/gateway-process.js';
import { freePort, HttpGatewayProcess, httpClient, writeSettings } from './support/http-gateway.js';

/**
 * Rug-pull protection: tool definitions are pinned the first time they are seen; a later start that presents a
 * different definition holds that tool back until the user approves the change.
 */
describe('tool-definition pinning', () => {
  const home = tempHome();
  const env = { PATH: process.env.PATH ?? '', SWITCHYARD_HOME: home.home };
  const pinFile = path.join(home.home, 'tool-pins.json');
  let gateway: HttpGatewayProcess;
  let client: Client;
  const names = async () => (await client.listTools()).tools.map((tool) => tool.name);

  beforeAll(async () => {
    requireDockerAndImages(images.everything);
    writeSettings(home.home, { gateway: { port: await freePort() }, servers: { every: { image: images.everything } } });
    const token = execFileSync(process.execPath, [cliPath, 'gateway', 'token'], { env, encoding: 'utf8' }).trim();
    gateway = new HttpGatewayProcess(home.home);
    client = await httpClient(await gateway.ready(), token);
  });

  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    home.remove();
  });

  it('pins every tool the first time the server runs', async () => {
    expect(await names()).toContain('echo');
    const doc = JSON.parse(readFileSync(pinFile, 'utf8')) as { pins: Record<string, Record<string, { hash: string }>> };
    expect(Object.keys(doc.pins.every ?? {})).toContain('echo');
    expect(doc.pins.every!.echo!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('holds back a tool whose definition differs from its pin at the next start, until it is approved', async () => {
    // What was approved earlier said something else: to the gateway this is the server changing its tool.
    const doc = JSON.parse(readFileSync(pinFile, 'utf8')) as { pins: Record<string, Record<string, { hash: string; definition: { description?: string } }>> };
    doc.pins.every!.echo!.hash = '0'.repeat(64);
    doc.pins.every!.echo!.definition.description = 'Echoes back the input (the version you approved)';
    writeFileSync(pinFile, JSON.stringify(doc));
    await client.callTool({ name: 'get-sum', arguments: { a: 1, b: 1 } });
    for (const id of containersWithLabels({ 'io.switchyard.home': home.homeHash })) execFileSync('docker', ['kill', id]);
    // The next call starts the server again; its live tool list is checked against the pins.
    await eventually(
      () => containersWithLabels({ 'io.switchyard.home': home.homeHash }).length,
      (count) => count === 0,
    );
    await client.callTool({ name: 'get-sum', arguments: { a: 1, b: 1 } });
    const listed = await names();
    expect(listed).not.toContain('echo');
    expect(listed).toContain('get-sum');
    const refused = await client.callTool({ name: 'echo', arguments: { message: 'x' } }).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    expect(refused).toContain('changed its definition since you approved it');
    expect(refused).toContain('switchyard tools approve every echo');

    const pending = execFileSync(process.execPath, [cliPath, 'tools', 'pending'], { env, encoding: 'utf8' });
    expect(pending).toContain('every echo changed:');
    expect(pending).toContain('- "Echoes back the input (the version you approved)"');

    execFileSync(process.execPath, [cliPath, 'tools', 'approve', 'every', 'echo'], { env, stdio: 'pipe' });
    const deadline = Date.now() + 5000;
    let back = await names();
    while (!back.includes('echo') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      back = await names();
    }
    expect(back).toContain('echo');
    expect((await client.callTool({ name: 'echo', arguments: { message: 'approved' } })).content).toEqual([{ type: 'text', text: 'Echo: approved' }]);
  });

  it('holds back a changed tool on the very call that starts its server again', async () => {
    const doc = JSON.parse(readFileSync(pinFile, 'utf8')) as { pins: Record<string, Record<string, { hash: string }>> };
    doc.pins.every!.echo!.hash = '1'.repeat(64);
    writeFileSync(pinFile, JSON.stringify(doc));
    for (const id of containersWithLabels({ 'io.switchyard.home': home.homeHash })) execFileSync('docker', ['kill', id]);
    await eventually(
      () => containersWithLabels({ 'io.switchyard.home': home.homeHash }).length,
      (count) => count === 0,
    );
    // Killed twice now: the back-off holds the next start for a second.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // The tool looked approved when the call was routed (the lists remembered from before); the server's live list,
    // read as it starts, says otherwise: the call is refused, not relayed.
    const refused = await client.callTool({ name: 'echo', arguments: { message: 'first' } }).then(
      (result) => JSON.stringify(result.content),
      (error: Error) => error.message,
    );
    expect(refused).toContain('changed its definition since you approved it');
    expect(await names()).not.toContain('echo');
  });
});
