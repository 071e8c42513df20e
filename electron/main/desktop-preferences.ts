import ElectronStore from 'electron-store';

/** The desktop app's own preferences: not the engine's settings.json, which the CLI shares. */
export interface DesktopPreferences {
  windowBounds?: { x?: number; y?: number; width: number; height: number };
  theme: 'system' | 'light' | 'dark';
  /** Start in the tray without opening the window (also what a login start does). */
  startHidden: boolean;
  /** OS notifications for crashes, held-back tools and finished pulls. */
  notifications: boolean;
}

export const defaultDesktopPreferences: DesktopPreferences = { theme: 'system', startHidden: false, notifications: true };

const schema = {
  windowBounds: {
    type: 'object',
    properties: { x: { type: 'integer' }, y: { type: 'integer' }, width: { type: 'integer', minimum: 200 }, height: { type: 'integer', minimum: 200 } },
    required: ['width', 'height'],
    additionalProperties: false,
  },
  theme: { type: 'string', enum: ['system', 'light', 'dark'], default: 'system' },
  startHidden: { type: 'boolean', default: false },
  notifications: { type: 'boolean', default: true },
} as const;

export interface DesktopPreferencesStore {
  get(): DesktopPreferences;
  set(change: Partial<DesktopPreferences>): DesktopPreferences;
  /** The file they live in (`<home>/desktop-preferences.json`). */
  readonly path: string;
}

/**
 * Kept with electron-store (a JSON file beside settings.json, written atomically, checked against a JSON schema on
 * every write). A file that fails the schema (edited by hand) is put back to the defaults rather than stopping the app.
 */
export function openDesktopPreferences(home: string): DesktopPreferencesStore {
  const open = () =>
    new ElectronStore<DesktopPreferences>({ cwd: home, name: 'desktop-preferences', schema, defaults: defaultDesktopPreferences, clearInvalidConfig: true });
  const store = open();
  return {
    path: store.path,
    get: () => ({ ...defaultDesktopPreferences, ...store.store }),
    set: (change) => {
      for (const [key, value] of Object.entries(change) as Array<[keyof DesktopPreferences, DesktopPreferences[keyof DesktopPreferences]]>) {
        if (value === undefined) store.delete(key);
        else store.set(key, value);
      }
      return { ...defaultDesktopPreferences, ...store.store };
    },
  };
}
