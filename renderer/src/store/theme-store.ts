import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

interface ThemeState {
  /** What the user picked in the header; 'system' follows the OS. */
  choice: ThemeChoice;
  setChoice(choice: ThemeChoice): void;
}

/** The theme override, kept in localStorage so it survives a reload (UI state only). */
export const useThemeStore = create<ThemeState>()(
  persist((set) => ({ choice: 'system', setChoice: (choice) => set({ choice }) }), { name: 'switchyard.theme' }),
);

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}
