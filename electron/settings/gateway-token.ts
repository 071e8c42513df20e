import { randomBytes } from 'node:crypto';
import type { SettingsStore } from './settings-store.js';

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

/** Replaces the token: HTTP clients configured with the old one are refused until they are connected again. */
export function rotateGatewayToken(store: SettingsStore): string {
  const token = randomBytes(32).toString('base64url');
  store.update((settings) => {
    settings.gateway.token = token;
  });
  return token;
}
