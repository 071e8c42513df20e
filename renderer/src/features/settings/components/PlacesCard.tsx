import { Copy } from 'lucide-react';
import type { EngineSettings } from '../../../../../shared/settings-types.js';
import { Button } from '../../../ui/button.js';
import { SectionCard } from '../../../ui/section-card.js';
import { notify } from '../../../ui/toast.js';
import { backendName } from '../../servers/components/server-page/SecretField.js';
import { useSecretStatus } from '../../servers/hooks/use-server-queries.js';

/** What each secret backend protects against, in a sentence. */
const backendProtection: Record<string, string> = {
  keyring: 'Values are kept by your OS keyring, unlocked with your login.',
  'safe-storage': 'Values are encrypted with a key your OS keeps for the desktop app.',
  safeStorage: 'Values are encrypted with a key your OS keeps for the desktop app.',
  'encrypted-file': 'Values are in an encrypted file readable only by you (0600); no OS keyring was found.',
};

/** Where Switchyard keeps things on this machine, which backend keeps secrets, and the version. */
export function PlacesCard({ places, version }: { places: EngineSettings['places']; version: string }) {
  const secrets = useSecretStatus();
  const rows: Array<{ label: string; value: string }> = [
    { label: 'Home folder', value: places.home },
    { label: 'Settings file (shared with the CLI)', value: places.settingsFile },
    { label: 'Call history (switchyard logs reads it)', value: places.historyFile },
    { label: 'Approved tool definitions', value: places.pinsFile },
  ];
  const copy = (value: string) =>
    void navigator.clipboard.writeText(value).then(
      () => notify.success('Path copied.'),
      (error: unknown) => notify.error('Could not copy', error),
    );
  return (
    <SectionCard title="Where things are" description={`Switchyard ${version}. Secrets are never in these files.`}>
      <dl className="space-y-3 text-sm">
        <div>
          <dt className="font-medium">Secret storage</dt>
          <dd className="text-slate-700 dark:text-slate-300">
            {secrets.data ? (
              <>
                {backendName(secrets.data.backend)} · {secrets.data.keys.length} {secrets.data.keys.length === 1 ? 'secret' : 'secrets'} set.{' '}
                {backendProtection[secrets.data.backend] ?? ''}
                {secrets.data.warning && <span className="block text-amber-800 dark:text-amber-300">{secrets.data.warning}</span>}
              </>
            ) : secrets.isError ? (
              'Could not be read.'
            ) : (
              '…'
            )}
          </dd>
        </div>
        {rows.map((row) => (
          <div key={row.label}>
            <dt className="font-medium">{row.label}</dt>
            <dd className="flex items-center gap-1">
              <code className="min-w-0 flex-1 font-mono text-xs break-all text-slate-700 dark:text-slate-300">{row.value}</code>
              <Button size="icon" variant="ghost" aria-label={`Copy the path of ${row.label.toLowerCase()}`} onClick={() => copy(row.value)}>
                <Copy className="h-4 w-4" aria-hidden />
              </Button>
            </dd>
          </div>
        ))}
      </dl>
    </SectionCard>
  );
}
