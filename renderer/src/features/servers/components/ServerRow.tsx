import { Link } from '@tanstack/react-router';
import { Play, Square, Wrench } from 'lucide-react';
import type { ReactNode } from 'react';
import type { ServerStatus } from '../../../../../shared/domain.js';
import { useConnectionStatus } from '../../../api/api-context.js';
import { useServerPower } from '../../../api/gateway-queries.js';
import { badgeLinkClasses } from '../../../ui/badge.js';
import { Button } from '../../../ui/button.js';
import { useServerReadiness } from '../hooks/use-server-queries.js';
import { canStart } from '../lib/container-state.js';
import { ServerStateBadge } from './ServerStateBadge.js';
import { StartProgress } from './StartProgress.js';

/**
 * One enabled server in a list: a link to its page, its image and container, its state, Start/Stop. `details`
 * goes under the image (e.g. a profile's tool allow-list), `actions` after Start/Stop. A server that cannot
 * start yet (a secret or a setting missing) says so, with a link to what it needs, instead of only "stopped".
 */
export function ServerRow({ server, details, actions }: { server: ServerStatus; details?: ReactNode; actions?: ReactNode }) {
  const power = useServerPower();
  const connection = useConnectionStatus();
  const start = canStart(server.state);
  const busy = power.isPending || server.state === 'starting' || server.state === 'stopping';
  // Asked only of a server at rest: a running one has what it needs.
  const atRest = server.state === 'stopped' || server.state === 'error';
  const readiness = useServerReadiness(server.name, { enabled: atRest });
  const needsSetup = atRest && readiness.data?.ready === false;
  return (
    <li aria-label={server.name} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
      <div className="min-w-0 flex-1 basis-48">
        <Link
          to="/servers/$name"
          params={{ name: server.name }}
          className="font-medium text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-blue-300"
        >
          {server.name}
        </Link>
        <p title={server.image} className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">
          {server.image}
          {server.containerId && <span> · container {server.containerId.slice(0, 12)}</span>}
        </p>
        {server.state === 'starting' && <StartProgress server={server} className="mt-2" />}
        {server.state === 'error' && server.error && (
          <p className="mt-1 max-h-40 overflow-auto text-sm break-words whitespace-pre-wrap text-red-700 dark:text-red-300">{server.error}</p>
        )}
        {details}
      </div>
      {needsSetup && (
        <Link
          to="/servers/$name"
          params={{ name: server.name }}
          search={{ section: 'overview' }}
          aria-label={`${server.name} needs setup`}
          className={badgeLinkClasses('amber')}
        >
          <Wrench className="h-3 w-3" aria-hidden />
          Needs setup
        </Link>
      )}
      <ServerStateBadge server={server} />
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          variant={start ? 'primary' : 'secondary'}
          disabled={busy || connection.state !== 'connected'}
          aria-label={`${start ? 'Start' : 'Stop'} ${server.name}`}
          onClick={() => power.mutate({ name: server.name, action: start ? 'start' : 'stop' })}
        >
          {start ? <Play className="h-3.5 w-3.5" aria-hidden /> : <Square className="h-3.5 w-3.5" aria-hidden />}
          {start ? 'Start' : 'Stop'}
        </Button>
        {actions}
      </div>
    </li>
  );
}
