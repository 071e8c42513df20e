import type Docker from 'dockerode';
import { SwitchyardError } from '../../shared/errors.js';
import { dockerUnreachable, isConnectionError } from './docker-engine.js';
import { describeEndpoint } from './engine-endpoint.js';

/** What a failed container start tells the caller: the engine's absence, a missing image, or the engine's own words. */
export function describeStartError(error: unknown, docker: Docker, image: string): Error {
  if (error instanceof SwitchyardError) return error;
  if (isConnectionError(error)) return dockerUnreachable(describeEndpoint(docker), error);
  const status = (error as { statusCode?: number }).statusCode;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 404 && /no such image/i.test(message)) {
    return new SwitchyardError(
      'IMAGE_NOT_FOUND',
      `Image "${image}" is not available on this Docker engine.`,
      `Pull or build it first (docker pull ${image}), or check the image name.`,
    );
  }
  return new SwitchyardError('CONTAINER_FAILED', `Could not start a container from "${image}": ${message}`);
}

/** The calls in flight when Docker's attach stream was cut: their answers are lost, the server is kept. */
export function attachCutError(endpoint: string, containerId: string | undefined): SwitchyardError {
  return new SwitchyardError(
    'DOCKER_UNREACHABLE',
    `Docker's attach stream to the server was cut by the Docker engine at ${endpoint}: the answer to this call is lost. The server is kept and attached again once the engine answers.`,
    'Call again; if the engine stays away, start Docker again (`docker info` tells whether it answers).',
    { reason: 'attach-cut', dockerHost: endpoint, engineCall: `POST /containers/${(containerId ?? '').slice(0, 12)}/attach` },
  );
}

/** A message to a server whose container ended while the attach stream was cut (found when the engine answered again). */
export function exitedWhileCut(code: number): SwitchyardError {
  return new SwitchyardError('CONTAINER_FAILED', `The server's container exited (code ${code}) while the Docker engine was away.`);
}

export function stdioSocketNotConnected(timeoutMs: number): SwitchyardError {
  return new SwitchyardError(
    'CONTAINER_FAILED',
    `The server's container did not connect to the gateway's stdio socket within ${timeoutMs / 1000} s.`,
    "See the server log; SWITCHYARD_CONTAINER_STDIO=attach makes the gateway use Docker's attached stdio instead.",
  );
}

export function exitedBeforeConnecting(code: number | undefined): SwitchyardError {
  return new SwitchyardError(
    'CONTAINER_FAILED',
    `The server's container exited (code ${code ?? 'unknown'}) before it connected to the gateway's stdio socket.`,
    'See the server log for why.',
  );
}
