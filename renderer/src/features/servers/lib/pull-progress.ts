import type { ServerStatus } from '../../../../../shared/domain.js';

type Pull = NonNullable<ServerStatus['pull']>;

/** Progress as a percentage (0-100), when the engine is pulling or building the image and knows how far it has to go. */
export function pullPercent(server: ServerStatus): number | undefined {
  const pull = server.pull;
  if (!pull || pull.total <= 0) return undefined;
  return Math.min(100, Math.round((pull.current / pull.total) * 100));
}

/** What is happening, as a title: an image built from npm, or pulled. */
export function pullTitle(server: ServerStatus & { pull: Pull }): string {
  return server.pull.build ? `Building the image of ${server.name}` : `Pulling ${server.image}`;
}

/** How far, in words: the build's step N of M, or bytes of bytes; empty while unknown. */
export function pullAmount(pull: Pull): string {
  if (pull.total <= 0) return '';
  if (pull.unit === 'steps') return `step ${pull.current} of ${pull.total}`;
  return `${formatBytes(pull.current)} of ${formatBytes(pull.total)}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
