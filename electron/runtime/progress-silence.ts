import { SwitchyardError } from '../../shared/errors.js';

/** How long an image pull or build may go without a progress event from the engine before it is given up. */
export const progressSilenceMs = 120_000;

/**
 * Ends an engine stream that stops moving: an image pull or build reports progress as it goes, so a stream with
 * no event for `silenceMs` is an engine (or registry) that hangs. The stream is destroyed with DOCKER_UNREACHABLE
 * naming the call, which its reader (followProgress) reports as the failure. Returns a function that stops watching.
 */
export function failOnSilence(stream: NodeJS.ReadableStream, call: string, endpoint: string, silenceMs = progressSilenceMs): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stop();
      (stream as NodeJS.ReadableStream & { destroy(error?: Error): void }).destroy(progressSilence(call, endpoint, silenceMs));
    }, silenceMs);
    timer.unref();
  };
  const stop = () => {
    clearTimeout(timer);
    stream.off('data', arm);
    stream.off('end', stop);
    stream.off('close', stop);
  };
  stream.on('data', arm);
  stream.on('end', stop);
  stream.on('close', stop);
  arm();
  return stop;
}

export function progressSilence(call: string, endpoint: string, silenceMs: number): SwitchyardError {
  const limit = silenceMs < 1000 ? `${silenceMs} ms` : `${silenceMs / 1000} s`;
  return new SwitchyardError(
    'DOCKER_UNREACHABLE',
    `Docker engine at ${endpoint} stopped reporting progress on ${call}: nothing for ${limit}.`,
    'Check that Docker and the registry answer (`docker info`, `docker pull` of the image), then call again.',
    { reason: 'silent', engineCall: call, dockerHost: endpoint, silenceMs },
  );
}
