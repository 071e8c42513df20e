import { mkdirSync } from 'node:fs';
import type { Catalog } from '../catalog/catalog-loader.js';
import { loadSettingsCatalog } from '../catalog/settings-catalog.js';
import { ClientFileModes } from '../clients/client-file-modes.js';
import { ClientConfigWatch } from '../clients/client-config-watch.js';
import { ClientProjects } from '../clients/client-projects.js';
import type { ClientConnector } from '../clients/connector.js';
import type { PlatformContext } from '../clients/types.js';
import { createLogger, type Logger } from '../core/logger.js';
import { openSecretStore, type OpenSecretStoreOptions } from '../secrets/open-secret-store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { SettingsStore } from '../settings/settings-store.js';
import { StartFailureLog } from '../runtime/start-failures.js';
import { CatalogCache } from '../servers/catalog-cache.js';
import { ServerSettingsService } from '../servers/server-settings-service.js';
import { RemoteSignIn } from '../servers/remote-sign-in.js';
import { RemoteOAuth } from '../runtime/oauth/remote-oauth.js';
import { ProfileService } from '../servers/profile-service.js';
import { ProfileTransfer } from '../servers/profile-transfer.js';

export interface EngineServicesOptions {
  /** The state folder (see core/paths.ts). Created if missing. */
  home: string;
  /** Electron's safeStorage: the desktop main process passes it, so a home that uses it works everywhere in the app. */
  safeStorage?: OpenSecretStoreOptions['safeStorage'];
  /** Tests: a catalog or secret store of their own instead of the home's. */
  catalog?: () => Promise<Catalog>;
  secrets?: () => Promise<SecretStore>;
  /** Tests: where client config files are (a temporary HOME) instead of this process's home folder. */
  clientContext?: PlatformContext;
  /** Where the client file watcher reports what it could not watch (default: stderr). */
  logger?: Logger;
}

/** The stores and services the engine, the control API and the CLI share: each built once, here, and passed down. */
export interface EngineServices {
  home: string;
  settings: SettingsStore;
  catalog: CatalogCache;
  /** Opened on first use (a keyring probe costs time), then the same store every time. */
  secrets: () => Promise<SecretStore>;
  servers: ServerSettingsService;
  profiles: ProfileService;
  /** Profile export and import (versioned YAML, no secret values). */
  profileTransfer: ProfileTransfer;
  /**
   * The AI apps' config files (detect, connect, disconnect): the connector's module (its YAML, TOML and JSONC
   * editors, the diff) loads on first use, so a gateway that never connects an app never reads it.
   */
  clients: () => Promise<ClientConnector>;
  /** The AI apps' config files as they change on disk (started by its first listener: the control API's events). */
  clientConfigs: ClientConfigWatch;
  /** The OAuth client of remote servers (tokens in the secret store), shared by the runtime and sign-in commands. */
  oauth: RemoteOAuth;
  /** Sign-in, sign-out and sign-in state of configured remote servers, by name. */
  signIn: RemoteSignIn;
  /** Servers' failed starts (the back-off), shared by every process of this home. */
  startFailures: StartFailureLog;
}

export function openEngineServices(options: EngineServicesOptions): EngineServices {
  mkdirSync(options.home, { recursive: true, mode: 0o700 });
  const settings = new SettingsStore(options.home);
  const catalog = new CatalogCache(options.catalog ?? (() => loadSettingsCatalog(settings.load().settings, options.home, true)));
  let secretStore: Promise<SecretStore> | undefined;
  const secrets =
    options.secrets ??
    (() => {
      if (!secretStore) {
        secretStore = openSecretStore({ home: options.home, ...(options.safeStorage ? { safeStorage: options.safeStorage } : {}) });
        secretStore.catch(() => (secretStore = undefined));
      }
      return secretStore;
    });
  // A Client ID Metadata Document describing Switchyard, where whoever ships it hosts one (none is published by default).
  const clientMetadataUrl = process.env.SWITCHYARD_OAUTH_CLIENT_METADATA_URL?.trim();
  const oauth = new RemoteOAuth({ secrets, ...(clientMetadataUrl ? { clientMetadataUrl } : {}) });
  const startFailures = new StartFailureLog(options.home);
  // Every connector of this process tells the watcher what it wrote: those changes are not "outside" ones.
  const projects = new ClientProjects(options.home);
  let connectorModule: Promise<typeof import('../clients/connector.js')> | undefined;
  const clients = async (): Promise<ClientConnector> => {
    const { ClientConnector, gatewayFromSettings } = await (connectorModule ??= import('../clients/connector.js'));
    return new ClientConnector({
      gateway: () => gatewayFromSettings(settings),
      fileModes: new ClientFileModes(options.home),
      projects,
      ...(options.clientContext ? { context: options.clientContext } : {}),
      onWritten: (write) => clientConfigs.written(write),
    });
  };
  const clientConfigs = new ClientConfigWatch({ connector: clients, projects: () => projects.all(), logger: options.logger ?? createLogger() });
  return {
    home: options.home,
    settings,
    catalog,
    secrets,
    oauth,
    signIn: new RemoteSignIn(settings, catalog.get, oauth),
    startFailures,
    servers: new ServerSettingsService(settings, catalog.get, secrets, oauth, startFailures),
    profiles: new ProfileService(settings),
    profileTransfer: new ProfileTransfer(settings, catalog.get, secrets),
    clients,
    clientConfigs,
  };
}
