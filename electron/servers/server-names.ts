import { configuredServerName } from '../catalog/catalog-schema.js';
import type { Settings } from '../settings/settings-schema.js';
import { unknownServer } from './server-errors.js';

/**
 * The one rule for a server name a user gives (CLI argument, control API input): the configured server of that
 * name, or else the server a catalog entry of that name became when it was enabled (`SQLite` -> `sqlite`, see
 * serverNameForEntry). Every command and control method that takes a server name resolves it here, so a name
 * `server enable` accepted works everywhere. Throws SERVER_NOT_FOUND (with the configured names) otherwise.
 */
export function resolveServerName(given: string, settings: Settings): string {
  const name = configuredServerName(given, settings.servers);
  if (name === undefined) throw unknownServer(given, settings);
  return name;
}

/** The same rule where an unknown name is not an error (a filter that may name a server removed since): the given name then. */
export function serverNameOrGiven(given: string, settings: Settings): string {
  return configuredServerName(given, settings.servers) ?? given;
}

/**
 * A secret key `<server>.<name>` with its server part resolved the same way (`SQLite.token` -> `sqlite.token`)
 * when that server is configured; any other key is returned as given (secrets may be set before the server).
 */
export function resolveSecretKey(key: string, settings: Settings): string {
  const dot = key.indexOf('.');
  if (dot <= 0) return key;
  return `${serverNameOrGiven(key.slice(0, dot), settings)}${key.slice(dot)}`;
}
