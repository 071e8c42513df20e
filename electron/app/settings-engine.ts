import path from 'node:path';
import { needsCatalog, urlCatalogSources } from '../catalog/settings-catalog.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import type { ServerRuntime } from '../runtime/docker-runtime.js';
import { homeMayHoldSecrets, type OpenSecretStoreOptions } from '../secrets/open-secret-store.js';
import { SecretValues } from '../secrets/secret-values.js';
import { recordingInterceptor } from '../history/recording-interceptor.js';
import { policyInterceptor } from '../gateway/policy-interceptor.js';
import { hookInterceptor } from '../hooks/hook-interceptor.js';
import { CallTelemetry } from '../telemetry/call-telemetry.js';
import { otelInterceptor } from '../telemetry/otel-interceptor.js';
import type { HttpEndpoint } from '../gateway/http/http-endpoint.js';
import { startSocketEndpoint, type SocketEndpoint } from '../gateway/socket-endpoint.js';
import { runtimeSocketPath } from '../core/gateway-runtime-file.js';
import { serversFromSettings } from '../servers/server-definitions.js';
import { profilesFromSettings } from '../servers/profile-definitions.js';
import type { Settings } from '../settings/settings-schema.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { watchFiles, watchSettingsFile } from '../settings/watch-settings-file.js';
import { encryptedFileNames } from '../secrets/encrypted-file-store.js';
import { keyringMarkerFileName } from '../secrets/keyring-store.js';
import { safeStorageFileName } from '../secrets/safe-storage-store.js';
import { createLaunchPreparer } from '../servers/launch-preparer.js';
import { createSwitchyard, type Switchyard } from './create-switchyard.js';
import { openEngineServices } from './engine-services.js';
import { describeModeFixes, secureHomeModes } from '../core/home-modes.js';
import type { Logger } from '../core/logger.js';

export interface SettingsEngineOptions {
  home: string;
  logger: Logger;
  /** Front exactly these servers instead of the settings' (`gateway run --image`); settings changes are then not followed. */
  servers?: ServerDefinition[];
  /**
   * Where servers run, when the caller built it already (`gateway run --image` starts its container first);
   * default: the local Docker engine. Remote servers connect through it without OAuth sign-in.
   */
  runtime?: ServerRuntime;
  idleTimeoutMs?: number;
  alwaysPrefix?: boolean;
  /** The desktop app passes Electron's safeStorage. */
  safeStorage?: OpenSecretStoreOptions['safeStorage'];
  /** Record calls in <home>/history.db (default true). */
  history?: boolean;
  /**
   * Lets a call that needs an OAuth sign-in start it by sending the browser here (SWITCHYARD_BROWSER); without
   * it such a call answers with the command and the button that sign in.
   */
  openBrowser?: (url: URL) => Promise<void>;
}

/**
 * The socket the `connect` bridge relays to (beside the HTTP endpoint, for this home's user alone); none where
 * the platform or the home's path allows none, or when it cannot listen (the bridge then uses HTTP).
 */
export async function startBridgeSocket(gateway: Switchyard['gateway'], home: string, logger: Logger): Promise<SocketEndpoint | undefined> {
  const socketPath = runtimeSocketPath(home);
  if (!socketPath) return undefined;
  return startSocketEndpoint({ gateway, path: socketPath, logger }).catch((error: unknown) => {
    logger.warn(`no bridge socket (bridges will use HTTP): ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
}

export interface SettingsEngine {
  app: Switchyard;
  store: SettingsStore;
  settings: Settings;
  /** Stops following the settings file and closes the engine. */
  close(): Promise<void>;
}

/**
 * The engine as the user configured it: servers from settings.json (catalog entries templated with their
 * config and secrets at start time), following changes to the file while it runs. The CLI's gateway, the
 * stdio bridge's in-process gateway and the desktop app all start here.
 */
export async function openSettingsEngine(options: SettingsEngineOptions): Promise<SettingsEngine> {
  const services = openEngineServices({ home: options.home, logger: options.logger, ...(options.safeStorage ? { safeStorage: options.safeStorage } : {}) });
  // The home is the user's alone (0700, files 0600): an older version or a copied home may have left it open.
  const fixedModes = secureHomeModes(options.home);
  if (fixedModes.length > 0) options.logger.warn(`file modes: other users could read ${options.home}; narrowed ${describeModeFixes(fixedModes)}`);
  const store = services.settings;
  const { settings, movedAside } = store.load();
  if (movedAside) options.logger.warn(movedAside);
  const secretStore = services.secrets;
  const openBrowser = options.openBrowser;
  if (openBrowser) services.oauth.interactive = () => ({ openBrowser });

  const initialCatalog = !options.servers && needsCatalog(settings) ? await services.catalog.get() : undefined;
  let rules: Settings = settings;
  const secretValues = new SecretValues(secretStore, () => homeMayHoldSecrets(options.home));
  await secretValues.start(10_000).catch((error: unknown) => options.logger.warn(`secrets not readable, the leak guard sees none: ${String(error)}`));
  // SQLite (a native module) loads only for a gateway that records calls.
  const history =
    options.history === false
      ? undefined
      : (await import('../history/history-store.js')).HistoryStore.open({
          file: path.join(options.home, 'history.db'),
          redact: (text) => secretValues.redact(text),
          logger: options.logger,
          writer: 'thread',
          maxAgeDays: settings.history.retentionDays,
          maxRows: settings.history.maxRecords,
        });
  const telemetry = new CallTelemetry({ logger: options.logger, redact: (text) => secretValues.redact(text) });
  await telemetry.apply(settings.telemetry);
  if (history?.recovered)
    options.logger.warn(
      `The call history database was unusable (${history.recovered.reason}); it was moved to ${history.recovered.movedTo} and a new one was started.`,
    );
  const app = createSwitchyard({
    home: options.home,
    services,
    ...(options.servers ? { fixedServers: true } : {}),
    ...(options.runtime ? { runtime: options.runtime } : {}),
    logger: options.logger,
    // `--image` servers get the settings' call timeout too; settings servers carry their own (see server-definitions.ts).
    servers: options.servers?.map((server) => withDefaultCallTimeout(server, settings)) ?? serversFromSettings(settings, initialCatalog),
    alwaysPrefix: options.alwaysPrefix ?? settings.gateway.alwaysPrefix,
    ...(options.servers ? {} : { profiles: profilesFromSettings(settings) }),
    idleTimeoutMs: options.idleTimeoutMs ?? settings.gateway.idleTimeoutSeconds * 1000,
    prepare: createLaunchPreparer({ catalog: services.catalog.get, secrets: secretStore }),
    // Servers' stderr is redacted as it arrives, like history: errors, status and events never carry a stored secret.
    redact: (text) => secretValues.redact(text),
    secretChanges: secretValues,
    // Recording first: it sees (and records) the calls a policy then denies.
    // Hooks after the policy: a call the policy denies never reaches the user's hook programs.
    interceptors: [
      ...(history ? [recordingInterceptor(history, () => rules.history.enabled)] : []),
      policyInterceptor(() => ({ ...rules.policy, profileDeny: profileDenyRules(rules) }), secretValues),
      hookInterceptor(() => rules.hooks, options.logger),
      otelInterceptor(telemetry),
    ],
    ...(history ? { history } : {}),
  });

  // Whoever changed settings.json (this process, the CLI, an editor), the rules and telemetry follow.
  const stopRules = app.settingsSync.onChange(async (_changes, next) => {
    const retentionChanged = rules.history.retentionDays !== next.history.retentionDays || rules.history.maxRecords !== next.history.maxRecords;
    rules = next;
    // An --idle-timeout given on the command line stays in force; otherwise the setting's, at once.
    if (options.idleTimeoutMs === undefined) app.gateway.setIdleTimeout(next.gateway.idleTimeoutSeconds * 1000);
    await telemetry.apply(next.telemetry);
    if (history && retentionChanged) history.setRetention(next.history.retentionDays, next.history.maxRecords);
  });
  const stopWatching = options.servers ? () => undefined : watchSettingsFile(store.file, async () => void (await app.settingsSync.sync()), options.logger);
  // A secret set or deleted by the CLI in another process changes one of these files (the keyring's marker too):
  // the values are read again at once (redaction, leak guard) and the change is reported (servers.changed).
  const stopWatchingSecrets = watchFiles(
    [encryptedFileNames.data, safeStorageFileName, keyringMarkerFileName].map((name) => path.join(options.home, name)),
    () => secretValues.refresh(),
    options.logger,
  );

  // Start-up read URL catalogs from their cached copies; fetch them now and then in the background.
  const stopRefreshing = options.servers
    ? () => undefined
    : refreshUrlCatalogsInBackground(
        options.home,
        () => store.load().settings,
        (sources) => app.settingsSync.catalogsRefreshed(sources),
        options.logger,
      );

  return {
    app,
    store,
    settings,
    async close() {
      stopRefreshing();
      stopWatching();
      stopWatchingSecrets();
      stopRules();
      secretValues.stop();
      await app.close();
      await telemetry.close(); // after the gateway: calls it ends while closing are exported too
      await history?.close(); // its threads have ended: nothing touches the home after this
    },
  };
}

/** A token rotated in settings.json (by the window or by hand) is the one the HTTP endpoint requires from then on. */
export function followGatewayToken(app: Switchyard, http: Pick<HttpEndpoint, 'setToken'>): () => void {
  return app.settingsSync.onChange((_changes, next) => {
    if (next.gateway.token) http.setToken(next.gateway.token);
  });
}

function profileDenyRules(settings: Settings): Record<string, Array<{ server: string; tool?: string }>> {
  return Object.fromEntries(Object.entries(settings.profiles).map(([name, profile]) => [name, profile.deny]));
}

function withDefaultCallTimeout(server: ServerDefinition, settings: Settings): ServerDefinition {
  const seconds = settings.gateway.callTimeoutSeconds;
  return server.callTimeoutMs !== undefined || seconds === 0 ? server : { ...server, callTimeoutMs: seconds * 1000 };
}

/** How often URL catalogs are fetched while the gateway runs (and once, shortly after it starts). */
const urlCatalogRefreshMs = 6 * 60 * 60 * 1000;

/**
 * Fetches the settings' URL catalogs off the start-up path: a good copy replaces the cached one (and the engine
 * reloads its catalog), an unreachable URL keeps the last copy, with one warning naming it.
 */
function refreshUrlCatalogsInBackground(home: string, current: () => Settings, changed: (sources: string[]) => void, logger: Logger): () => void {
  const refresh = async () => {
    const urls = urlCatalogSources(current());
    if (urls.length === 0) return;
    const { loadCatalogs } = await import('../catalog/catalog-loader.js');
    const loaded = await loadCatalogs(urls, { home });
    for (const source of loaded.sources) {
      if (source.stale) logger.warn(`catalog ${source.source}: ${source.stale.reason}; using the copy from ${source.stale.since.toISOString()}`);
      else if (source.error) logger.warn(`catalog ${source.source}: ${source.error}`);
    }
    changed(loaded.sources.map((source) => source.source));
  };
  const run = () => void refresh().catch((error: unknown) => logger.warn(`catalog refresh failed: ${String(error)}`));
  const first = setTimeout(run, 1000);
  const every = setInterval(run, urlCatalogRefreshMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
