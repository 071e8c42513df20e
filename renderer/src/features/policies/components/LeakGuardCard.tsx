import { SectionCard } from '../../../ui/section-card.js';
import { Switch } from '../../../ui/switch.js';
import { notify } from '../../../ui/toast.js';
import { useUpdateSettings } from '../../settings/hooks/use-engine-settings.js';

/** The secret-leak guard: on, a call carrying another server's secret is refused and a result carrying any stored secret withheld. */
export function LeakGuardCard({ mode }: { mode: 'block' | 'off' }) {
  const update = useUpdateSettings();
  const set = (on: boolean) =>
    update.mutate(
      { policy: { leakGuard: on ? 'block' : 'off' } },
      {
        onSuccess: () => notify.success(on ? 'Leak guard on.' : 'Leak guard off: secrets are no longer looked for in calls.'),
        onError: (error) => notify.error('Could not change the leak guard', error),
      },
    );
  return (
    <SectionCard title="Secret leak guard">
      <div className="flex items-start gap-3">
        <Switch label="Block calls that leak a secret" checked={mode === 'block'} onCheckedChange={set} disabled={update.isPending} />
        <p className="text-sm text-slate-700 dark:text-slate-300">
          <span className="font-medium">Block calls that leak a secret.</span> A call whose arguments carry another server’s secret is refused, and a result
          that carries any stored secret is withheld. Applies at once.
        </p>
      </div>
    </SectionCard>
  );
}
