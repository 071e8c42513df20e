import { Button } from '../../../../ui/button.js';
import { AlertTriangle, ShieldAlert } from 'lucide-react';
import type { ReadinessWarning, ServerReadiness } from '../../../../../../shared/catalog-types.js';
import type { ServerStatus } from '../../../../../../shared/domain.js';
import { fieldProblemText, serverProblems } from './readiness-problems.js';
import type { ServerSection } from './server-sections.js';
import { ContainerPermissions } from './ContainerPermissions.js';
import { ServerActions } from './ServerActions.js';
import { ServerStateCard } from './ServerStateCard.js';
import { SignInSection } from './SignInSection.js';

/** The overview tab: state and actions, what it still needs, where it comes from and what its container is allowed. */
export function OverviewSection({
  readiness,
  status,
  gatewayRunning,
  onOpenSection,
  onRemoved,
}: {
  readiness: ServerReadiness;
  status: ServerStatus | undefined;
  gatewayRunning: boolean;
  onOpenSection(section: ServerSection): void;
  onRemoved(): void;
}) {
  return (
    <div className="flex flex-col gap-6">
      <section aria-label="State" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
        <ServerStateCard readiness={readiness} status={status} gatewayRunning={gatewayRunning} />
        <ServerActions readiness={readiness} status={status} onRemoved={onRemoved} />
      </section>
      {readiness.signIn ? <SignInSection server={readiness.name} status={readiness.signIn} /> : null}
      {!readiness.ready ? <NeedsBanner readiness={readiness} onOpenSection={onOpenSection} /> : null}
      {readiness.warnings && readiness.warnings.length > 0 ? <WarningsAlert server={readiness.name} warnings={readiness.warnings} /> : null}
      <section aria-labelledby="server-source-title">
        <h2 id="server-source-title" className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
          Where it comes from
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-slate-500 dark:text-slate-400">Source</dt>
          <dd className="text-slate-900 dark:text-slate-100">{sourceText(readiness)}</dd>
          {readiness.image ? (
            <>
              <dt className="text-slate-500 dark:text-slate-400">{readiness.source.kind === 'remote' ? 'URL' : 'Image'}</dt>
              <dd className="font-mono break-all text-slate-900 dark:text-slate-100">{readiness.image}</dd>
            </>
          ) : null}
          {readiness.source.kind === 'remote' ? (
            <>
              <dt className="text-slate-500 dark:text-slate-400">Container</dt>
              <dd className="text-slate-900 dark:text-slate-100">None: a remote server runs elsewhere and is reached over {readiness.source.transport}.</dd>
            </>
          ) : null}
          <dt className="text-slate-500 dark:text-slate-400">Tools</dt>
          <dd className="text-slate-900 dark:text-slate-100">
            {readiness.tools.length > 0 ? `${readiness.tools.length} declared` : 'learned when it first runs'}
          </dd>
        </dl>
      </section>
      {readiness.container ? <ContainerPermissions container={readiness.container} /> : null}
    </div>
  );
}

function NeedsBanner({ readiness, onOpenSection }: { readiness: ServerReadiness; onOpenSection(section: ServerSection): void }) {
  const problems = serverProblems(readiness);
  const configKeys = Object.keys(problems.config);
  const hasKnownNeeds = problems.missingSecrets.length > 0 || configKeys.length > 0;
  return (
    <section
      aria-labelledby="server-needs-title"
      className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50"
    >
      <h2 id="server-needs-title" className="flex items-center gap-2 text-sm font-semibold">
        <AlertTriangle aria-hidden="true" className="h-4 w-4" />
        It cannot start yet
      </h2>
      {hasKnownNeeds ? (
        <ul className="list-outside list-disc space-y-0.5 pl-5 text-sm">
          {problems.missingSecrets.map((key) => (
            <li key={key}>
              The secret <code className="font-mono">{key}</code> is not set.
            </li>
          ))}
          {configKeys.map((key) => (
            <li key={key}>
              The setting <code className="font-mono">{key}</code>: {fieldProblemText(problems.config[key] ?? { kind: 'missing' })}
            </li>
          ))}
        </ul>
      ) : null}
      {problems.other.map((text) => (
        <p key={text} className="text-sm whitespace-pre-wrap">
          {text}
        </p>
      ))}
      <div className="flex flex-wrap gap-2">
        {problems.missingSecrets.length > 0 ? (
          <Button variant="secondary" size="sm" onClick={() => onOpenSection('secrets')}>
            Set secrets
          </Button>
        ) : null}
        {configKeys.length > 0 ? (
          <Button variant="secondary" size="sm" onClick={() => onOpenSection('config')}>
            Fill in configuration
          </Button>
        ) : null}
      </div>
    </section>
  );
}

/** What does not stop the server but its user should know: another server's secret it is given. */
function WarningsAlert({ server, warnings }: { server: string; warnings: ReadinessWarning[] }) {
  return (
    <section
      role="alert"
      aria-labelledby="server-warnings-title"
      className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50"
    >
      <h2 id="server-warnings-title" className="flex items-center gap-2 text-sm font-semibold">
        <ShieldAlert aria-hidden="true" className="h-4 w-4" />
        It gets another server's secret
      </h2>
      <ul className="list-outside list-disc space-y-0.5 pl-5 text-sm">
        {warnings.map((warning) => (
          <li key={`${warning.key}:${warning.env}`}>
            <code className="font-mono">{warning.key}</code> (as <code className="font-mono">{warning.env}</code>) is stored for the server{' '}
            <strong>{warning.owner}</strong>, so {server} receives {warning.owner}&apos;s credential.
          </li>
        ))}
      </ul>
      <p className="text-sm">If that is not intended, remove this server and add it again with a secret of its own.</p>
    </section>
  );
}

function sourceText(readiness: ServerReadiness): string {
  const source = readiness.source;
  switch (source.kind) {
    case 'catalog':
      return `Catalog entry ${source.entry}`;
    case 'npm':
      return `npm package ${source.package} (image built locally on first use)`;
    case 'remote':
      return `Remote server (${source.transport})`;
    default:
      return 'Custom Docker image';
  }
}
