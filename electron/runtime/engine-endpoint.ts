import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';

/** Where a dockerode client dials, as the user would write it (unix://, tcp://, tcp+tls://, ssh://), for messages. */
export function describeEndpoint(docker: Docker): string {
  const modem = docker.modem as unknown as { socketPath?: unknown; host?: string; port?: number; protocol?: string };
  // Without DOCKER_HOST, docker-modem keeps a function that finds the default socket when it dials.
  if (typeof modem.socketPath === 'function') return `unix://${defaultSocketPath()}`;
  if (typeof modem.socketPath === 'string') return `unix://${modem.socketPath}`;
  if (modem.protocol === 'ssh') return `ssh://${modem.host ?? 'localhost'}${modem.port ? `:${modem.port}` : ''}`;
  // dockerode turns DOCKER_HOST=tcp://... into protocol "http"; show the user the form they wrote.
  const scheme = modem.protocol === 'https' ? 'tcp+tls' : 'tcp';
  return `${scheme}://${modem.host ?? 'localhost'}${modem.port ? `:${modem.port}` : ''}`;
}

/** Where docker-modem looks by default: Docker Desktop's per-user socket if present, else the system one. */
function defaultSocketPath(): string {
  if (process.platform === 'win32') return '//./pipe/docker_engine';
  const userSocket = path.join(os.homedir(), '.docker', 'run', 'docker.sock');
  return existsSync(userSocket) ? userSocket : '/var/run/docker.sock';
}

/**
 * The engine's socket on this machine, as docker-modem finds it (DOCKER_HOST=unix://..., or the default socket
 * when DOCKER_HOST is unset); undefined for an engine reached over TCP, SSH or a Windows pipe.
 */
export function localEngineSocket(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (process.platform === 'win32') return undefined;
  const host = env.DOCKER_HOST;
  if (!host) return defaultSocketPath();
  if (!host.startsWith('unix://')) return undefined;
  return host.slice('unix://'.length) || defaultSocketPath();
}
