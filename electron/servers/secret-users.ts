import type { Settings } from '../settings/settings-schema.js';

/**
 * The configured servers a secret key may concern: the server the key is named after (`<server>.<name>`, the
 * catalog's convention) and every server that maps the key to a variable or header (`secretEnv`).
 */
export function serversUsingSecret(settings: Settings, key: string): string[] {
  return Object.entries(settings.servers)
    .filter(([name, server]) => key.startsWith(`${name}.`) || Object.values(server.secretEnv ?? {}).includes(key))
    .map(([name]) => name);
}
