import { resolveHome } from '../core/paths.js';
import { describeMovedAside, onSettingsMovedAside } from '../settings/settings-store.js';
import { openEngineServices, type EngineServices } from '../app/engine-services.js';

// Whichever command first reads an unusable settings.json, the user hears what was moved where.
onSettingsMovedAside((aside) => process.stderr.write(`switchyard: ${describeMovedAside(aside)}\n`));

let built: EngineServices | undefined;

/**
 * The stores every command shares, built once on first use. A module of its own so that only the commands that
 * use the engine load it (settings, catalog, secrets, clients): `--version` and `--help` open nothing.
 */
export function services(): EngineServices {
  return (built ??= openEngineServices({ home: resolveHome() }));
}
