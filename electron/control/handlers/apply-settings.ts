import type { Catalog } from '../../catalog/catalog-loader.js';
import type { Gateway } from '../../gateway/gateway.js';
import { serversFromSettings } from '../../settings/server-definitions.js';
import type { SettingsStore } from '../../settings/settings-store.js';

/**
 * Hands the settings just written to the running gateway at once, instead of waiting for its file watcher, so
 * the answer to a control call already reflects the change.
 */
export function settingsApplier(context: { store: SettingsStore; gateway: Gateway; catalog: () => Promise<Catalog> }): () => Promise<void> {
  return async () => context.gateway.setServers(serversFromSettings(context.store.load().settings, await context.catalog()));
}
