import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildContainerSpec } from '../../../electron/runtime/container-spec.js';
import { labelKeys, ownerIdentity } from '../../../electron/runtime/labels.js';
import { defaultLimits, type ServerDefinition } from '../../../electron/runtime/server-definition.js';

const owner = ownerIdentity('/home/test/.config/Switchyard', 4242);
const base: ServerDefinition = { name: 'github', image: 'ghcr.io/acme/mcp-github:1.2' };
const MiB = 1024 * 1024;

describe('buildContainerSpec', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('names the container after the server with the given suffix and uses the image', () => {
    const spec = buildContainerSpec(base, owner, 'a1b2c3');
    expect(spec.name).toBe('switchyard-github-a1b2c3');
    expect(spec.Image).toBe('ghcr.io/acme/mcp-github:1.2');
  });

  it('applies the whole security profile by default', () => {
    const host = buildContainerSpec(base, owner, 'x').HostConfig;
    expect(host).toMatchObject({
      NetworkMode: 'none',
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      Init: false,
      AutoRemove: false,
    });
    expect(host?.Tmpfs).toEqual({ '/tmp': 'rw,noexec,nosuid,size=64m' });
    // Nothing that widens the sandbox sneaks in.
    expect(host?.Privileged).toBeUndefined();
    expect(host?.CapAdd).toBeUndefined();
    expect(host?.Binds).toBeUndefined();
    expect(host?.Mounts).toBeUndefined();
    expect(host?.PortBindings).toBeUndefined();
    expect(host?.PidMode).toBeUndefined();
    expect(host?.IpcMode).toBeUndefined();
    expect(host?.Devices).toBeUndefined();
  });

  it('attaches stdio without a TTY (the stream is multiplexed and demuxed) and keeps stdin open', () => {
    const spec = buildContainerSpec(base, owner, 'x');
    expect(spec).toMatchObject({ AttachStdin: true, AttachStdout: true, AttachStderr: true, OpenStdin: true, StdinOnce: false, Tty: false });
  });

  it('gives network access (bridge) only when the definition asks for it', () => {
    expect(buildContainerSpec({ ...base, network: true }, owner, 'x').HostConfig?.NetworkMode).toBe('bridge');
    expect(buildContainerSpec({ ...base, network: false }, owner, 'x').HostConfig?.NetworkMode).toBe('none');
    expect(buildContainerSpec(base, owner, 'x').HostConfig?.NetworkMode).toBe('none');
  });

  it('applies the default limits: memory (swap capped at the same value), CPUs as NanoCpus, pids', () => {
    const host = buildContainerSpec(base, owner, 'x').HostConfig;
    expect(defaultLimits).toEqual({ memoryMb: 512, cpus: 1, pids: 256 });
    expect(host?.Memory).toBe(512 * MiB);
    expect(host?.MemorySwap).toBe(512 * MiB);
    expect(host?.NanoCpus).toBe(1_000_000_000);
    expect(host?.PidsLimit).toBe(256);
  });

  it('overrides single limits and keeps the defaults for the rest', () => {
    const host = buildContainerSpec({ ...base, limits: { memoryMb: 128 } }, owner, 'x').HostConfig;
    expect(host?.Memory).toBe(128 * MiB);
    expect(host?.MemorySwap).toBe(128 * MiB);
    expect(host?.NanoCpus).toBe(1e9);
    expect(host?.PidsLimit).toBe(256);

    const all = buildContainerSpec({ ...base, limits: { memoryMb: 2048, cpus: 0.5, pids: 32 } }, owner, 'x').HostConfig;
    expect(all).toMatchObject({ Memory: 2048 * MiB, MemorySwap: 2048 * MiB, NanoCpus: 500_000_000, PidsLimit: 32 });
  });

  it('rounds fractional CPUs to whole nano-CPUs', () => {
    const host = buildContainerSpec({ ...base, limits: { cpus: 1 / 3 } }, owner, 'x').HostConfig;
    expect(host?.NanoCpus).toBe(333_333_333);
    expect(Number.isInteger(host?.NanoCpus)).toBe(true);
  });

  it('does not mutate the shared default limits', () => {
    buildContainerSpec({ ...base, limits: { memoryMb: 1, cpus: 9, pids: 1 } }, owner, 'x');
    expect(defaultLimits).toEqual({ memoryMb: 512, cpus: 1, pids: 256 });
  });

  it('passes exactly the environment of the definition, as KEY=VALUE, values with "=" intact', () => {
    const spec = buildContainerSpec({ ...base, env: { GITHUB_TOKEN: 'ghp_secret', URL: 'https://x/?a=b=c', EMPTY: '' } }, owner, 'x');
    expect(spec.Env).toEqual(['GITHUB_TOKEN=ghp_secret', 'URL=https://x/?a=b=c', 'EMPTY=']);
  });

  it('never leaks the host environment into the container', () => {
    vi.stubEnv('SWITCHYARD_TEST_HOST_SECRET', 'host-only-value');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'hunter2');
    const withoutEnv = buildContainerSpec(base, owner, 'x');
    expect(withoutEnv.Env).toEqual([]);
    const withEnv = buildContainerSpec({ ...base, env: { ONLY: 'this' } }, owner, 'x');
    expect(withEnv.Env).toEqual(['ONLY=this']);
    const serialized = JSON.stringify([withoutEnv, withEnv]);
    expect(serialized).not.toContain('host-only-value');
    expect(serialized).not.toContain('hunter2');
    for (const key of ['PATH', 'HOME', 'USER']) {
      const value = process.env[key];
      if (value) expect(withEnv.Env).not.toContain(`${key}=${value}`);
    }
  });

  it('replaces CMD only when a non-empty command is given (the entrypoint is never touched)', () => {
    expect(buildContainerSpec({ ...base, command: ['node', 'server.js', '--stdio'] }, owner, 'x').Cmd).toEqual(['node', 'server.js', '--stdio']);
    expect('Cmd' in buildContainerSpec({ ...base, command: [] }, owner, 'x')).toBe(false);
    expect('Cmd' in buildContainerSpec(base, owner, 'x')).toBe(false);
    expect('Entrypoint' in buildContainerSpec({ ...base, command: ['x'] }, owner, 'x')).toBe(false);
  });

  it('mounts the root file system read-only by default, writable only on explicit opt-out', () => {
    expect(buildContainerSpec(base, owner, 'x').HostConfig?.ReadonlyRootfs).toBe(true);
    expect(buildContainerSpec({ ...base, readOnlyRootfs: true }, owner, 'x').HostConfig?.ReadonlyRootfs).toBe(true);
    const writable = buildContainerSpec({ ...base, readOnlyRootfs: false }, owner, 'x').HostConfig;
    expect(writable?.ReadonlyRootfs).toBe(false);
    // Opting out of a read-only root changes nothing else in the profile.
    expect(writable).toMatchObject({ CapDrop: ['ALL'], SecurityOpt: ['no-new-privileges'], NetworkMode: 'none' });
  });

  it('labels the container with the managed flag, server name, home hash and owner pid', () => {
    expect(buildContainerSpec(base, owner, 'x').Labels).toEqual({
      [labelKeys.managed]: 'true',
      [labelKeys.server]: 'github',
      [labelKeys.home]: owner.homeHash,
      [labelKeys.ownerPid]: '4242',
    });
  });
});
