import { Link } from '@tanstack/react-router';
import { navItems } from './nav-items.js';

/** The section links; the current one is marked with aria-current="page". */
export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  return (
    <ul className="space-y-1">
      {navItems.map(({ to, label, icon: Icon }) => (
        <li key={to}>
          <Link
            to={to}
            onClick={onNavigate}
            className="flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-200/70 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-200 dark:hover:bg-slate-800"
            activeProps={{ className: 'bg-slate-200 text-slate-950 dark:bg-slate-800 dark:text-white', 'aria-current': 'page' }}
            activeOptions={{ includeSearch: false }}
          >
            <Icon className="h-4 w-4" aria-hidden />
            {label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
