import { Link } from '@tanstack/react-router';
import { useCallback } from 'react';
import { Button } from '../../../ui/button.js';
import { ErrorState, LoadingState } from '../../../ui/states.js';
import { useFirstRun, useFirstRunUpdate } from '../hooks/use-first-run.js';
import { ClientStep } from './ClientStep.js';
import { DockerStep } from './DockerStep.js';
import { ServersStep } from './ServersStep.js';
import { StepCard } from './StepCard.js';
import { TryCallStep } from './TryCallStep.js';

type Step = 'docker' | 'servers' | 'client' | 'call';

/**
 * The first run: Docker, a server to switch on, an AI app to connect, a call to try. Every step can be skipped;
 * progress is kept by the engine (in the home), and once finished the guide does not open by itself again.
 */
export function FirstRunPage() {
  const firstRun = useFirstRun();
  const update = useFirstRunUpdate();
  const steps = firstRun.data?.steps ?? {};
  const { mutate } = update;
  const mark = useCallback(
    (step: Step, outcome: 'done' | 'skipped') => {
      if (firstRun.data?.steps[step] === outcome) return;
      mutate({ step, outcome });
    },
    [firstRun.data, mutate],
  );
  const dockerDone = useCallback(() => mark('docker', 'done'), [mark]);
  const serversDone = useCallback(() => mark('servers', 'done'), [mark]);
  const clientDone = useCallback(() => mark('client', 'done'), [mark]);
  const callDone = useCallback(() => mark('call', 'done'), [mark]);

  if (firstRun.isPending) return <LoadingState label="Getting started…" />;
  if (firstRun.isError) return <ErrorState title="Could not read the first-run progress" error={firstRun.error} />;
  const allSettled = (['docker', 'servers', 'client', 'call'] as const).every((step) => steps[step] !== undefined);

  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-3xl space-y-4">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
          Getting started
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Four steps to your first tool call through Switchyard. Skip any of them; this page stays under Getting started in the navigation.
        </p>
      </div>
      <StepCard number={1} title="Check Docker" outcome={steps.docker} onSkip={() => mark('docker', 'skipped')}>
        <DockerStep onReachable={dockerDone} />
      </StepCard>
      <StepCard number={2} title="Switch on a server" outcome={steps.servers} onSkip={() => mark('servers', 'skipped')}>
        <ServersStep onEnabled={serversDone} />
      </StepCard>
      <StepCard number={3} title="Connect an AI app" outcome={steps.client} onSkip={() => mark('client', 'skipped')}>
        <ClientStep onConnected={clientDone} />
      </StepCard>
      <StepCard number={4} title="Try a call" outcome={steps.call} onSkip={() => mark('call', 'skipped')}>
        <TryCallStep onCalled={callDone} />
      </StepCard>
      <div className="flex flex-wrap items-center justify-end gap-2">
        {firstRun.data.finished ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">Finished: this page will not open by itself again.</p>
        ) : (
          <Button variant={allSettled ? 'primary' : 'secondary'} onClick={() => mutate({ finished: true })}>
            {allSettled ? 'Finish' : 'Finish now (skip the rest)'}
          </Button>
        )}
        <Link to="/catalog" className="text-sm text-blue-700 underline dark:text-blue-300">
          Go to the catalog
        </Link>
      </div>
    </section>
  );
}
