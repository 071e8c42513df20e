import type { ApiEvent, ApiEventPayload } from '../../shared/api.js';
import type { Switchyard } from '../app/create-switchyard.js';
import { Batcher } from '../core/batcher.js';
import { serversUsingSecret } from '../servers/secret-users.js';
import type { SettingsChanges } from '../settings/settings-changes.js';
import { changedSettingsSections } from '../settings/settings-sections.js';

/** Sends one control event, its payload typed from apiEvents. */
export type ControlEmit = <E extends ApiEvent>(event: E, payload: ApiEventPayload<E>) => void;

/** How recorded calls are gathered into one history.records event: at most this many, or this long after the first. */
export const historyBatch = { maxItems: 100, maxWaitMs: 50 };

/**
 * Feeds the control events from the engine: the gateway's state (also on every server-list change), what
 * changed in settings.json (from this process, the CLI or an editor), tool lists and pins, URL catalog
 * refreshes, and recorded calls (batched, in order; the unsubscriber sends what is waiting). Returns the unsubscriber.
 */
export function feedControlEvents(app: Switchyard, emit: ControlEmit): () => void {
  let lastSettings = app.settingsSync.current();
  const records = new Batcher<ApiEventPayload<'history.records'>['events'][number]>({
    ...historyBatch,
    send: (events) => emit('history.records', { events }),
  });
  const stopRecords = app.history?.on('record', (event) => records.push(event)) ?? (() => undefined);
  const stops = [
    () => {
      stopRecords();
      records.close();
    },
    app.gateway.onStatus((status) => emit('gateway.status', status)),
    app.gateway.onToolsChanged((server) => emit('tools.changed', { server })),
    app.settingsSync.onChange((changes, settings) => {
      emitSettingsChanges(changes, emit);
      const sections = changedSettingsSections(lastSettings, settings);
      lastSettings = settings;
      if (sections.length > 0) emit('settings.changed', { sections });
    }),
    // The CLI approved held-back tools (the pin file changed): which ones is not known, so every server's tools.
    // A secret set or deleted anywhere (this window, the CLI): the servers that use it may have become ready.
    app.onSecretsChanged((keys) => {
      const settings = app.services.settings.load().settings;
      const names = [...new Set(keys.flatMap((key) => serversUsingSecret(settings, key)))].sort();
      if (names.length > 0) emit('servers.changed', { change: 'secrets', names });
    }),
    // A window's sign-in started, ended or failed, or a sign-out: the server's sign-in state changed.
    app.services.oauth.attempts.onChange((server) => emit('servers.changed', { change: 'sign-in', names: [server] })),
    // An AI app's config file changed on disk (by hand, by the app, the CLI or this engine).
    app.services.clientConfigs.onChange(({ id, name, projectDir, status, previous, outside }) =>
      emit('clients.changed', {
        id,
        name,
        ...(projectDir ? { projectDir } : {}),
        file: status.file,
        state: status.state,
        previous,
        ...(status.reason ? { reason: status.reason } : {}),
        ...(status.position ? { position: status.position } : {}),
        ...(status.transport ? { transport: status.transport } : {}),
        ...(status.profile ? { profile: status.profile } : {}),
        outside,
      }),
    ),
    app.onPinsChanged(() => {
      for (const { server } of app.gateway.knownTools()) emit('tools.changed', { server });
    }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}

function emitSettingsChanges(changes: SettingsChanges, emit: ControlEmit): void {
  if (changes.list.length > 0) emit('servers.changed', { change: 'list', names: changes.list });
  if (changes.config.length > 0) emit('servers.changed', { change: 'config', names: changes.config });
  for (const server of changes.tools) emit('tools.changed', { server });
  if (changes.catalogs.length > 0) emit('catalog.changed', { sources: changes.catalogs });
  if (changes.profiles.length > 0) emit('profiles.changed', { names: changes.profiles });
}
