import { SwitchyardError } from '../../shared/errors.js';
import type { Settings } from '../settings/settings-schema.js';

/** No configured server has this name; `details.configured` lists the ones there are (the CLI and the window word it). */
export function unknownServer(name: string, settings: Settings): SwitchyardError {
  const configured = Object.keys(settings.servers);
  return new SwitchyardError('SERVER_NOT_FOUND', `No server named "${name}".`, `Configured: ${configured.join(', ') || 'none'}.`, { name, configured });
}
