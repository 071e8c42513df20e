import type { ApiHandlers } from '../../../shared/api.js';
import type { SecretStore } from '../../secrets/secret-store.js';

/** Secrets go in and are deleted; only their keys and whether they are set ever come out. */
export function secretHandlers(secrets: () => Promise<SecretStore>): Pick<ApiHandlers, 'secret.set' | 'secret.delete' | 'secret.status'> {
  return {
    'secret.set': async ({ key, value }) => {
      await (await secrets()).set(key, value);
      return { key, set: true as const };
    },
    'secret.delete': async ({ key }) => ({ key, deleted: await (await secrets()).delete(key) }),
    'secret.status': async () => {
      const store = await secrets();
      return { backend: store.backend, ...(store.warning ? { warning: store.warning } : {}), keys: await store.list() };
    },
  };
}
