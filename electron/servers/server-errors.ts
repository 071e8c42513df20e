import { SwitchyardError } from '../../shared/errors.js';
import type { Settings } from '../settings/settings-schema.js';

/**
 * No configured server has this name; `details.configured` lists the ones there are (the CLI and the window word
 * it). When the name is a catalog entry that is not enabled, `details.catalogEntry` names it and the hint is how
 * to enable it, not the list of every configured server.
 */
export function unknownServer(name: string, settings: Settings, catalogEntry?: string): SwitchyardError {
  const configured = Object.keys(settings.servers);
  if (catalogEntry !== undefined) {
    return new SwitchyardError('SERVER_NOT_FOUND', `"${name}" is a catalog entry that is not enabled.`, `Enable it: switchyard server enable ${catalogEntry}`, {
      name,
      configured,
      catalogEntry,
    });
  }
  const shown =
    configured.length > 12 ? `${configured.slice(0, 12).join(', ')} and ${configured.length - 12} more (switchyard server ls)` : configured.join(', ');
  return new SwitchyardError('SERVER_NOT_FOUND', `No server named "${name}".`, `Configured: ${shown || 'none'}.`, { name, configured });
}
