import Docker from 'dockerode';
import { SwitchyardError } from '../../shared/errors.js';
import { engineTimeout } from './engine-requests.js';
import { describeEndpoint } from './engine-endpoint.js';

export interface DockerEngineOptions {
  /** Defaults to DOCKER_HOST, else the platform's default socket. */
  socketPath?: string;
}

/** A dockerode client for the engine the user points us at (DOCKER_HOST or the default socket). */
export function connectDocker(options: DockerEngineOptions = {}): Docker {
  return options.socketPath ? new Docker({ socketPath: options.socketPath }) : new Docker();
}

/**
 * Fails fast, with one clear message, when the engine does not answer: a stopped Docker is the most common
 * reason a gateway cannot start servers, and a hang would look like a broken gateway to the AI client.
 */
export async function assertDockerReachable(docker: Docker, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(engineTimeout('GET /_ping', describeEndpoint(docker), timeoutMs)), timeoutMs);
  });
  try {
    await Promise.race([docker.ping(), timeout]);
  } catch (error) {
    const failure = dockerUnreachable(describeEndpoint(docker), error);
    if (failure.details?.engineCall) throw failure;
    throw new SwitchyardError(failure.code, failure.message, failure.hint, { ...failure.details, engineCall: 'GET /_ping' });
  } finally {
    clearTimeout(timer);
  }
}

export function dockerUnreachable(endpoint: string, cause: unknown): SwitchyardError {
  // An engine request that timed out already says which call and where (engine-requests.ts).
  if (cause instanceof SwitchyardError && cause.code === 'DOCKER_UNREACHABLE') return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return new SwitchyardError(
    'DOCKER_UNREACHABLE',
    `Docker engine not reachable at ${endpoint} (${reason}).`,
    'Start Docker (Docker Desktop, or `sudo systemctl start docker` / `sudo dockerd &` on Linux), or point DOCKER_HOST at a running engine.',
    { dockerHost: endpoint, reason: typeof code === 'string' ? code : reason },
  );
}

/** True for dockerode errors that mean the engine itself is gone or silent (not a bad request). */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof SwitchyardError) return error.code === 'DOCKER_UNREACHABLE';
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'EACCES';
}
