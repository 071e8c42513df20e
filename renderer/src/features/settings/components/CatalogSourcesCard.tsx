import { Plus, RefreshCw, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { CatalogSourceStatus } from '../../../../../shared/catalog-types.js';
import { Badge } from '../../../ui/badge.js';
import { Button } from '../../../ui/button.js';
import { Field, inputClass } from '../../../ui/field.js';
import { SectionCard } from '../../../ui/section-card.js';
import { describeError, ErrorState, LoadingState } from '../../../ui/states.js';
import { notify } from '../../../ui/toast.js';
import { useCatalogSourceChange, useCatalogSources } from '../hooks/use-catalog-sources.js';

const kindLabels: Record<CatalogSourceStatus['kind'], string> = { bundled: 'Bundled', file: 'File', url: 'URL', user: 'Your entries' };

/** The catalogs the window browses: the bundled one, files and URLs you added (last fetched, stale), add / remove / refresh. */
export function CatalogSourcesCard() {
  const sources = useCatalogSources();
  const change = useCatalogSourceChange();
  const [source, setSource] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  const add = (event: FormEvent) => {
    event.preventDefault();
    const wanted = source.trim();
    if (!wanted) return setProblem('Give a catalog file path or an http(s) URL.');
    change.mutate(
      { action: 'add', source: wanted },
      {
        onSuccess: () => {
          setSource('');
          setProblem(undefined);
          notify.success(`Catalog added: ${wanted}`);
        },
        // The text stays in the field, with the engine's reason under it.
        onError: (error) => setProblem([describeError(error).message, describeError(error).hint].filter(Boolean).join(' ')),
      },
    );
  };
  const remove = (name: string) => change.mutate({ action: 'remove', source: name }, { onError: (error) => notify.error(`Could not remove ${name}`, error) });
  const refresh = () =>
    change.mutate(
      { action: 'refresh' },
      { onSuccess: () => notify.success('Catalogs refreshed.'), onError: (error) => notify.error('Could not refresh', error) },
    );

  return (
    <SectionCard
      title="Catalog sources"
      description="Where the Catalog page’s entries come from. Later sources win when two name the same server."
      actions={
        <Button size="sm" onClick={refresh} disabled={change.isPending}>
          <RefreshCw className="h-4 w-4" aria-hidden />
          Refresh URL catalogs
        </Button>
      }
    >
      {sources.isPending ? (
        <LoadingState label="Reading the catalog sources…" />
      ) : sources.isError ? (
        <ErrorState title="Could not read the catalog sources" error={sources.error} />
      ) : (
        <ul
          aria-label="Catalog sources"
          className="mb-4 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800"
        >
          {sources.data.map((row) => (
            <li key={`${row.kind}:${row.source}`} aria-label={row.source} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
              <Badge tone={row.kind === 'bundled' ? 'neutral' : 'blue'}>{kindLabels[row.kind]}</Badge>
              <span className="min-w-0 flex-1 font-mono text-xs break-all">{row.source}</span>
              <span className="text-slate-600 dark:text-slate-400">{row.entries} entries</span>
              {row.fetchedAt && <span className="text-slate-600 dark:text-slate-400">fetched {new Date(row.fetchedAt).toLocaleString()}</span>}
              {row.stale && <Badge tone="amber">Stale: {row.stale}</Badge>}
              {row.error && <Badge tone="red">{row.error}</Badge>}
              {(row.kind === 'file' || row.kind === 'url') && (
                <Button size="icon" variant="ghost" aria-label={`Remove catalog ${row.source}`} onClick={() => remove(row.source)} disabled={change.isPending}>
                  <Trash2 className="h-4 w-4" aria-hidden />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form noValidate aria-label="Add a catalog" onSubmit={add} className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <Field label="Add a catalog (file path or URL)" error={problem}>
            <input
              type="text"
              spellCheck={false}
              value={source}
              onChange={(event) => {
                setSource(event.target.value);
                setProblem(undefined);
              }}
              placeholder="https://example.com/catalog.yaml"
              className={inputClass}
            />
          </Field>
        </div>
        <Button type="submit" variant="primary" disabled={change.isPending} className={problem ? 'mb-5' : undefined}>
          <Plus className="h-4 w-4" aria-hidden />
          Add catalog
        </Button>
      </form>
    </SectionCard>
  );
}
