import { mkdirSync } from 'node:fs';
import type { Catalog } from '../catalog/catalog-loader.js';
import { loadSettingsCatalog } from '../catalog/settings-catalog.js';
import { ClientConnector, gatewayFromSettings } from '../clients/connector.js';
import { ControlService } from '../control/control-service.js';
import { openSecretStore } from '../secrets/open-secret-store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { SettingsStore } from '../settings/settings-store.js';
import { createControlHandlers } from '../control/control-handlers.js';
import type { CallInterceptor } from '../gateway/call-interceptors.js';
import type { HistoryStore } from '../history/history-store.js';
import { Gateway } from '../gateway/gateway.js';
import { ToolPins } from '../gateway/tool-pins.js';
import { ListCache } from '../gateway/list-cache.js';
import { DockerRuntime, type ServerRuntime } from '../runtime/docker-runtime.js';
import type { DockerEngineOptions } from '../runtime/docker-engine.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import type { LaunchPreparer } from './launch-preparer.js';
import { createLogger, type Logger } from '../core/logger.js';
import { packageVersion } from '../core/version.js';

export interface SwitchyardOptions {
  /** The state folder (see paths.ts). Created if missing. */
  home: string;
  servers?: ServerDefinition[];
  logger?: Logger;
  runtime?: ServerRuntime;
  docker?: DockerEngineOptions;
  alwaysPrefix?: boolean;
  idleTimeoutMs?: number;
  /** Completes definitions at start time (catalog templates, secrets); see launch-preparer.ts. */
  prepare?: LaunchPreparer;
  /** Policy and recording on the call path. */
  interceptors?: CallInterceptor[];
  /** The call history behind the control API's history methods and live feed. */
  history?: HistoryStore;
  /** Tool-definition pinning (default: on, in the home folder). */
  pins?: ToolPins;
  /** Shared with the launch preparer when given; otherwise loaded on first use. */
  catalog?: () => Promise<Catalog>;
  secrets?: () => Promise<SecretStore>;
}

export interface Switchyard {
  home: string;
  gateway: Gateway;
  control: ControlService;
  logger: Logger;
  close(): Promise<void>;
}

/**
 * The composition root: wires runtime, gateway and control API. The desktop main process, the CLI and the
 * tests all build the engine here, so they run the same code.
 */
export function createSwitchyard(options: SwitchyardOptions): Switchyard {
  mkdirSync(options.home, { recursive: true, mode: 0o700 });
  const logger = options.logger ?? createLogger();
  const runtime = options.runtime ?? new DockerRuntime({ home: options.home, ...options.docker });
  const pins = options.pins ?? new ToolPins(options.home);
  const gateway = new Gateway({
    runtime,
    servers: options.servers ?? [],
    version: packageVersion(),
    logger,
    listCache: new ListCache(options.home),
    ...(options.alwaysPrefix !== undefined ? { alwaysPrefix: options.alwaysPrefix } : {}),
    ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
    ...(options.prepare ? { prepare: options.prepare } : {}),
    ...(options.interceptors ? { interceptors: options.interceptors } : {}),
    pins,
  });
  const store = new SettingsStore(options.home);
  let catalog: Promise<Catalog> | undefined;
  let secrets: Promise<SecretStore> | undefined;
  const control = new ControlService(
    createControlHandlers({
      home: options.home,
      gateway,
      store,
      catalog: options.catalog ?? (() => (catalog ??= loadSettingsCatalog(store.load().settings, options.home, true))),
      secrets: options.secrets ?? (() => (secrets ??= openSecretStore({ home: options.home }))),
      clients: () => new ClientConnector({ gateway: () => gatewayFromSettings(options.home) }),
      ...(options.history ? { history: options.history } : {}),
      pins,
    }),
  );
  const history = options.history;
  const onRecord = (event: { kind: 'start' | 'end'; record: unknown }) => control.emit('history.record', event);
  history?.on('record', onRecord);
  const stopStatus = gateway.onStatus((status) => control.emit('gateway.status', status));
  // The CLI approves changed tools by writing the pin file; the gateway shows them again at once.
  const stopPins = pins.watch(() => gateway.pinsChanged());
  const unsubscribe = () => {
    stopStatus();
    stopPins();
  };
  return {
    home: options.home,
    gateway,
    control,
    logger,
    async close() {
      unsubscribe();
      history?.off('record', onRecord);
      await gateway.close();
    },
  };
}
