import { Loader2 } from 'lucide-react';
import type { ServerStatus } from '../../../../../shared/domain.js';
import { Badge } from '../../../ui/badge.js';
import { stateTone } from '../lib/container-state.js';
import { pullPercent } from '../lib/pull-progress.js';

/** A server's container state; while starting, the image pull's or build's progress when there is one. */
export function ServerStateBadge({ server }: { server: ServerStatus }) {
  const percent = pullPercent(server);
  const busy = server.state === 'starting' || server.state === 'stopping';
  return (
    <Badge tone={stateTone[server.state]}>
      {busy && <Loader2 className="h-3 w-3 animate-spin" aria-hidden />}
      {server.state}
      {server.state === 'starting' && server.pull && (
        <span>
          · {server.pull.build ? 'building' : 'pulling'}
          {percent !== undefined ? ` ${percent}%` : ''}
        </span>
      )}
    </Badge>
  );
}
