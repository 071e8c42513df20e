import { randomBytes } from 'node:crypto';
import type { ServerDefinition } from '../runtime/server-definition.js';
import type { Settings } from './settings-schema.js';
import type { SettingsStore } from './settings-store.js';

/** The servers the gateway should front: every enabled entry of the settings. */
export function serversFromSettings(settings: Settings): ServerDefinition[] {
  return Object.entries(settings.servers)
    .filter(([, server]) => server.enabled)
    .map(([name, server]) => ({
      name,
      image: server.image,
      ...(server.command ? { command: server.command } : {}),
      ...(server.env ? { env: server.env } : {}),
      ...(server.network ? { network: true } : {}),
      ...(server.limits ? { limits: server.limits } : {}),
      ...(server.readOnlyRootfs !== undefined ? { readOnlyRootfs: server.readOnlyRootfs } : {}),
      ...(server.perSession ? { perSession: true } : {}),
    }));
}

/** The HTTP endpoint's bearer token: generated once, then kept with the settings. */
export function ensureGatewayToken(store: SettingsStore): string {
  const existing = store.load().settings.gateway.token;
  if (existing) return existing;
  const token = randomBytes(32).toString('base64url');
  store.update((settings) => {
    settings.gateway.token = token;
  });
  return token;
}
