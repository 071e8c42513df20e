import type { ReactNode } from 'react';
import type { EngineSettings } from '../../../../../shared/settings-types.js';
import { Button } from '../../../ui/button.js';
import { ErrorState, LoadingState } from '../../../ui/states.js';
import { useEngineSettings } from '../hooks/use-engine-settings.js';

export interface EngineSettingsFrameProps {
  title: string;
  /** A line under the title: what the page is for. */
  intro: ReactNode;
  /** What the page reads, for its loading and error states ("the settings" -> "Reading the settings…"). */
  reads: string;
  /** Shown above the settings whatever their state (a card with a query of its own). */
  before?: ReactNode;
  /** The page's cards, once the settings are read. */
  children: (settings: EngineSettings) => ReactNode;
}

/**
 * The frame of a page over the engine's settings (Settings, Policies): its heading and intro, then the cards once
 * settings.get answered, a loading state until then, and the error with Try again when it failed.
 */
export function EngineSettingsFrame({ title, intro, reads, before, children }: EngineSettingsFrameProps) {
  const settings = useEngineSettings();
  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-4xl space-y-5">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
          {title}
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">{intro}</p>
      </div>
      {before}
      {settings.isPending ? (
        <LoadingState label={`Reading ${reads}…`} />
      ) : settings.isError ? (
        <ErrorState title={`Could not read ${reads}`} error={settings.error} action={<Button onClick={() => void settings.refetch()}>Try again</Button>} />
      ) : (
        children(settings.data)
      )}
    </section>
  );
}
