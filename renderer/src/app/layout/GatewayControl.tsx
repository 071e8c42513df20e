import { Play, Square } from 'lucide-react';
import { useConnectionStatus } from '../../api/api-context.js';
import { useGatewayPower, useGatewayStatus } from '../../api/gateway-queries.js';
import { Badge } from '../../ui/badge.js';
import { Button } from '../../ui/button.js';

/** The gateway's state and the one button that changes it (Start when stopped, Stop when running). */
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
