import type { SecretVault } from '../../../electron/runtime/oauth/oauth-vault.js';

/** A secret store in memory for an OAuth session under test: `values` to look into, `secrets` to hand to the session. */
export function memoryVault(): { values: Map<string, string>; secrets: () => Promise<SecretVault> } {
  const values = new Map<string, string>();
  const vault: SecretVault = {
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
    delete: async (key) => values.delete(key),
  };
  return { values, secrets: async () => vault };
}

/** The browser of a sign-in under test: asks the authorization URL, then follows its redirect to the loopback listener. */
export async function followRedirect(url: URL): Promise<void> {
  const response = await fetch(url, { redirect: 'manual' });
  await response.body?.cancel();
  const location = response.headers.get('location');
  if (location) await (await fetch(location)).body?.cancel();
}
