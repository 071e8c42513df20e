import { ShieldCheck } from 'lucide-react';
import type { ServerReadiness } from '../../../../../../shared/catalog-types.js';
import { useSecretStatus } from '../../hooks/use-server-queries.js';
import { backendName, SecretField } from './SecretField.js';
import { EmptyState } from '../../../../ui/states.js';

/** The secrets tab: one write-only field per secret the server needs, and where the values are kept. */
export function SecretsSection({ readiness }: { readiness: ServerReadiness }) {
  const status = useSecretStatus();
  if (readiness.secrets.length === 0) {
    return <EmptyState title="No secrets needed">This server does not take any API key, token or password.</EmptyState>;
  }
  const backend = status.data?.backend;
  return (
    <div className="flex flex-col gap-4">
      <p className="flex items-start gap-2 text-sm text-slate-600 dark:text-slate-300">
        <ShieldCheck aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
        <span>
          Values are write-only: they go to {backend ? `the ${backendName(backend)}` : 'the secret store'} and only this server's container receives them, as
          environment variables. They are never shown again.
        </span>
      </p>
      {status.data?.warning ? (
        <p
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {status.data.warning}
        </p>
      ) : null}
      {readiness.secrets.map((secret) => (
        <SecretField key={secret.key} server={readiness.name} secret={secret} {...(backend ? { backend } : {})} />
      ))}
    </div>
  );
}
