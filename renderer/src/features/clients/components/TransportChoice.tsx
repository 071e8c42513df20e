import { useId } from 'react';
import type { ClientPlan } from '../../../../../shared/catalog-types.js';
import { transportReason, transportWords } from '../lib/transport-words.js';

/**
 * Which transport the entry uses (a radio group when the app speaks both), and why the engine picked it. The
 * radio follows the user's choice at once (`chosen`), not only when the engine's plan for it has arrived.
 */
export function TransportChoice({
  plan,
  chosen,
  appName,
  onChoose,
}: {
  plan: ClientPlan;
  chosen: 'stdio' | 'http' | undefined;
  appName: string;
  onChoose: (transport: 'stdio' | 'http') => void;
}) {
  const name = useId();
  const reasonId = useId();
  const reason = transportReason(plan, appName);
  if (plan.transports.length < 2) {
    return (
      <p className="text-sm">
        Transport: <strong>{transportWords[plan.transport ?? 'stdio'].label}</strong>
        {reason && <span className="text-slate-600 dark:text-slate-300"> — {reason}</span>}
      </p>
    );
  }
  return (
    <fieldset className="space-y-2" aria-describedby={reason ? reasonId : undefined}>
      <legend className="text-sm font-medium">Transport</legend>
      {(['stdio', 'http'] as const)
        .filter((transport) => plan.transports.includes(transport))
        .map((transport) => (
          <label
            key={transport}
            className="flex cursor-pointer gap-2 rounded-md border border-slate-200 p-2 text-sm has-[:checked]:border-blue-600 dark:border-slate-700"
          >
            <input
              type="radio"
              name={name}
              value={transport}
              checked={(chosen ?? plan.transport) === transport}
              onChange={() => onChoose(transport)}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{transportWords[transport].label}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">{transportWords[transport].help}</span>
            </span>
          </label>
        ))}
      {reason && (
        <p id={reasonId} className="text-xs text-slate-600 dark:text-slate-300">
          {reason}
        </p>
      )}
    </fieldset>
  );
}
