import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JSONRPCMessage } from '@modelcontextprotocol/client';
import { DockerRuntime, type ServerTransport } from '../../electron/runtime/docker-runtime.js';
import { StderrBuffer } from '../../electron/runtime/stderr-buffer.js';
import { stdioSocketMount, stdioSocketProgram } from '../../electron/runtime/stdio-socket.js';
import { eventually, images, inspectContainer, requireDockerAndImages } from './support/docker.js';

/** Requests on a transport, each answered by id (any number in flight). */
function requester(
  transport: ServerTransport,
): (id: number, method: string, params: Record<string, unknown>) => Promise<JSONRPCMessage & { result?: Record<string, unknown> }> {
  const waiting = new Map<unknown, (message: JSONRPCMessage & { result?: Record<string, unknown> }) => void>();
  transport.onmessage = (message) => {
    const id = (message as { id?: unknown }).id;
    waiting.get(id)?.(message as JSONRPCMessage & { result?: Record<string, unknown> });
    waiting.delete(id);
  };
  return (id, method, params) =>
    new Promise((resolve) => {
      waiting.set(id, resolve);
      void transport.send({ jsonrpc: '2.0', id, method, params } as JSONRPCMessage);
    });
}

const initialize = { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'stdio-socket-test', version: '1' } };

/** The socket folders of this process's runtimes (named with its pid): other processes' come and go meanwhile. */
function ioFolders(): string[] {
  return readdirSync(os.tmpdir()).filter((name) => name.startsWith(`switchyard-io-${process.pid}-`));
}

describe('servers on the stdio socket (no dockerd in the message path), with the real engine', () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-socket-'));
  beforeAll(() => requireDockerAndImages(images.everything, images.crash));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('runs the image command behind stdio-socket, as the image user, with the security profile kept, and answers calls', async () => {
    const runtime = new DockerRuntime({ home, containerStdio: 'auto' });
    expect(await runtime.stdioSupport()).toMatchObject({ usable: true });
    const before = ioFolders();
    const stderr = new StderrBuffer();
    const transport = await runtime.open({ name: 'socketed', image: images.everything }, stderr);
    try {
      const inspect = inspectContainer(transport.containerId!) as ReturnType<typeof inspectContainer> & { Config: { Entrypoint: string[]; User: string } };
      expect(inspect.Config.Entrypoint.slice(0, 2)).toEqual([stdioSocketMount.program, stdioSocketMount.socket]);
      expect(inspect.Config.Entrypoint.slice(2)).toEqual(['/usr/bin/node', '/app/node_modules/@modelcontextprotocol/server-everything/dist/index.js', 'stdio']);
      expect(inspect.Config.OpenStdin).toBe(false);
      expect(inspect.HostConfig.NetworkMode).toBe('none');
      expect(inspect.HostConfig.ReadonlyRootfs).toBe(true);
      expect(inspect.HostConfig.CapDrop).toEqual(['ALL']);

      const request = requester(transport);
      const init = await request(1, 'initialize', initialize);
      expect(init.result?.serverInfo).toMatchObject({ name: expect.any(String) });
      await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' } as JSONRPCMessage);
      const echoes = await Promise.all(Array.from({ length: 20 }, (_, i) => request(10 + i, 'tools/call', { name: 'echo', arguments: { message: `m${i}` } })));
      expect(echoes.map((answer) => (answer.result?.content as Array<{ text: string }>)[0]!.text)).toEqual(Array.from({ length: 20 }, (_, i) => `Echo: m${i}`));
      // The server's stderr still reaches its log view through Docker.
      await eventually(
        () => stderr.tail().join('\n'),
        (text) => text.length > 0,
        5000,
      );
      expect(stderr.tail().join('\n').length).toBeGreaterThan(0);
      expect(ioFolders().length).toBe(before.length + 1);
    } finally {
      await transport.close();
    }
    // Ending stdin (the socket) lets the server exit on its own: no kill needed, nothing left behind.
    expect(transport.exit).toMatchObject({ unexpected: false });
    expect(ioFolders()).toEqual(before);
  });

  it('notices a server that dies at once, and keeps its last stderr lines', async () => {
    const runtime = new DockerRuntime({ home });
    const stderr = new StderrBuffer();
    const transport = await runtime.open({ name: 'crashing', image: images.crash }, stderr);
    const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
    await closed;
    expect(transport.exit).toEqual({ code: 3, unexpected: true });
    expect(stderr.tail().join('\n')).toContain('fixture crash: boom');
  });

  it('stdio-socket says what failed, in the image itself (static: it needs nothing from the image)', () => {
    const run = (args: string[]) =>
      spawnSync('docker', ['run', '--rm', '--network', 'none', '-v', `${stdioSocketProgram()}:/x:ro`, '--entrypoint', '/x', images.crash, ...args], {
        encoding: 'utf8',
      });
    const noSocket = run(['/nowhere.sock', '/usr/bin/node']);
    expect(noSocket.status).toBe(69);
    expect(noSocket.stderr).toContain("stdio-socket: cannot connect to the gateway's socket: No such file or directory");
    const usage = run(['/nowhere.sock']);
    expect(usage.status).toBe(64);
    expect(usage.stderr).toContain('usage: stdio-socket SOCKET COMMAND');
  });

  it('falls back to the attach stream, for good, when the socket path fails on this engine', async () => {
    // A "program" the container cannot run stands for whatever an engine may refuse (labels, a private /tmp).
    const broken = path.join(home, 'not-a-program');
    writeFileSync(broken, 'just text\n', { mode: 0o755 });
    const runtime = new DockerRuntime({ home, containerStdio: 'auto', stdioSocketProgram: broken });
    expect(await runtime.stdioSupport()).toMatchObject({ usable: true, program: broken });
    const stderr = new StderrBuffer();
    const transport = await runtime.open({ name: 'fallback', image: images.everything }, stderr);
    try {
      expect(
        (inspectContainer(transport.containerId!) as ReturnType<typeof inspectContainer> & { Config: { Entrypoint: string[] } }).Config.Entrypoint[0],
      ).toBe('/usr/bin/node');
      const init = await requester(transport)(1, 'initialize', initialize);
      expect(init.result?.serverInfo).toBeDefined();
      expect(stderr.tail().join('\n')).toContain('the stdio socket did not work on this engine');
      expect(await runtime.stdioSupport()).toMatchObject({ usable: false, reason: expect.stringContaining('the stdio socket did not work on this engine') });
    } finally {
      await transport.close();
    }
  });

  it("uses Docker's attached stdio when asked to (SWITCHYARD_CONTAINER_STDIO=attach)", async () => {
    const runtime = new DockerRuntime({ home, containerStdio: 'attach' });
    expect(await runtime.stdioSupport()).toEqual({ usable: false, reason: 'SWITCHYARD_CONTAINER_STDIO=attach' });
    const transport = await runtime.open({ name: 'attached', image: images.everything }, new StderrBuffer());
    try {
      const inspect = inspectContainer(transport.containerId!) as ReturnType<typeof inspectContainer> & { Config: { Entrypoint: string[] } };
      expect(inspect.Config.Entrypoint[0]).toBe('/usr/bin/node');
      expect(inspect.Config.OpenStdin).toBe(true);
      const init = await requester(transport)(1, 'initialize', initialize);
      expect(init.result?.serverInfo).toBeDefined();
    } finally {
      await transport.close();
    }
  });
});
