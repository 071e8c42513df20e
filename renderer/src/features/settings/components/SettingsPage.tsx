import { SectionCard } from '../../../ui/section-card.js';
import { CatalogSourcesCard } from './CatalogSourcesCard.js';
import { DesktopPreferencesCard } from './DesktopPreferencesCard.js';
import { EngineSettingsFrame } from './EngineSettingsFrame.js';
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
  return (
    <EngineSettingsFrame
      title="Settings"
      intro={
        <>
          Kept in settings.json, shared with the <code>switchyard</code> command: a change made in either place shows in the other.
        </>
      }
      reads="the settings"
    >
      {(settings) => (
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
            <GatewayOptionsForm saved={settings.gateway} />
          </SectionCard>
          <GatewayTokenCard />
          <SectionCard title="Call history" description="What Activity shows and `switchyard logs` reads, kept on this machine with secrets redacted.">
            <HistoryForm saved={settings.history} />
          </SectionCard>
          <SectionCard title="Telemetry" description="Export a span per call (server, tool, status, duration; never arguments) to an OpenTelemetry collector.">
            <TelemetryForm saved={settings.telemetry} />
          </SectionCard>
          <CatalogSourcesCard />
          <DesktopPreferencesCard />
          <PlacesCard places={settings.places} version={settings.version} />
        </>
      )}
    </EngineSettingsFrame>
  );
}
