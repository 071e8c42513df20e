import { Button } from '../../../../ui/button.js';
import { useQueryClient } from '@tanstack/react-query';
import { Play, Power, RotateCw, Square, Trash2 } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { notify } from '../../../../ui/toast.js';
import type { ServerReadiness } from '../../../../../../shared/catalog-types.js';
import type { ServerStatus } from '../../../../../../shared/domain.js';
import { useApi } from '../../../../api/api-context.js';
import { ConfirmDialog } from '../../../../ui/confirm-dialog.js';

type Action = 'start' | 'stop' | 'restart' | 'enable' | 'disable' | 'remove';

/** Start, Stop, Restart, Enable/Disable and (custom servers only) Remove, each with its result as a toast. */
export function ServerActions({ readiness, status, onRemoved }: { readiness: ServerReadiness; status: ServerStatus | undefined; onRemoved(): void }) {
  const { call } = useApi();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<Action>();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const name = readiness.name;
  const state = status?.state ?? 'stopped';
  const active = state === 'running' || state === 'starting';

  const run = async (action: Action) => {
    setBusy(action);
    try {
      if (action === 'start') await call('server.start', { name });
      if (action === 'stop') await call('server.stop', { name });
      if (action === 'restart') {
        await call('server.stop', { name });
        await call('server.start', { name });
      }
      if (action === 'enable') await call('server.enable', { name });
      if (action === 'disable') await call('server.disable', { name });
      if (action === 'remove') await call('server.remove', { name });
      notify.success(doneText(action, name));
      if (action === 'remove') onRemoved();
    } catch (error) {
      notify.error(`Could not ${action} ${name}`, error);
    } finally {
      setBusy(undefined);
      await Promise.all(['gateway', 'servers', 'server', 'tools'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
    }
  };

  return (
    <div role="group" aria-label="Server actions" className="flex flex-wrap gap-2">
      {readiness.enabled ? (
        <>
          {active ? (
            <ActionButton icon={<Square className="h-4 w-4" />} busy={busy === 'stop'} disabled={busy !== undefined} onClick={() => void run('stop')}>
              Stop
            </ActionButton>
          ) : (
            <ActionButton primary icon={<Play className="h-4 w-4" />} busy={busy === 'start'} disabled={busy !== undefined} onClick={() => void run('start')}>
              Start
            </ActionButton>
          )}
          <ActionButton
            icon={<RotateCw className="h-4 w-4" />}
            busy={busy === 'restart'}
            disabled={busy !== undefined || !active}
            onClick={() => void run('restart')}
          >
            Restart
          </ActionButton>
          <ActionButton icon={<Power className="h-4 w-4" />} busy={busy === 'disable'} disabled={busy !== undefined} onClick={() => void run('disable')}>
            Disable
          </ActionButton>
        </>
      ) : (
        <ActionButton primary icon={<Power className="h-4 w-4" />} busy={busy === 'enable'} disabled={busy !== undefined} onClick={() => void run('enable')}>
          Enable
        </ActionButton>
      )}
      {readiness.source.kind !== 'catalog' ? (
        <ActionButton
          danger
          icon={<Trash2 className="h-4 w-4" />}
          busy={busy === 'remove'}
          disabled={busy !== undefined}
          onClick={() => setConfirmRemove(true)}
        >
          Remove
        </ActionButton>
      ) : null}
      <ConfirmDialog
        open={confirmRemove}
        onOpenChange={setConfirmRemove}
        title={`Remove ${name}?`}
        description="Its container stops and its settings are deleted. Its secrets stay in the secret store, under its name, until you delete them."
        confirmLabel="Remove server"
        confirmIcon={Trash2}
        onConfirm={() => void run('remove')}
      />
    </div>
  );
}

function doneText(action: Action, name: string): string {
  const verbs: Record<Action, string> = {
    start: 'Started',
    stop: 'Stopped',
    restart: 'Restarted',
    enable: 'Enabled',
    disable: 'Disabled',
    remove: 'Removed',
  };
  return `${verbs[action]} ${name}`;
}

function ActionButton({
  children,
  icon,
  busy,
  disabled,
  primary,
  danger,
  onClick,
}: {
  children: ReactNode;
  icon: ReactNode;
  busy: boolean;
  disabled: boolean;
  primary?: boolean;
  danger?: boolean;
  onClick(): void;
}) {
  return (
    <Button variant={primary ? 'primary' : danger ? 'danger' : 'secondary'} size="sm" disabled={disabled} aria-busy={busy || undefined} onClick={onClick}>
      <span aria-hidden="true">{icon}</span>
      {children}
    </Button>
  );
}
