import type { ApiHandlers } from '../../../shared/api.js';
import type { CatalogDetail, CatalogSummary } from '../../../shared/catalog-types.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { findEntry, type Catalog } from '../../catalog/catalog-loader.js';
import { configSchemaOf, secretRequirements, type CatalogEntry } from '../../catalog/catalog-schema.js';
import { inCategory, searchCatalog } from '../../catalog/catalog-search.js';

export function catalogHandlers(catalog: () => Promise<Catalog>): Pick<ApiHandlers, 'catalog.list' | 'catalog.search' | 'catalog.inspect'> {
  return {
    'catalog.list': async ({ category }) => {
      const loaded = await catalog();
      return [...loaded.entries.values()].filter((record) => inCategory(record.entry, category)).map((record) => summarize(record.name, record.entry));
    },
    'catalog.search': async ({ query, category }) => {
      const loaded = await catalog();
      const entries = [...loaded.entries.values()].map((record) => [record.name, record.entry] as [string, CatalogEntry]);
      return searchCatalog(entries, query, category ? { category } : {}).map((hit) => ({ ...summarize(hit.name, hit.entry), matchedOn: hit.matched }));
    },
    'catalog.inspect': async ({ name }) => {
      const found = findEntry((await catalog()).entries, name);
      if (!found) throw new SwitchyardError('SERVER_NOT_FOUND', `No catalog entry named "${name}".`, 'Search the catalog by name, tag or tool.');
      return detail(found[0], found[1].entry);
    },
  };
}

function summarize(name: string, entry: CatalogEntry): CatalogSummary {
  return {
    name,
    type: entry.type ?? 'server',
    tags: (entry.metadata?.tags as string[] | undefined) ?? [],
    toolCount: entry.tools?.length ?? 0,
    secretCount: entry.secrets?.length ?? 0,
    hasConfig: (entry.config?.length ?? 0) > 0,
    ...(entry.title ? { title: entry.title } : {}),
    ...(entry.description ? { description: entry.description } : {}),
    ...(entry.metadata?.category ? { category: String(entry.metadata.category) } : {}),
    ...(entry.image ? { image: entry.image } : {}),
  };
}

function detail(name: string, entry: CatalogEntry): CatalogDetail {
  return {
    ...summarize(name, entry),
    tools: (entry.tools ?? []).map((tool) => ({ name: tool.name, ...(tool.description ? { description: tool.description } : {}) })),
    secrets: secretRequirements(name, entry).map((secret) => ({ key: secret.key, env: secret.env, required: secret.required, ...(secret.description ? { description: secret.description } : {}) })),
    ...(configSchemaOf(entry) ? { configSchema: configSchemaOf(entry) } : {}),
    ...(entry.readme ? { readme: entry.readme } : {}),
    ...(entry.source ? { source: String(entry.source) } : {}),
  };
}
