import type Docker from 'dockerode';
import { SwitchyardError } from '../../shared/errors.js';
import { dockerUnreachable, isConnectionError } from './docker-engine.js';
import { describeEndpoint } from './engine-endpoint.js';
import type { ImagePullPolicy } from './image-pull-policy.js';
import { failOnSilence } from './progress-silence.js';

/** Pull progress summed over layers, as the UI shows it. */
export interface PullProgress {
  image: string;
  /** The engine's latest status line, e.g. "Downloading" or "Pull complete". */
  status: string;
  /** Bytes downloaded and expected over the layers seen so far (0 when unknown). */
  current: number;
  total: number;
  /** What current and total count: bytes of a pull (when absent) or the steps of an image build. */
  unit?: 'bytes' | 'steps';
  /** The image is being built (from an npm package), not only pulled; the status names the build's step. */
  build?: boolean;
}

interface PullEvent {
  status?: string;
  id?: string;
  error?: string;
  progressDetail?: { current?: number; total?: number };
}

/** What the runtime reads from an image: its command (for the stdio socket) and its user. */
export type ImageConfig = { Entrypoint?: string[] | string | null; Cmd?: string[] | string | null; User?: string | null };

/**
 * Makes sure the image is on the engine, pulling it as the policy says. Only the server that needs the image
 * waits for the pull; everything else the gateway serves carries on.
 */
export async function ensureImage(
  docker: Docker,
  image: string,
  onProgress: (progress: PullProgress) => void = () => undefined,
  policy: ImagePullPolicy = 'missing',
): Promise<'present' | 'pulled'> {
  return (await ensureImageConfig(docker, image, onProgress, policy, false)).outcome;
}

/**
 * ensureImage, answering with the image's config as well: from the engine's one look at an image that is
 * present (no second inspect on a container's start path), or from a look after the pull.
 */
export async function ensureImageConfig(
  docker: Docker,
  image: string,
  onProgress: (progress: PullProgress) => void = () => undefined,
  policy: ImagePullPolicy = 'missing',
  config = true,
): Promise<{ outcome: 'present' | 'pulled'; config: ImageConfig }> {
  const present = await inspected(docker, image);
  if (policy === 'never') {
    if (present) return { outcome: 'present', config: present };
    throw new SwitchyardError(
      'IMAGE_NOT_FOUND',
      `Image "${image}" is not on this Docker engine, and the image pull policy is "never".`,
      `Pull or build it yourself (docker pull ${image}), or let Switchyard pull missing images: switchyard settings set gateway.imagePullPolicy missing`,
      { image, pullPolicy: policy },
    );
  }
  if (present && policy === 'missing') return { outcome: 'present', config: present };
  try {
    await pull(docker, image, onProgress);
  } catch (error) {
    // `always` follows a moving tag when the registry answers; offline, the copy on the engine still serves.
    if (!present) throw error;
    onProgress({
      image,
      status: `pull failed, using the image on this engine: ${error instanceof Error ? error.message : String(error)}`,
      current: 0,
      total: 0,
    });
    return { outcome: 'present', config: present };
  }
  return { outcome: 'pulled', config: config ? ((await inspected(docker, image)) ?? {}) : {} };
}

/** The image's config, or undefined when the engine has no such image. */
async function inspected(docker: Docker, image: string): Promise<ImageConfig | undefined> {
  try {
    const info = (await docker.getImage(image).inspect()) as { Config?: ImageConfig | null };
    return info.Config ?? {};
  } catch (error) {
    if (isConnectionError(error)) throw dockerUnreachable(describeEndpoint(docker), error);
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    return undefined;
  }
}

async function pull(docker: Docker, image: string, onProgress: (progress: PullProgress) => void): Promise<void> {
  const layers = new Map<string, { current: number; total: number }>();
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.pull(image);
  } catch (error) {
    throw pullFailed(image, error);
  }
  const stopWatching = failOnSilence(stream, `POST /images/create?fromImage=${image}`, describeEndpoint(docker));
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: PullEvent[]) => {
        stopWatching();
        // An engine gone silent is not the image's fault: it stays the engine's error.
        if (error instanceof SwitchyardError) return reject(error);
        const failure = error ?? (events.find((event) => event.error)?.error ? new Error(events.find((event) => event.error)!.error) : null);
        if (failure) reject(pullFailed(image, failure));
        else resolve();
      },
      (event: PullEvent) => {
        if (event.id && event.progressDetail?.total) {
          layers.set(event.id, { current: event.progressDetail.current ?? 0, total: event.progressDetail.total });
        }
        onProgress({ image, status: event.status ?? '', ...summed(layers) });
      },
    );
  });
}

function summed(layers: Map<string, { current: number; total: number }>): { current: number; total: number } {
  let current = 0;
  let total = 0;
  for (const layer of layers.values()) {
    current += layer.current;
    total += layer.total;
  }
  return { current, total };
}

function pullFailed(image: string, error: unknown): SwitchyardError {
  const reason = (error instanceof Error ? error.message : String(error)).replace(/^\(HTTP code \d+\) [a-z ]+- /, '').trim();
  return new SwitchyardError(
    'IMAGE_NOT_FOUND',
    `Image "${image}" is not on this Docker engine and could not be pulled: ${reason}`,
    `Check the image name and your access to its registry (docker login), or build it locally: docker build -t ${image} .`,
  );
}
