import type { Gateway } from '../gateway/gateway.js';
import type { Logger } from '../core/logger.js';
import { needsCatalog } from '../catalog/settings-catalog.js';
import { serversFromSettings } from './server-definitions.js';
import { profilesFromSettings } from './profile-definitions.js';
import { settingsChanges, type SettingsChanges } from '../settings/settings-changes.js';
import type { Settings } from '../settings/settings-schema.js';
import type { SettingsStore } from '../settings/settings-store.js';
import type { CatalogCache } from './catalog-cache.js';

export type SettingsListener = (changes: SettingsChanges, settings: Settings) => void | Promise<void>;

export interface SettingsSyncOptions {
  store: SettingsStore;
  catalog: CatalogCache;
  /** The gateway to hand the settings' servers to; absent when it fronts a fixed set (`gateway run --image`). */
  gateway?: Gateway;
  logger: Logger;
}

/**
 * Brings the engine in line with settings.json, whoever wrote it: this process (a control call, right after
 * writing), the CLI in another process or an editor (through the file watcher). Each sync reads the file, hands
 * the servers to the gateway, and tells listeners what changed since the last sync; syncs run one at a time, so
 * the same change seen twice (the control call, then the watcher) is reported once.
 */
export class SettingsSync {
  private last: Settings;
  private readonly listeners = new Set<SettingsListener>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SettingsSyncOptions) {
    this.last = options.store.load().settings;
  }

  onChange(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The settings as last synced. */
  current(): Settings {
    return this.last;
  }

  /** URL catalogs were fetched again: the catalog is reloaded on next use, and listeners hear which sources. */
  catalogsRefreshed(sources: string[]): Promise<void> {
    const run = this.queue.then(async () => {
      this.options.catalog.invalidate();
      await this.notify({ list: [], config: [], tools: [], catalogs: sources, profiles: [] }, this.last);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  sync(): Promise<SettingsChanges> {
    const run = this.queue.then(() => this.apply());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(): Promise<SettingsChanges> {
    const { settings, movedAside } = this.options.store.load();
    if (movedAside) {
      this.options.logger.warn(movedAside);
      return settingsChanges(this.last, this.last);
    }
    const changes = settingsChanges(this.last, settings);
    if (changes.catalogs.length > 0) this.options.catalog.invalidate();
    if (this.options.gateway) {
      const catalog = needsCatalog(settings) ? await this.options.catalog.get() : undefined;
      await this.options.gateway.setServers(serversFromSettings(settings, catalog));
      if (changes.profiles.length > 0) this.options.gateway.setProfiles(profilesFromSettings(settings));
    }
    this.last = settings;
    await this.notify(changes, settings);
    return changes;
  }

  private async notify(changes: SettingsChanges, settings: Settings): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(changes, settings);
      } catch (error) {
        this.options.logger.warn(`settings change not fully applied: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
