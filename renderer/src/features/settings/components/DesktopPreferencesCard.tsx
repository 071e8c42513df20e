import { SectionCard } from '../../../ui/section-card.js';
import { useThemeStore, type ThemeChoice } from '../../../store/theme-store.js';
import { DesktopAppSwitches } from './DesktopAppSwitches.js';
import { useIsDesktopApp } from '../hooks/use-desktop-preferences.js';

const themes: Array<{ value: ThemeChoice; label: string }> = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/**
 * The window's own preferences: the theme (kept by this window, as the header's menu does), and what the desktop
 * app keeps beside it in desktop-preferences.json, apart from the engine's settings that the CLI shares: in the
 * desktop app they are switches here; in web mode the card says where they belong.
 */
export function DesktopPreferencesCard() {
  const { choice, setChoice } = useThemeStore();
  const desktop = useIsDesktopApp();
  return (
    <SectionCard title="Window and desktop app" description="Preferences of this window and of the desktop app, not of the engine.">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Theme</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {themes.map((theme) => (
            <label key={theme.value} className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="theme"
                value={theme.value}
                checked={choice === theme.value}
                onChange={() => setChoice(theme.value)}
                className="h-4 w-4 accent-blue-600"
              />
              {theme.label}
            </label>
          ))}
        </div>
      </fieldset>
      {desktop ? (
        <DesktopAppSwitches />
      ) : (
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
          Start at login, start hidden in the tray and OS notifications belong to the desktop app: open Settings there to change them. In this window, engine
          events show as notices in the corner.
        </p>
      )}
    </SectionCard>
  );
}
