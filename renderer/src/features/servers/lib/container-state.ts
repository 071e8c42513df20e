import type { ContainerState } from '../../../../../shared/domain.js';
import type { BadgeTone } from '../../../ui/badge.js';

export const stateTone: Record<ContainerState, BadgeTone> = {
  stopped: 'neutral',
  starting: 'blue',
  running: 'green',
  stopping: 'amber',
  error: 'red',
};

/** Whether the Start (else Stop) action applies in this state. */
export function canStart(state: ContainerState): boolean {
  return state === 'stopped' || state === 'error';
}
