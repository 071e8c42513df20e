import type { CallInterceptor } from '../gateway/call-interceptors.js';
import type { HistoryStore } from '../history/history-store.js';
import { Gateway } from '../gateway/gateway.js';
import { ToolPins } from '../gateway/tool-pins.js';
import type { ProfileDefinition } from '../gateway/profile-view.js';
import { ListCache } from '../gateway/list-cache.js';
import { DockerRuntime, type ServerRuntime } from '../runtime/docker-runtime.js';
import type { DockerEngineOptions } from '../runtime/docker-engine.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import type { LaunchPreparer } from '../servers/launch-preparer.js';
import { SettingsSync } from '../servers/settings-sync.js';
import { SettingsServerDirectory } from '../servers/settings-server-directory.js';
import { createLogger, type Logger } from '../core/logger.js';
import { packageVersion } from '../core/version.js';
import { openEngineServices, type EngineServices } from './engine-services.js';

export interface SwitchyardOptions {
  /** The state folder (see paths.ts). Created if missing. */
  home: string;
  /** The shared stores and services; built from `home` when not given. */
  services?: EngineServices;
  servers?: ServerDefinition[];
  /** Fixed `servers` (`gateway run --image`): the settings' servers are not handed to the gateway. */
  fixedServers?: boolean;
  logger?: Logger;
  runtime?: ServerRuntime;
  docker?: DockerEngineOptions;
  alwaysPrefix?: boolean;
  idleTimeoutMs?: number;
  /** Completes definitions at start time (catalog templates, secrets); see servers/launch-preparer.ts. */
  prepare?: LaunchPreparer;
  /** Replaces stored secret values in servers' stderr (the redaction history uses). */
  redact?: (text: string) => string;
  /** Tells which secret keys were set, changed or deleted (by this process or another one). */
  secretChanges?: { onChange(listener: (keys: string[]) => void): () => void };
  /** Policy and recording on the call path. */
  interceptors?: CallInterceptor[];
  /** The call history behind the control API's history methods and live feed. */
  history?: HistoryStore;
  /** Tool-definition pinning (default: on, in the home folder). */
  pins?: ToolPins;
  /** The profiles clients attach to (see gateway/profile-view.ts). */
  profiles?: ProfileDefinition[];
}

/** The engine, as the control API (control/), the CLI and the desktop shell use it. */
export interface Switchyard {
  home: string;
  gateway: Gateway;
  /** Where servers run (the Docker engine): asked whether it is reachable by the first-run check. */
  runtime: ServerRuntime;
  services: EngineServices;
  /** Brings the gateway in line with settings.json and reports what changed (see servers/settings-sync.ts). */
  settingsSync: SettingsSync;
  pins: ToolPins;
  /** Calls back when another process (the CLI) approved held-back tools; the gateway has shown them again. */
  onPinsChanged(listener: () => void): () => void;
  /** Calls back with the secret keys that were set, changed or deleted, wherever that happened. */
  onSecretsChanged(listener: (keys: string[]) => void): () => void;
  history?: HistoryStore;
  logger: Logger;
  close(): Promise<void>;
}

const accessTokenKeySuffix = '.oauth_access_token';

/**
 * The composition root: builds each service once and wires runtime, gateway and settings. The desktop main
 * process, the CLI and the tests all build the engine here, so they run the same code; the control API is
 * built on top of it (control/create-control.ts).
 */
export function createSwitchyard(options: SwitchyardOptions): Switchyard {
  const services = options.services ?? openEngineServices({ home: options.home });
  const logger = options.logger ?? createLogger();
  const runtime = options.runtime ?? new DockerRuntime({ home: options.home, ...options.docker, oauth: services.oauth });
  const pins = options.pins ?? new ToolPins(options.home);
  const gateway = new Gateway({
    runtime,
    servers: options.servers ?? [],
    version: packageVersion(),
    logger,
    listCache: new ListCache(options.home),
    startFailures: services.startFailures,
    ...(options.alwaysPrefix !== undefined ? { alwaysPrefix: options.alwaysPrefix } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    ...(options.prepare ? { prepare: options.prepare } : {}),
    ...(options.redact ? { redact: options.redact } : {}),
    ...(options.interceptors ? { interceptors: options.interceptors } : {}),
    ...(options.profiles ? { profiles: options.profiles } : {}),
    // What dynamic profiles' find_servers and add_server search: the catalog and the configured servers.
    ...(options.fixedServers ? {} : { directory: new SettingsServerDirectory(services.settings, services.catalog.get, services.secrets, services.oauth) }),
    pins,
  });
  const settingsSync = new SettingsSync({ store: services.settings, catalog: services.catalog, logger, ...(options.fixedServers ? {} : { gateway }) });
  // The CLI approves changed tools by writing the pin file; the gateway shows them again at once.
  const pinListeners = new Set<() => void>();
  const stopPins = pins.watch(() => {
    gateway.pinsChanged();
    for (const listener of pinListeners) listener();
  });
  // A sign-in that succeeded (here, or in another process such as `switchyard server auth`: it stores a new access
  // token) ends a "needs you to sign in" failure at once, not at the next call.
  const stopSignedIn = services.oauth.onSignedIn((server) => gateway.signedIn(server));
  const stopSignedInElsewhere =
    options.secretChanges?.onChange((keys) => {
      for (const key of keys) if (key.endsWith(accessTokenKeySuffix)) gateway.signedIn(key.slice(0, -accessTokenKeySuffix.length));
    }) ?? (() => undefined);
  return {
    home: options.home,
    gateway,
    runtime,
    services,
    settingsSync,
    pins,
    onPinsChanged(listener) {
      pinListeners.add(listener);
      return () => pinListeners.delete(listener);
    },
    onSecretsChanged: (listener) => options.secretChanges?.onChange(listener) ?? (() => undefined),
    ...(options.history ? { history: options.history } : {}),
    logger,
    async close() {
      stopPins();
      stopSignedIn();
      stopSignedInElsewhere();
      await gateway.close();
    },
  };
}
