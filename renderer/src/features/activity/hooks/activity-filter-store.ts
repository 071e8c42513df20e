import { create } from 'zustand';
import { emptyActivityFilter, type ActivityFilter } from '../lib/activity-filter.js';

/** UI state of the Activity page (the filter bar and the live feed's pause), kept while the user visits other pages. */
interface ActivityUiState {
  filter: ActivityFilter;
  paused: boolean;
  setFilter(change: Partial<ActivityFilter>): void;
  resetFilter(): void;
  setPaused(paused: boolean): void;
}

export const useActivityUi = create<ActivityUiState>((set) => ({
  filter: emptyActivityFilter,
  paused: false,
  setFilter: (change) => set((state) => ({ filter: { ...state.filter, ...change } })),
  resetFilter: () => set({ filter: emptyActivityFilter }),
  setPaused: (paused) => set({ paused }),
}));
