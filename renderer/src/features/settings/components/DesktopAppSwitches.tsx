import { useState } from 'react';
import type { DesktopPreferenceValues } from '../../../../../shared/desktop-preferences.js';
import { Button } from '../../../ui/button.js';
import { ErrorState, LoadingState, describeError } from '../../../ui/states.js';
import { Switch } from '../../../ui/switch.js';
import { useChangeDesktopPreferences, useDesktopPreferences } from '../hooks/use-desktop-preferences.js';

type Key = keyof DesktopPreferenceValues;

const rows: Array<{ key: Key; label: string; description: string }> = [
  { key: 'startAtLogin', label: 'Start at login', description: 'Switchyard starts in the tray when you log in, so AI apps find the gateway.' },
  { key: 'startHidden', label: 'Start hidden in the tray', description: 'Opening the app starts the gateway without showing this window.' },
  {
    key: 'notifications',
    label: 'OS notifications',
    description: 'A server that crashed, a tool held back, a missing secret, an image pull or build that finished or failed.',
  },
];

/** The desktop app's start at login, start hidden and notifications, each a switch applied at once by the main process. */
export function DesktopAppSwitches() {
  const preferences = useDesktopPreferences();
  const change = useChangeDesktopPreferences();
  const [failed, setFailed] = useState<{ key: Key; error: unknown } | undefined>();

  if (preferences.isPending) return <LoadingState label="Reading the desktop app’s preferences…" />;
  if (preferences.isError)
    return (
      <div className="mt-4">
        <ErrorState
          title="Could not read the desktop app’s preferences"
          error={preferences.error}
          action={<Button onClick={() => void preferences.refetch()}>Try again</Button>}
        />
      </div>
    );

  const flip = (key: Key, value: boolean) => {
    setFailed(undefined);
    change.mutate({ [key]: value }, { onError: (error) => setFailed({ key, error }) });
  };

  return (
    <ul aria-label="Desktop app" className="mt-4 divide-y divide-slate-200 dark:divide-slate-800">
      {rows.map((row) => {
        const problem = failed?.key === row.key ? describeError(failed.error) : undefined;
        const id = `desktop-${row.key}`;
        return (
          <li key={row.key} className="flex items-start justify-between gap-4 py-3">
            <div className="min-w-0">
              <p className="text-sm font-medium">{row.label}</p>
              <p id={`${id}-description`} className="text-sm text-slate-600 dark:text-slate-400">
                {row.description}
              </p>
              {problem && (
                <p role="alert" className="mt-1 text-sm text-red-700 dark:text-red-300">
                  {[problem.message, problem.hint].filter(Boolean).join(' ')}
                </p>
              )}
            </div>
            <Switch
              label={row.label}
              checked={preferences.data[row.key]}
              disabled={change.isPending}
              describedBy={`${id}-description`}
              onCheckedChange={(value) => flip(row.key, value)}
              className="mt-0.5"
            />
          </li>
        );
      })}
    </ul>
  );
}
