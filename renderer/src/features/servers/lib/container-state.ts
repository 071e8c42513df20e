import type { ContainerState, ServerStatus } from '../../../../../shared/domain.js';
import type { BadgeTone } from '../../../ui/badge.js';

export const stateTone: Record<ContainerState, BadgeTone> = {
  stopped: 'neutral',
  starting: 'blue',
  running: 'green',
  stopping: 'amber',
  error: 'red',
};

/** Pull progress as a percentage (0-100), when the engine is pulling the image and knows the size. */
export function pullPercent(server: ServerStatus): number | undefined {
  const pull = server.pull;
  if (!pull || pull.total <= 0) return undefined;
  return Math.min(100, Math.round((pull.current / pull.total) * 100));
}

/** Whether the Start (else Stop) action applies in this state. */
export function canStart(state: ContainerState): boolean {
  return state === 'stopped' || state === 'error';
}
