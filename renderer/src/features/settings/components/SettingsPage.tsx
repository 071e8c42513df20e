import { Button } from '../../../ui/button.js';
import { SectionCard } from '../../../ui/section-card.js';
import { ErrorState, LoadingState } from '../../../ui/states.js';
import { useEngineSettings } from '../hooks/use-engine-settings.js';
import { CatalogSourcesCard } from './CatalogSourcesCard.js';
import { DesktopPreferencesCard } from './DesktopPreferencesCard.js';
import { GatewayOptionsForm } from './GatewayOptionsForm.js';
import { GatewayTokenCard } from './GatewayTokenCard.js';
import { HistoryForm } from './HistoryForm.js';
import { PlacesCard } from './PlacesCard.js';
import { TelemetryForm } from './TelemetryForm.js';

/**
 * Settings: the engine's gateway options, token, telemetry and catalog sources (settings.json, shared with the CLI:
 * a change made there shows here at once, and the other way round), the window's preferences, and where things are.
 */
export function SettingsPage() {
  const settings = useEngineSettings();
  return (
    <section aria-labelledby="page-title" className="mx-auto max-w-4xl space-y-5">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold tracking-tight">
          Settings
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Kept in settings.json, shared with the <code>switchyard</code> command: a change made in either place shows in the other.
        </p>
      </div>
      {settings.isPending ? (
        <LoadingState label="Reading the settings…" />
      ) : settings.isError ? (
        <ErrorState title="Could not read the settings" error={settings.error} action={<Button onClick={() => void settings.refetch()}>Try again</Button>} />
      ) : (
        <>
          <SectionCard
            title="Gateway"
            description={
              <>
                HTTP sessions’ idle timeout and cap are options of <code>switchyard gateway run</code> (<code>--session-idle-timeout</code>,{' '}
                <code>--max-sessions</code>).
              </>
            }
          >
            <GatewayOptionsForm saved={settings.data.gateway} />
          </SectionCard>
          <GatewayTokenCard />
          <SectionCard title="Call history" description="What Activity shows and `switchyard logs` reads, kept on this machine with secrets redacted.">
            <HistoryForm saved={settings.data.history} />
          </SectionCard>
          <SectionCard title="Telemetry" description="Export a span per call (server, tool, status, duration; never arguments) to an OpenTelemetry collector.">
            <TelemetryForm saved={settings.data.telemetry} />
          </SectionCard>
          <CatalogSourcesCard />
          <DesktopPreferencesCard />
          <PlacesCard places={settings.data.places} version={settings.data.version} />
        </>
      )}
    </section>
  );
}
