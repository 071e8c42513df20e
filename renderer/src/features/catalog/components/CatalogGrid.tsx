import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { CatalogSummary } from '../../../../../shared/catalog-types.js';
import { CatalogCard } from './CatalogCard.js';

const ROW_GAP = 12;
const ESTIMATED_ROW = 170;

/** Columns for a grid this wide (cards stay at least ~300 px). */
export function columnsFor(width: number): number {
  if (width >= 1200) return 3;
  if (width >= 640) return 2;
  return 1;
}

function useWidth(element: HTMLElement | null): number {
  const [width, setWidth] = useState(() => element?.clientWidth ?? 1024);
  useLayoutEffect(() => {
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

/**
 * The entries as a grid that only renders the rows on screen (plus a few), scrolling with the page, so
 * thousands of entries cost no more than a screenful.
 */
export function CatalogGrid({
  entries,
  enabledNames,
  onToggle,
  busy = false,
}: {
  /** True while newer results are on their way (the grid still shows the last ones). */
  busy?: boolean;
  entries: CatalogSummary[];
  enabledNames: ReadonlySet<string>;
  onToggle: (entry: CatalogSummary, on: boolean) => void;
}) {
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const columns = columnsFor(useWidth(container));
  const rows = Math.ceil(entries.length / columns);
  const offset = useRef(0);
  offset.current = container ? container.getBoundingClientRect().top + window.scrollY : 0;
  const virtualizer = useWindowVirtualizer({
    count: rows,
    estimateSize: () => ESTIMATED_ROW + ROW_GAP,
    overscan: 4,
    scrollMargin: offset.current,
  });

  return (
    <div ref={setContainer} role="list" aria-label="Catalog entries" aria-busy={busy} className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((row) => (
        <div
          key={row.key}
          data-index={row.index}
          ref={virtualizer.measureElement}
          className="absolute top-0 left-0 grid w-full gap-3"
          style={{ transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, paddingBottom: ROW_GAP }}
        >
          {entries.slice(row.index * columns, row.index * columns + columns).map((entry, column) => (
            <CatalogCard
              key={entry.name}
              entry={entry}
              enabledNames={enabledNames}
              onToggle={onToggle}
              position={row.index * columns + column + 1}
              setSize={entries.length}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
