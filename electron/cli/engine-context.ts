import { resolveHome } from '../core/paths.js';
import { openEngineServices, type EngineServices } from '../app/engine-services.js';
// The moved-aside notice (an unusable settings.json) is set up there, once for both contexts.
import './settings-context.js';

let built: EngineServices | undefined;

/**
 * The stores every command shares, built once on first use. A module of its own so that only the commands that
 * use the engine load it (settings, catalog, secrets, clients): `--version` and `--help` open nothing.
 */
export function services(): EngineServices {
  return (built ??= openEngineServices({ home: resolveHome() }));
}
