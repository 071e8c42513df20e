import { Link } from '@tanstack/react-router';
import { Wrench } from 'lucide-react';
import { memo } from 'react';
import type { CatalogSummary } from '../../../../../shared/catalog-types.js';
import { Badge, type BadgeTone } from '../../../ui/badge.js';
import { Switch } from '../../../ui/switch.js';
import { badgeLabels, badgesOf, displayTitle, type CatalogBadge } from '../lib/catalog-filter.js';
import { EntryIcon } from './EntryIcon.js';

const badgeTones: Record<CatalogBadge, BadgeTone> = {
  enabled: 'green',
  'needs-secrets': 'amber',
  'needs-config': 'blue',
  remote: 'violet',
  oauth: 'amber',
};

export interface CatalogCardProps {
  entry: CatalogSummary;
  enabledNames: ReadonlySet<string>;
  onToggle: (entry: CatalogSummary, on: boolean) => void;
  position: number;
  setSize: number;
}

/**
 * One catalog entry: icon, title, one line of description, category, tool count, badges and its on/off switch.
 * Memoised: while typing, only the cards whose entry or place changed render again.
 */
export const CatalogCard = memo(function CatalogCard({ entry, enabledNames, onToggle, position, setSize }: CatalogCardProps) {
  const title = displayTitle(entry);
  const badges = badgesOf(entry, enabledNames);
  const enabled = badges.includes('enabled');
  const titleId = `entry-${entry.name}`;
  return (
    <article
      role="listitem"
      aria-labelledby={titleId}
      aria-posinset={position}
      aria-setsize={setSize}
      className="flex h-full flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex items-start gap-3">
        <EntryIcon name={entry.name} title={title} />
        <div className="min-w-0 flex-1">
          <h2 id={titleId} title={title} className="truncate text-sm font-semibold text-slate-900 dark:text-slate-50">
            {enabled ? (
              <Link to="/servers/$name" params={{ name: entry.name }} className="hover:underline focus-visible:outline-2 focus-visible:outline-blue-600">
                {title}
              </Link>
            ) : (
              title
            )}
          </h2>
          <p title={entry.name} className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">
            {entry.name}
          </p>
        </div>
        <Switch checked={enabled} onCheckedChange={(on) => onToggle(entry, on)} label={`Enable ${title}`} />
      </div>
      <p title={entry.description} className="line-clamp-2 min-h-10 text-sm text-slate-600 dark:text-slate-300">{entry.description ?? 'No description.'}</p>
      <div className="mt-auto flex flex-wrap items-center gap-1.5">
        {entry.category && <Badge>{entry.category}</Badge>}
        {entry.toolCount > 0 && (
          <span className="inline-flex items-center gap-1 text-xs text-slate-600 dark:text-slate-400">
            <Wrench className="h-3 w-3" aria-hidden />
            {entry.toolCount} {entry.toolCount === 1 ? 'tool' : 'tools'}
          </span>
        )}
        {badges.map((badge) => (
          <Badge key={badge} tone={badgeTones[badge]}>
            {badgeLabels[badge]}
          </Badge>
        ))}
      </div>
    </article>
  );
});
