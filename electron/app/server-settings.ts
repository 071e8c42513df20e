import { SwitchyardError } from '../../shared/errors.js';
import { findEntry } from '../catalog/catalog-loader.js';
import { loadSettingsCatalog } from '../catalog/settings-catalog.js';
import { SettingsStore } from '../settings/settings-store.js';
import { inspectServer, type ServerReadiness } from './server-readiness.js';

/**
 * Changes to one server's settings that the CLI and the control API both offer, written to settings.json (a
 * running gateway follows the file). Each returns what the server still needs afterwards.
 */

/** Enables a configured server, or adds a catalog entry of that name as a new, enabled server. */
export async function enableServer(home: string, name: string): Promise<ServerReadiness> {
  const store = new SettingsStore(home);
  const { settings } = store.load();
  if (!settings.servers[name]) {
    const found = findEntry((await loadSettingsCatalog(settings, home, true)).entries, name);
    if (!found) throw new SwitchyardError('SERVER_NOT_FOUND', `"${name}" is neither a configured server nor a catalog entry.`, `Search the catalog: switchyard catalog search ${name}`);
    const [entryName, record] = found;
    if (record.entry.type !== 'server' && record.entry.type !== undefined) {
      throw new SwitchyardError('INVALID_INPUT', `Catalog entry "${entryName}" is a ${record.entry.type} server, which Switchyard cannot run yet.`);
    }
  }
  store.update((current) => {
    const existing = current.servers[name];
    if (existing) existing.enabled = true;
    else current.servers[name] = { catalog: name, enabled: true };
  });
  return inspectServer(name, home);
}

/** Sets one config value; a value the entry's schema refuses is not kept, and the error names the field. */
export async function setServerConfigValue(home: string, name: string, key: string, value: unknown): Promise<ServerReadiness> {
  const store = new SettingsStore(home);
  const before = requireServer(store, name).config;
  store.update((settings) => {
    const server = settings.servers[name]!;
    server.config = { ...server.config, [key]: value };
  });
  const report = await inspectServer(name, home);
  if (report.problem?.includes(`  ${key}:`)) {
    store.update((settings) => {
      const server = settings.servers[name]!;
      if (before === undefined) delete server.config;
      else server.config = before;
    });
    throw new SwitchyardError('INVALID_INPUT', `Not saved: ${report.problem}`);
  }
  return report;
}

export async function unsetServerConfigValue(home: string, name: string, key: string): Promise<ServerReadiness> {
  const store = new SettingsStore(home);
  requireServer(store, name);
  store.update((settings) => {
    const config = settings.servers[name]!.config;
    if (config) delete config[key];
  });
  return inspectServer(name, home);
}

function requireServer(store: SettingsStore, name: string) {
  const { settings } = store.load();
  const server = settings.servers[name];
  if (!server) throw new SwitchyardError('SERVER_NOT_FOUND', `No server named "${name}".`, `Configured: ${Object.keys(settings.servers).join(', ') || 'none'}.`);
  return server;
}
