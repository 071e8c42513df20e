import type { ProfileDefinition } from '../gateway/profile-view.js';
import type { Settings } from '../settings/settings-schema.js';

/** The settings' profiles as the gateway serves them (the default profile needs no entry: it is every enabled server). */
export function profilesFromSettings(settings: Settings): ProfileDefinition[] {
  return Object.entries(settings.profiles).map(([name, profile]) => ({
    name,
    servers: profile.servers,
    ...(profile.dynamic ? { dynamic: true } : {}),
  }));
}
