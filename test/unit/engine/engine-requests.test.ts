import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Docker from 'dockerode';
import { SwitchyardError } from '../../../shared/errors.js';
import { engineCall, engineTimeoutFromEnv, limitEngineRequests, type EngineRequestOutcome } from '../../../electron/runtime/engine-requests.js';
import { EngineHealth } from '../../../electron/runtime/engine-health.js';
import { failOnSilence } from '../../../electron/runtime/progress-silence.js';

/**
 * A real dockerode client against a unix socket that plays the engine: it answers `GET /_ping`, and stays silent
 * (keeps the connection, answers nothing) on anything else while `silent` is set.
 */
describe('engine request limits', () => {
  let folder: string;
  let socketPath: string;
  let engine: Server;
  let silent = true;
  const held = new Set<Socket>();

  beforeEach(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'switchyard-engine-'));
    socketPath = path.join(folder, 'engine.sock');
    silent = true;
    engine = createServer((socket) => {
      held.add(socket);
      socket.on('close', () => held.delete(socket));
      socket.on('data', (chunk) => {
        if (silent) return;
        const line = chunk.toString('latin1').split('\r\n')[0] ?? '';
        const body = line.includes('/_ping') ? 'OK' : '{}';
        socket.write(`HTTP/1.1 200 OK\r\nContent-Type: ${body === 'OK' ? 'text/plain' : 'application/json'}\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      });
    });
    await new Promise<void>((resolve) => engine.listen(socketPath, resolve));
  });

  afterEach(async () => {
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) => engine.close(() => resolve()));
    rmSync(folder, { recursive: true, force: true });
  });

  it('fails a request the engine does not answer within the limit, naming the call and the endpoint', async () => {
    const docker = new Docker({ socketPath });
    const outcomes: EngineRequestOutcome[] = [];
    limitEngineRequests(docker, 300, `unix://${socketPath}`).observe((outcome) => outcomes.push(outcome));
    const id = 'a'.repeat(64);
    const started = Date.now();
    const error = await docker
      .getContainer(id)
      .remove({ force: true })
      .then(
        () => undefined,
        (failure: unknown) => failure,
      );
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({
      code: 'DOCKER_UNREACHABLE',
      message: `Docker engine not reachable at unix://${socketPath}: DELETE /containers/aaaaaaaaaaaa got no answer within 300 ms.`,
      details: { reason: 'timeout', engineCall: 'DELETE /containers/aaaaaaaaaaaa', dockerHost: `unix://${socketPath}`, timeoutMs: 300 },
    });
    expect(outcomes).toEqual([{ answered: false, call: 'DELETE /containers/aaaaaaaaaaaa', error }]);
  });

  it('leaves an answered request alone, and limits a client once however often it is asked', async () => {
    silent = false;
    const docker = new Docker({ socketPath });
    const first = limitEngineRequests(docker, 300, 'x');
    expect(limitEngineRequests(docker, 5000, 'x')).toBe(first);
    const outcomes: EngineRequestOutcome[] = [];
    first.observe((outcome) => outcomes.push(outcome));
    expect(String(await docker.ping())).toBe('OK');
    expect(outcomes).toEqual([{ answered: true, call: 'GET /_ping' }]);
  });

  it('does not limit docker wait, which answers only when the container ends', async () => {
    const docker = new Docker({ socketPath });
    limitEngineRequests(docker, 200, 'x');
    const waited = docker.getContainer('b'.repeat(64)).wait();
    const settled = await Promise.race([
      waited.then(
        () => 'settled',
        () => 'settled',
      ),
      new Promise((resolve) => setTimeout(() => resolve('waiting'), 600)),
    ]);
    expect(settled).toBe('waiting');
    for (const socket of held) socket.destroy();
    await waited.catch(() => undefined);
  });

  it('reports the engine unreachable after an unanswered request, and reachable again once a ping is answered', async () => {
    const docker = new Docker({ socketPath });
    const requests = limitEngineRequests(docker, 200, `unix://${socketPath}`);
    const health = new EngineHealth(docker, requests, `unix://${socketPath}`, 100);
    const changes: boolean[] = [];
    health.on('change', (status) => changes.push(status.reachable));
    try {
      await docker.listContainers().catch(() => undefined);
      expect(health.status()).toMatchObject({
        reachable: false,
        dockerHost: `unix://${socketPath}`,
        timeoutMs: 200,
        engineCall: 'GET /containers/json',
        reason: 'timeout',
      });
      silent = false;
      const deadline = Date.now() + 5000;
      while (!health.status().reachable && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(health.status()).toEqual({ reachable: true, dockerHost: `unix://${socketPath}`, timeoutMs: 200 });
      expect(changes).toEqual([false, true]);
    } finally {
      health.dispose();
    }
  });
});

describe('engineCall and the timeout setting', () => {
  it('names a call by method and path, without the query or the API version, ids cut to 12 characters', () => {
    expect(engineCall({ method: 'POST', path: `/v1.43/containers/${'c'.repeat(64)}/attach?stream=true` })).toBe('POST /containers/cccccccccccc/attach');
  });

  it('reads SWITCHYARD_ENGINE_TIMEOUT_SECONDS, 30 s when unset or not a positive number', () => {
    expect(engineTimeoutFromEnv({})).toBe(30_000);
    expect(engineTimeoutFromEnv({ SWITCHYARD_ENGINE_TIMEOUT_SECONDS: '2.5' })).toBe(2500);
    expect(engineTimeoutFromEnv({ SWITCHYARD_ENGINE_TIMEOUT_SECONDS: '0' })).toBe(30_000);
    expect(engineTimeoutFromEnv({ SWITCHYARD_ENGINE_TIMEOUT_SECONDS: 'soon' })).toBe(30_000);
  });
});

describe('failOnSilence', () => {
  it('ends a progress stream that goes quiet, and leaves one that keeps moving', async () => {
    const stream = new PassThrough();
    const failures: unknown[] = [];
    stream.on('error', (error) => failures.push(error));
    stream.resume();
    failOnSilence(stream, 'POST /images/create?fromImage=x', 'unix:///e.sock', 150);
    for (let i = 0; i < 4; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 80));
      stream.write('{"status":"Downloading"}\n');
    }
    expect(failures).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      code: 'DOCKER_UNREACHABLE',
      details: { reason: 'silent', engineCall: 'POST /images/create?fromImage=x', silenceMs: 150 },
    });
  });
});
