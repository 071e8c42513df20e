import { Link } from '@tanstack/react-router';
import { useCatalogList } from '../../../catalog/hooks/use-catalog-entries.js';
import { useEnableEntry } from '../../../catalog/hooks/use-enable-entry.js';
import { Button } from '../../../../ui/button.js';
import { LoadingState } from '../../../../ui/states.js';
import { PageFrame } from './PageFrame.js';

/**
 * The page of a name that no configured server has. A catalog entry of that name (a link from the catalog, a
 * bookmark, an engine message naming the server's page) is offered to switch on here, with what it needs next;
 * any other name gets the ways to the catalog and to My servers.
 */
export function NotConfigured({ name }: { name: string }) {
  const catalog = useCatalogList();
  const enable = useEnableEntry();
  const entry = catalog.data?.find((candidate) => candidate.name === name);
  const label = entry?.title ?? name;
  if (catalog.isLoading) {
    return (
      <PageFrame title={name}>
        <LoadingState label={`Loading ${name}…`} />
      </PageFrame>
    );
  }
  return (
    <PageFrame title={entry ? label : 'No such server'} subtitle={entry && label !== name ? name : undefined} description={entry?.description}>
      <div className="flex flex-col gap-3 rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center dark:border-slate-700">
        {entry ? (
          <>
            <p className="text-sm text-slate-700 dark:text-slate-200">
              <span className="font-semibold">{label}</span> is in the catalog but not switched on.
              {entry.secretCount > 0
                ? ' Once it is on, you enter its secrets here.'
                : entry.hasConfig
                  ? ' Once it is on, you fill in its configuration here.'
                  : ''}
            </p>
            <div className="flex flex-wrap justify-center gap-3 text-sm font-medium">
              <Button variant="primary" onClick={() => enable.mutate({ entry, on: true })} disabled={enable.isPending}>
                {enable.isPending ? `Switching on ${label}…` : `Switch on ${label}`}
              </Button>
              <Link
                to="/catalog"
                className="rounded-md border border-slate-300 px-4 py-2 text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
              >
                Browse the catalog
              </Link>
            </div>
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700 dark:text-slate-200">
              No server named <code className="font-mono font-semibold">{name}</code> is configured. Switch one on in the catalog, or add your own from My
              servers.
            </p>
            <div className="flex flex-wrap justify-center gap-3 text-sm font-medium">
              <Link to="/catalog" className="rounded-md bg-blue-600 px-4 py-2 text-white hover:bg-blue-700">
                Browse the catalog
              </Link>
              <Link
                to="/servers"
                className="rounded-md border border-slate-300 px-4 py-2 text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800"
              >
                My servers
              </Link>
            </div>
          </>
        )}
      </div>
    </PageFrame>
  );
}
