import type { ApiHandlers } from '../../../shared/api.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import { serversUsingSecret } from '../../servers/secret-users.js';
import { resolveSecretKey } from '../../servers/server-names.js';
import type { Settings } from '../../settings/settings-schema.js';
import type { ControlEmit } from '../control-events.js';

/**
 * Secrets go in and are deleted; only their keys and whether they are set ever come out. A change is told to
 * the UI as servers.changed (secrets) for the servers that use the key, whose readiness it may change.
 */
export function secretHandlers(context: {
  secrets: () => Promise<SecretStore>;
  settings: () => Settings;
  emit: ControlEmit;
}): Pick<ApiHandlers, 'secret.set' | 'secret.delete' | 'secret.status'> {
  const changed = (key: string) => context.emit('servers.changed', { change: 'secrets', names: serversUsingSecret(context.settings(), key) });
  return {
    'secret.set': async ({ key: given, value }) => {
      const key = resolveSecretKey(given, context.settings());
      await (await context.secrets()).set(key, value);
      changed(key);
      return { key, set: true as const };
    },
    'secret.delete': async ({ key: given }) => {
      const key = resolveSecretKey(given, context.settings());
      const deleted = await (await context.secrets()).delete(key);
      if (deleted) changed(key);
      return { key, deleted };
    },
    'secret.status': async () => {
      const store = await context.secrets();
      return { backend: store.backend, ...(store.warning ? { warning: store.warning } : {}), keys: await store.list() };
    },
  };
}
