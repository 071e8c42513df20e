import type { ReadinessWarning } from '../../shared/catalog-types.js';

/**
 * Secrets are stored under their server's name (`<server>.<name>`). A custom server whose `--secret` mapping
 * names another server's key (`--secret everything.apikey:X`) receives that server's credential: allowed (one
 * token shared by two servers is a real need), but never silently. One warning per such mapping, as data; the
 * CLI and the window word it.
 */
export function foreignSecretWarnings(server: string, secretEnv: Readonly<Record<string, string>>): ReadinessWarning[] {
  return Object.entries(secretEnv).flatMap(([env, key]) => {
    const owner = key.slice(0, key.indexOf('.'));
    return owner && owner !== server ? [{ kind: 'foreign-secret' as const, key, env, owner }] : [];
  });
}
