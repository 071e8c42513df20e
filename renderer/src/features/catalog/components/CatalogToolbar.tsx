import { Search } from 'lucide-react';
import { inputClass } from '../../../ui/field.js';
import { cn } from '../../../ui/cn.js';
import { useCatalogFilterStore } from '../hooks/catalog-filter-store.js';
import { badgeLabels, catalogBadges, type CatalogSort } from '../lib/catalog-filter.js';

/** Search box, category and sort pickers, and the badge filters (toggle buttons with aria-pressed). */
export function CatalogToolbar({ categories }: { categories: { name: string; count: number }[] }) {
  const { query, category, badges, sort, setQuery, setCategory, toggleBadge, setSort } = useCatalogFilterStore();
  return (
    <div className="space-y-3">
      <div className="flex flex-col gap-2 sm:flex-row">
        <div className="relative flex-1">
          <Search className="pointer-events-none absolute top-1/2 left-3 h-4 w-4 -translate-y-1/2 text-slate-400" aria-hidden />
          <input
            type="search"
            aria-label="Search the catalog"
            placeholder="Search by name, tag or tool…"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            className={cn(inputClass, 'pl-9')}
          />
        </div>
        <div className="flex gap-2">
          <select aria-label="Category" value={category ?? ''} onChange={(event) => setCategory(event.target.value || undefined)} className={cn(inputClass, 'sm:w-48')}>
            <option value="">All categories</option>
            {categories.map((option) => (
              <option key={option.name} value={option.name}>
                {option.name} ({option.count})
              </option>
            ))}
          </select>
          <select aria-label="Sort" value={sort} onChange={(event) => setSort(event.target.value as CatalogSort)} className={cn(inputClass, 'w-auto sm:w-40')}>
            <option value="name">Name</option>
            <option value="relevance">Best match</option>
          </select>
        </div>
      </div>
      <div role="group" aria-label="Show only entries that are" className="flex flex-wrap gap-2">
        {catalogBadges.map((badge) => {
          const pressed = badges.includes(badge);
          return (
            <button
              key={badge}
              type="button"
              aria-pressed={pressed}
              onClick={() => toggleBadge(badge)}
              className={cn(
                'rounded-full border px-3 py-1 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600',
                pressed
                  ? 'border-blue-600 bg-blue-600 text-white dark:border-blue-400 dark:bg-blue-400 dark:text-slate-950'
                  : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800',
              )}
            >
              {badgeLabels[badge]}
            </button>
          );
        })}
      </div>
    </div>
  );
}
