import { Link } from '@tanstack/react-router';
import { Play, Square, TriangleAlert } from 'lucide-react';
import type { EngineStatus } from '../../../../shared/domain.js';
import { useConnectionStatus } from '../../api/api-context.js';
import { useGatewayPower, useGatewayStatus } from '../../api/gateway-queries.js';
import { Badge, badgeLinkClasses } from '../../ui/badge.js';
import { Button } from '../../ui/button.js';

/**
 * The gateway's state and the one button that changes it (Start when stopped, Stop when running); while the
 * Docker engine does not answer, a warning beside it that opens the fix (Getting started checks the engine).
 */
export function GatewayControl() {
  const connection = useConnectionStatus();
  const gateway = useGatewayStatus();
  const power = useGatewayPower();
  const status = gateway.data;
  const connected = connection.state === 'connected';
  // Not known yet, or the engine did not say: the header still says which, instead of an empty corner.
  if (!status) {
    return (
      <div className="flex items-center gap-2">
        <span className="sr-only sm:not-sr-only sm:text-sm sm:text-slate-600 sm:dark:text-slate-300">Gateway</span>
        <Badge tone="neutral">{gateway.isError ? 'state unknown' : connected || connection.state === 'connecting' ? 'checking…' : 'not connected'}</Badge>
      </div>
    );
  }
  const running = status.state === 'running';
  const action = running ? 'stop' : 'start';
  return (
    <div className="flex items-center gap-2">
      {status.engine && !status.engine.reachable && <EngineUnreachable engine={status.engine} />}
      <span className="sr-only sm:not-sr-only sm:text-sm sm:text-slate-600 sm:dark:text-slate-300">Gateway</span>
      <Badge tone={running ? 'green' : 'neutral'}>
        <span className={running ? 'h-1.5 w-1.5 rounded-full bg-emerald-500' : 'h-1.5 w-1.5 rounded-full bg-slate-400'} aria-hidden />
        {status.state}
      </Badge>
      <Button
        size="sm"
        variant={running ? 'secondary' : 'primary'}
        disabled={!connected || power.isPending}
        onClick={() => power.mutate(action)}
        aria-label={running ? 'Stop gateway' : 'Start gateway'}
      >
        {running ? <Square className="h-3.5 w-3.5" aria-hidden /> : <Play className="h-3.5 w-3.5" aria-hidden />}
        <span className="hidden sm:inline">{power.isPending ? (action === 'start' ? 'Starting…' : 'Stopping…') : running ? 'Stop' : 'Start'}</span>
      </Button>
    </div>
  );
}

function EngineUnreachable({ engine }: { engine: EngineStatus }) {
  const why = engine.reason && engine.reason !== 'timeout' ? engine.reason : 'no answer';
  return (
    <Link
      to="/welcome"
      title={`The Docker engine at ${engine.dockerHost} cannot be reached (${why}): servers cannot start. Open Getting started for the fix.`}
      className={badgeLinkClasses('amber')}
    >
      <TriangleAlert className="h-3 w-3" aria-hidden />
      {/* A narrow window keeps the icon alone: its name stays for screen readers, its title for a pointer. */}
      <span className="sr-only sm:not-sr-only">Docker unreachable</span>
    </Link>
  );
}
