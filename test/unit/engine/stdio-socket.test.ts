import { connect } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  containerStdioFromEnv,
  engineProblem,
  serverCommand,
  StdioSocketListener,
  stdioSocketMount,
  sweepStdioSocketFolders,
  withStdioSocket,
} from '../../../electron/runtime/stdio-socket.js';

describe('serverCommand', () => {
  it('is the image entrypoint followed by the spec Cmd, else the image Cmd', () => {
    expect(serverCommand({}, { Entrypoint: ['/usr/bin/node', '/app/index.js'], Cmd: ['stdio'] })).toEqual(['/usr/bin/node', '/app/index.js', 'stdio']);
    expect(serverCommand({ Cmd: ['--read-only', '/data'] }, { Entrypoint: ['/server'], Cmd: ['--help'] })).toEqual(['/server', '--read-only', '/data']);
    expect(serverCommand({}, { Entrypoint: null, Cmd: ['python', '-m', 'server'] })).toEqual(['python', '-m', 'server']);
  });

  it('runs a string entrypoint through the shell, as Docker does, and is empty when the image names nothing', () => {
    expect(serverCommand({}, { Entrypoint: 'exec server --stdio', Cmd: null })).toEqual(['/bin/sh', '-c', 'exec server --stdio']);
    expect(serverCommand({}, {})).toEqual([]);
  });
});

describe('withStdioSocket', () => {
  const spec = {
    Image: 'img',
    Cmd: ['ignored-here'],
    AttachStdin: true,
    OpenStdin: true,
    HostConfig: { NetworkMode: 'none', ReadonlyRootfs: true, Mounts: [{ Type: 'bind' as const, Source: '/data', Target: '/data', ReadOnly: true }] },
  };

  it('runs the command behind the stdio-socket program, with the program and the socket folder mounted read-only', () => {
    const out = withStdioSocket(spec, ['/server', 'stdio'], '/opt/stdio-socket', '/tmp/x/io');
    expect(out.Entrypoint).toEqual([stdioSocketMount.program, stdioSocketMount.socket, '/server', 'stdio']);
    expect(out.Cmd).toBeUndefined();
    expect(out.OpenStdin).toBe(false);
    expect(out.AttachStdin).toBe(false);
    expect(out.HostConfig?.Mounts).toEqual([
      { Type: 'bind', Source: '/data', Target: '/data', ReadOnly: true },
      { Type: 'bind', Source: '/opt/stdio-socket', Target: stdioSocketMount.program, ReadOnly: true },
      { Type: 'bind', Source: '/tmp/x/io', Target: stdioSocketMount.folder, ReadOnly: true },
    ]);
    // The security profile is untouched.
    expect(out.HostConfig?.NetworkMode).toBe('none');
    expect(out.HostConfig?.ReadonlyRootfs).toBe(true);
    expect(spec.Cmd).toEqual(['ignored-here']); // the input is not modified
  });
});

describe('engineProblem', () => {
  it('accepts a local engine of this architecture', () => {
    expect(engineProblem({ platform: 'Docker Engine - Community', arch: 'amd64', selinuxEnforcing: false }, 'x64')).toBeUndefined();
    expect(engineProblem({ platform: '', arch: 'arm64', selinuxEnforcing: false }, 'arm64')).toBeUndefined();
  });

  it('refuses Docker Desktop (a VM), SELinux enforcing and another architecture, saying why', () => {
    expect(engineProblem({ platform: 'Docker Desktop 4.37.1 (178610)', arch: 'amd64', selinuxEnforcing: false }, 'x64')).toEqual({
      usable: false,
      reason: 'Docker Desktop runs containers in a VM',
    });
    expect(engineProblem({ platform: 'Docker Engine - Community', arch: 'amd64', selinuxEnforcing: true }, 'x64')).toEqual({
      usable: false,
      reason: 'SELinux is enforcing on this machine',
    });
    expect(engineProblem({ platform: '', arch: 'arm64', selinuxEnforcing: false }, 'x64')).toMatchObject({
      usable: false,
      reason: expect.stringContaining('arm64'),
    });
  });
});

describe('containerStdioFromEnv', () => {
  it('is auto by default, attach when asked, and names a wrong value', () => {
    expect(containerStdioFromEnv({})).toBe('auto');
    expect(containerStdioFromEnv({ SWITCHYARD_CONTAINER_STDIO: 'attach' })).toBe('attach');
    expect(() => containerStdioFromEnv({ SWITCHYARD_CONTAINER_STDIO: 'socket' })).toThrow(
      /SWITCHYARD_CONTAINER_STDIO is "socket": use auto \(the default\) or attach/,
    );
  });
});

describe('StdioSocketListener', () => {
  it('accepts one connection, refuses later ones, keeps its parent private and removes everything on close', async () => {
    const listener = await StdioSocketListener.open();
    const socketPath = path.join(listener.folder, 'stdio.sock');
    expect(statSync(path.dirname(listener.folder)).mode & 0o777).toBe(0o700);
    expect(statSync(listener.folder).mode & 0o777).toBe(0o711);
    expect(statSync(socketPath).mode & 0o777).toBe(0o666);

    const first = connect(socketPath);
    const accepted = await listener.accepted();
    accepted.write('hello\n');
    const got = await new Promise<string>((resolve) => first.once('data', (chunk) => resolve(String(chunk))));
    expect(got).toBe('hello\n');

    const second = connect(socketPath);
    const refused = await new Promise<string>((resolve) => second.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? '')));
    expect(['ENOENT', 'ECONNREFUSED']).toContain(refused);

    first.destroy();
    await listener.close();
    expect(existsSync(path.dirname(listener.folder))).toBe(false);
  });
});

describe('sweepStdioSocketFolders', () => {
  it('removes the folders of dead gateway processes and keeps live ones, its own and anything else', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sweep-'));
    for (const name of [
      'switchyard-io-111-aaaaaa',
      'switchyard-io-222-bbbbbb',
      `switchyard-io-${process.pid}-cccccc`,
      'switchyard-io-notapid',
      'other-333-dddddd',
    ]) {
      mkdirSync(path.join(dir, name, 'io'), { recursive: true });
    }
    const removed = await sweepStdioSocketFolders((pid) => pid === 222, dir);
    expect(removed).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(
      ['other-333-dddddd', 'switchyard-io-222-bbbbbb', `switchyard-io-${process.pid}-cccccc`, 'switchyard-io-notapid'].sort(),
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
