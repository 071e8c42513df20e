import type Docker from 'dockerode';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SwitchyardError } from '../../../shared/errors.js';
import { assertDockerReachable, connectDocker, dockerUnreachable, isConnectionError } from '../../../electron/runtime/docker-engine.js';
import { describeEndpoint } from '../../../electron/runtime/engine-endpoint.js';

/** A stand-in for dockerode: only what assertDockerReachable and describeEndpoint touch. */
function fakeDocker(ping: () => Promise<unknown>, modem: Record<string, unknown> = { socketPath: '/var/run/docker.sock' }): Docker {
  return { ping, modem } as unknown as Docker;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('assertDockerReachable', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('resolves when the engine answers the ping', async () => {
    await expect(assertDockerReachable(fakeDocker(async () => 'OK'))).resolves.toBeUndefined();
  });

  it('rejects within about the timeout, with DOCKER_UNREACHABLE and a hint on how to start Docker, when ping never answers', async () => {
    const docker = fakeDocker(() => new Promise(() => undefined), { socketPath: '/tmp/nowhere.sock' });
    const started = Date.now();
    const error = await rejection(assertDockerReachable(docker, 150));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1000);
    expect(error).toBeInstanceOf(SwitchyardError);
    const failure = error as SwitchyardError;
    expect(failure.code).toBe('DOCKER_UNREACHABLE');
    expect(failure.message).toBe('Docker engine not reachable at unix:///tmp/nowhere.sock: GET /_ping got no answer within 150 ms.');
    expect(failure.details).toMatchObject({ reason: 'timeout', engineCall: 'GET /_ping', dockerHost: 'unix:///tmp/nowhere.sock', timeoutMs: 150 });
    expect(failure.hint).toContain('Start Docker');
    expect(failure.hint).toContain('systemctl start docker');
    expect(failure.hint).toContain('DOCKER_HOST');
  });

  it('uses a 2 s timeout by default', async () => {
    vi.useFakeTimers();
    try {
      const outcome = assertDockerReachable(fakeDocker(() => new Promise(() => undefined))).then(
        () => 'resolved',
        (error: SwitchyardError) => error.message,
      );
      await vi.advanceTimersByTimeAsync(1999);
      let settled = false;
      void outcome.then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcome).toContain('GET /_ping got no answer within 2 s');
    } finally {
      vi.useRealTimers();
    }
  });

  it('turns a failing ping into DOCKER_UNREACHABLE carrying the cause', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' });
    const error = (await rejection(assertDockerReachable(fakeDocker(() => Promise.reject(refused))))) as SwitchyardError;
    expect(error.code).toBe('DOCKER_UNREACHABLE');
    expect(error.message).toBe('Docker engine not reachable at unix:///var/run/docker.sock (connect ECONNREFUSED /var/run/docker.sock).');
  });

  it('does not leave its timer behind when the ping answers quickly', async () => {
    vi.useFakeTimers();
    try {
      await assertDockerReachable(
        fakeDocker(async () => 'OK'),
        5000,
      );
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('dockerUnreachable', () => {
  it('stringifies a non-Error cause', () => {
    const error = dockerUnreachable('tcp://h:1', 'weird');
    expect(error.message).toBe('Docker engine not reachable at tcp://h:1 (weird).');
    expect(error.describe()).toContain('\n  Start Docker');
  });
});

describe('describeEndpoint', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('shows a unix socket as unix://<path>', () => {
    expect(describeEndpoint(connectDocker({ socketPath: '/run/user/1000/docker.sock' }))).toBe('unix:///run/user/1000/docker.sock');
  });

  it('shows DOCKER_HOST=unix://... as the user wrote it', () => {
    vi.stubEnv('DOCKER_HOST', 'unix:///tmp/switchyard-no-such-docker.sock');
    expect(describeEndpoint(connectDocker())).toBe('unix:///tmp/switchyard-no-such-docker.sock');
  });

  it('shows DOCKER_HOST=tcp://host:port as tcp://host:port (dockerode calls it http)', () => {
    vi.stubEnv('DOCKER_HOST', 'tcp://10.0.0.5:2375');
    vi.stubEnv('DOCKER_TLS_VERIFY', '');
    expect(describeEndpoint(connectDocker())).toBe('tcp://10.0.0.5:2375');
  });

  it('shows a TLS engine as tcp+tls://', () => {
    vi.stubEnv('DOCKER_HOST', 'tcp://docker.example:2376');
    expect(describeEndpoint(connectDocker())).toBe('tcp+tls://docker.example:2376');
  });

  it('describes hand-built modems: tcp without a port, https, unknown host', () => {
    expect(describeEndpoint(fakeDocker(async () => 'OK', { host: 'box', protocol: 'http' }))).toBe('tcp://box');
    expect(describeEndpoint(fakeDocker(async () => 'OK', { host: 'box', port: 2376, protocol: 'https' }))).toBe('tcp+tls://box:2376');
    expect(describeEndpoint(fakeDocker(async () => 'OK', {}))).toBe('tcp://localhost');
  });

  // Regression test for a fixed bug (electron/runtime/docker-engine.ts, describeEndpoint): with DOCKER_HOST unset, docker-modem 5 stores the
  // *function* findDefaultUnixSocket in modem.socketPath (it resolves it lazily when dialling), so the template
  // `unix://${modem.socketPath}` prints the function's source code. This is the most common case (no DOCKER_HOST,
  // Docker not started), so "Docker engine not reachable at unix://function () { return new Promise(..." is what
  // a user would see. Expected: a path, e.g. unix:///var/run/docker.sock (or "the default Docker socket").
  // Fix: when typeof socketPath !== 'string', describe it as the default socket (or resolve it the way
  // docker-modem does: ~/.docker/run/docker.sock if it exists, else /var/run/docker.sock).
  it('shows the default socket as a path when DOCKER_HOST is unset', () => {
    vi.stubEnv('DOCKER_HOST', undefined);
    const endpoint = describeEndpoint(connectDocker());
    expect(endpoint).toMatch(/^unix:\/\/\/[^\s()]+\.sock$/);
  });

  // Regression test for a fixed bug (minor, electron/runtime/docker-engine.ts, describeEndpoint): DOCKER_HOST=ssh://me@box (which dockerode
  // supports: modem.protocol === 'ssh') is described as "tcp://box", which is not the form the user wrote and
  // hides that the connection is over SSH. Expected "ssh://box" (or "ssh://me@box").
  it('shows DOCKER_HOST=ssh://user@host as ssh://', () => {
    vi.stubEnv('DOCKER_HOST', 'ssh://me@box');
    expect(describeEndpoint(connectDocker())).toMatch(/^ssh:\/\//);
  });
});

describe('isConnectionError', () => {
  it.each(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EACCES'])('is true for %s', (code) => {
    expect(isConnectionError(Object.assign(new Error('x'), { code }))).toBe(true);
  });

  it('is false for API errors and non-errors', () => {
    expect(isConnectionError(Object.assign(new Error('no such image'), { statusCode: 404 }))).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
    expect(isConnectionError('ECONNREFUSED')).toBe(false);
  });
});
