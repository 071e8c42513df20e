import { create } from 'zustand';
import type { CatalogBadge, CatalogSort } from '../lib/catalog-filter.js';

interface CatalogFilterState {
  query: string;
  category: string | undefined;
  badges: CatalogBadge[];
  sort: CatalogSort;
  setQuery(query: string): void;
  setCategory(category: string | undefined): void;
  toggleBadge(badge: CatalogBadge): void;
  setSort(sort: CatalogSort): void;
  clear(): void;
}

/** What the user typed and picked above the catalog (UI state, kept while they visit other pages). */
export const useCatalogFilterStore = create<CatalogFilterState>()((set) => ({
  query: '',
  category: undefined,
  badges: [],
  sort: 'name',
  setQuery: (query) => set({ query }),
  setCategory: (category) => set({ category }),
  toggleBadge: (badge) => set((state) => ({ badges: state.badges.includes(badge) ? state.badges.filter((b) => b !== badge) : [...state.badges, badge] })),
  setSort: (sort) => set({ sort }),
  clear: () => set({ query: '', category: undefined, badges: [] }),
}));
