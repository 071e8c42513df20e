import { resolveHome } from '../core/paths.js';
import { describeMovedAside, onSettingsMovedAside, SettingsStore } from '../settings/settings-store.js';

// Whichever command first reads an unusable settings.json, the user hears what was moved where.
onSettingsMovedAside((aside) => process.stderr.write(`switchyard: ${describeMovedAside(aside)}\n`));

let store: SettingsStore | undefined;

/**
 * The settings store alone, for the commands that read nothing else (`server ls`): opening it loads the
 * settings schema and no other store, so such a command starts in about a bare Node start.
 */
export function settingsStore(): SettingsStore {
  return (store ??= new SettingsStore(resolveHome()));
}
