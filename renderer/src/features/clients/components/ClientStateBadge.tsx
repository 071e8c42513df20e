import type { ClientRow } from '../../../../../shared/catalog-types.js';
import { Badge, type BadgeTone } from '../../../ui/badge.js';

const looks: Record<ClientRow['state'], { tone: BadgeTone; label: string }> = {
  connected: { tone: 'green', label: 'Connected' },
  'not-connected': { tone: 'neutral', label: 'Not connected' },
  stale: { tone: 'amber', label: 'Stale entry' },
  unreadable: { tone: 'red', label: 'Config unreadable' },
};

/** The app's connection state as a badge. */
export function ClientStateBadge({ state }: { state: ClientRow['state'] }) {
  const look = looks[state];
  return <Badge tone={look.tone}>{look.label}</Badge>;
}
