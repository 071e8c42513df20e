import type { ApiHandlers } from '../../../shared/api.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { inspectServer } from '../../app/server-readiness.js';
import { addCustomServer, disableServer, enableServer, removeServer, setServerConfigValue, unsetServerConfigValue } from '../../app/server-settings.js';
import type { Gateway } from '../../gateway/gateway.js';
import type { Catalog } from '../../catalog/catalog-loader.js';
import type { SettingsStore } from '../../settings/settings-store.js';
import { settingsApplier } from './apply-settings.js';

/**
 * Enable/disable and per-server config, written to the settings file (the one source of truth the CLI also
 * writes); the running gateway is updated at once, without waiting for the file watcher.
 */
export function serverHandlers(context: {
  home: string;
  store: SettingsStore;
  gateway: Gateway;
  catalog: () => Promise<Catalog>;
}): Pick<ApiHandlers, 'server.enable' | 'server.disable' | 'server.inspect' | 'server.add' | 'server.remove' | 'config.get' | 'config.set' | 'config.unset'> {
  const { home, store } = context;
  const apply = settingsApplier(context);
  const serverSettings = (name: string) => {
    const server = store.load().settings.servers[name];
    if (!server) throw new SwitchyardError('SERVER_NOT_FOUND', `No server named "${name}".`, 'Enable it from the catalog first.');
    return server;
  };
  return {
    'server.enable': async ({ name }) => {
      const report = await enableServer(home, name);
      await apply();
      return report;
    },
    'server.disable': async ({ name }) => {
      disableServer(home, name);
      await apply();
      return { name, enabled: false as const };
    },
    'server.inspect': ({ name }) => inspectServer(name, home),
    'server.add': async ({ name, ...server }) => {
      const report = await addCustomServer(home, name, server);
      await apply();
      return report;
    },
    'server.remove': async ({ name }) => {
      removeServer(home, name);
      await apply();
      return { name, removed: true as const };
    },
    'config.get': async ({ name }) => serverSettings(name).config ?? {},
    'config.set': async ({ name, key, value }) => {
      const report = await setServerConfigValue(home, name, key, value);
      await apply();
      return report;
    },
    'config.unset': async ({ name, key }) => {
      const report = await unsetServerConfigValue(home, name, key);
      await apply();
      return report;
    },
  };
}
