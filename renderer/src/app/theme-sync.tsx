import { useEffect, useSyncExternalStore } from 'react';
import { resolveTheme, useThemeStore } from '../store/theme-store.js';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeSystemTheme(onChange: () => void): () => void {
  const query = window.matchMedia?.(DARK_QUERY);
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

function systemPrefersDark(): boolean {
  return window.matchMedia?.(DARK_QUERY).matches ?? false;
}

/** Applies the chosen theme to <html> (the `dark` class Tailwind keys on, and color-scheme for native controls). */
export function ThemeSync() {
  const choice = useThemeStore((state) => state.choice);
  const systemDark = useSyncExternalStore(subscribeSystemTheme, systemPrefersDark);
  const theme = resolveTheme(choice, systemDark);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('dark', theme === 'dark');
    root.style.colorScheme = theme;
  }, [theme]);
  return null;
}
