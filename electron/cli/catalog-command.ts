import type { Command } from 'commander';
import { SwitchyardError } from '../../shared/errors.js';
import { resolveHome } from '../core/paths.js';
import { findEntry } from '../catalog/find-entry.js';
import { loadCatalogs, type Catalog, type CatalogRecord, type CatalogSource } from '../catalog/catalog-loader.js';
import { configSchemaOf, secretRequirements, serverNameForEntry, type CatalogEntry, type SecretRequirement } from '../catalog/catalog-schema.js';
import { inCategory, listCategories, searchCatalog } from '../catalog/catalog-search.js';
import { openEngineServices, type EngineServices } from '../app/engine-services.js';
import { registerCatalogSourceCommands } from './catalog-source-command.js';

export interface CatalogCommandOptions {
  /** The catalog sources to read; defaults to the bundled catalog. (Settings-defined sources plug in here.) */
  sources?: () => CatalogSource[];
  /** Switchyard's home (parsed-form and URL caches); defaults to resolveHome(). */
  home?: () => string;
  /** The stores the composition root built (the CLI builds them once); by default built for `home`. */
  services?: () => EngineServices;
  /** Standard output and error (tests capture them). */
  out?: (text: string) => void;
  err?: (text: string) => void;
}

/** `switchyard catalog ...`: browse the servers Switchyard can run. */
export function registerCatalogCommands(program: Command, options: CatalogCommandOptions = {}): void {
  const out = options.out ?? ((text: string) => void process.stdout.write(text));
  const err = options.err ?? ((text: string) => void process.stderr.write(text));
  const load = async (): Promise<Catalog> => {
    const catalog = await loadCatalogs(options.sources?.() ?? [{ kind: 'bundled' }], { home: (options.home ?? resolveHome)() });
    reportTrouble(catalog, err);
    return catalog;
  };

  const catalog = program.command('catalog').description('Browse the catalog of MCP servers');

  catalog
    .command('ls')
    .description('List catalog entries')
    .option('--category <category>', 'only entries of this category')
    .option('--json', 'machine-readable output')
    .action(async (opts: { category?: string; json?: boolean }) => {
      const loaded = await load();
      const records = [...loaded.entries.values()].filter((record) => inCategory(record.entry, opts.category)).sort((a, b) => compareNames(a.name, b.name));
      if (opts.json) return out(json(records.map(summary)));
      if (records.length === 0) {
        const categories = listCategories([...loaded.entries.values()].map((record) => [record.name, record.entry] as [string, CatalogEntry]));
        return out(
          opts.category
            ? `No entries in category "${opts.category}". Categories: ${categories.map((c) => c.category).join(', ')}\n`
            : 'The catalog is empty.\n',
        );
      }
      out(table(records.map((record) => [record.name, record.entry.type, record.entry.metadata?.category ?? '', record.entry.title ?? ''])));
      out(`${records.length} entr${records.length === 1 ? 'y' : 'ies'}. Details: switchyard catalog show NAME\n`);
    });

  catalog
    .command('show <name>')
    .description('Everything about one entry: image, tools, and the secrets and configuration it needs')
    .option('--json', 'machine-readable output')
    .action(async (name: string, opts: { json?: boolean }) => {
      const loaded = await load();
      const found = findEntry(loaded.entries, name);
      if (!found) {
        const suggestions = searchCatalog(
          [...loaded.entries.values()].map((record) => [record.name, record.entry] as [string, CatalogEntry]),
          name,
          { limit: 5 },
        ).map((hit) => hit.name);
        throw new SwitchyardError(
          'SERVER_NOT_FOUND',
          `No catalog entry named "${name}".`,
          suggestions.length > 0 ? `Did you mean: ${suggestions.join(', ')}?` : 'Search with: switchyard catalog search WORDS',
        );
      }
      const record = found[1];
      if (opts.json) return out(json(details(record)));
      out(describeEntry(record));
    });

  catalog
    .command('search <query...>')
    .description('Search names, titles, descriptions, tags and tool names')
    .option('--category <category>', 'only entries of this category')
    .option('--json', 'machine-readable output')
    .action(async (words: string[], opts: { category?: string; json?: boolean }) => {
      const loaded = await load();
      const query = words.join(' ');
      const hits = searchCatalog(
        [...loaded.entries.values()].map((record) => [record.name, record.entry] as [string, CatalogEntry]),
        query,
        opts.category ? { category: opts.category } : {},
      );
      if (opts.json) {
        return out(
          json(
            hits.map((hit) => ({
              ...summary(loaded.entries.get(hit.name) as CatalogRecord),
              matched: hit.matched,
              ...(hit.matchedValue ? { matchedValue: hit.matchedValue } : {}),
              score: hit.score,
            })),
          ),
        );
      }
      if (hits.length === 0) return out(`Nothing matches "${query}".\n`);
      out(table(hits.map((hit) => [hit.name, hit.entry.metadata?.category ?? '', hit.entry.title ?? '', matchLabel(hit.matched, hit.matchedValue)])));
    });

  const home = options.home ?? resolveHome;
  const services = options.services ?? (() => openEngineServices({ home: home() }));
  registerCatalogSourceCommands(catalog, { home, settings: () => services().settings, out, err });
}

function reportTrouble(catalog: Catalog, err: (text: string) => void): void {
  for (const source of catalog.sources) {
    if (source.error) err(`switchyard: catalog ${source.source}: ${source.error}\n`);
    else if (source.stale) err(`switchyard: catalog ${source.source} is a copy from ${source.stale.since.toISOString()} (${source.stale.reason})\n`);
  }
  for (const problem of catalog.problems) {
    err(
      `switchyard: ${problem.source}${problem.line !== undefined ? `:${problem.line}` : ''}: entry "${problem.entry ?? '?'}" skipped: ${problem.message.replace(/; entry skipped$/, '')}\n`,
    );
  }
}

function matchLabel(matched: string, value: string | undefined): string {
  switch (matched) {
    case 'tag':
      return `tag ${value ?? ''}`;
    case 'tool':
      return `tool ${value ?? ''}`;
    case 'name-prefix':
      return 'name';
    default:
      return matched;
  }
}

function summary(record: CatalogRecord) {
  const { entry } = record;
  return {
    name: record.name,
    type: entry.type,
    title: entry.title ?? record.name,
    category: entry.metadata?.category ?? null,
    tags: entry.metadata?.tags ?? [],
    description: entry.description ?? null,
    ...(entry.image ? { image: entry.image } : {}),
    ...(entry.remote ? { url: entry.remote.url } : {}),
    source: record.source,
  };
}

interface ConfigField {
  key: string;
  type?: string;
  required: boolean;
  description?: string;
  default?: unknown;
  enum?: unknown[];
}

/** The configuration keys an entry takes, flattened to dotted keys for nested objects. */
export function configFields(entry: CatalogEntry): { fields: ConfigField[]; oneOf: string[][] } {
  const schema = configSchemaOf(entry);
  const fields: ConfigField[] = [];
  const oneOf: string[][] = [];
  if (!schema) return { fields, oneOf };
  const walk = (properties: Record<string, Record<string, unknown>>, required: string[], prefix: string) => {
    for (const [key, property] of Object.entries(properties)) {
      const dotted = prefix ? `${prefix}.${key}` : key;
      if (property.type === 'object' && property.properties && typeof property.properties === 'object') {
        walk(property.properties as Record<string, Record<string, unknown>>, Array.isArray(property.required) ? (property.required as string[]) : [], dotted);
        continue;
      }
      const description = typeof property.description === 'string' ? property.description : typeof property.title === 'string' ? property.title : undefined;
      fields.push({
        key: dotted,
        ...(property.type !== undefined ? { type: String(property.type) } : {}),
        required: required.includes(key),
        ...(description ? { description } : {}),
        ...('default' in property ? { default: property.default } : {}),
        ...(Array.isArray(property.enum) ? { enum: property.enum as unknown[] } : {}),
      });
    }
  };
  walk(schema.properties, schema.required ?? [], '');
  const anyOf = (schema as { anyOf?: unknown }).anyOf;
  if (Array.isArray(anyOf)) {
    const branches = anyOf.flatMap((branch) =>
      branch && typeof branch === 'object' && Array.isArray((branch as { required?: unknown }).required) ? [(branch as { required: string[] }).required] : [],
    );
    if (branches.length > 0) oneOf.push(...branches);
  }
  return { fields, oneOf };
}

function details(record: CatalogRecord) {
  const server = serverNameForEntry(record.name);
  const secrets = secretRequirements(server, record.entry);
  const { fields, oneOf } = configFields(record.entry);
  return {
    serverName: server,
    ...summary(record),
    needs: {
      secrets: secrets.map((secret) => ({ ...secret, fix: `switchyard secret set ${secret.key}` })),
      config: fields.map((field) => ({ ...field, fix: `switchyard config set ${server} ${field.key} <value>` })),
      ...(oneOf.length > 0 ? { configOneOf: oneOf } : {}),
      network: networkNeed(record.entry),
    },
    entry: record.entry,
  };
}

function networkNeed(entry: CatalogEntry): string {
  if (entry.type === 'remote') return 'remote server (reached over the network)';
  if (entry.disableNetwork) return 'none (the entry disables network)';
  if (entry.allowHosts && entry.allowHosts.length > 0) return `on, for ${entry.allowHosts.join(', ')}`;
  return 'off by default (the entry declares no hosts)';
}

function describeEntry(record: CatalogRecord): string {
  const { entry, name } = record;
  const lines: string[] = [];
  lines.push(`${entry.title ?? name}  (${name})`);
  if (entry.description) lines.push('', wrap(entry.description.trim(), 2));
  lines.push('');
  const facts: Array<[string, string | undefined]> = [
    [
      'Type',
      entry.type === 'server'
        ? 'server (Docker image)'
        : entry.type === 'remote'
          ? `remote (${entry.remote?.transport_type ?? ''}), no container${entry.oauth?.providers.length && !entry.remote?.headers ? ' - signs in with OAuth in the browser (switchyard server auth NAME)' : ''}`
          : `${entry.type} - not supported yet`,
    ],
    ['Image', entry.image],
    ['URL', entry.remote?.url],
    ['Category', entry.metadata?.category ?? undefined],
    ['Tags', entry.metadata?.tags?.join(', ')],
    ['License', entry.metadata?.license ?? undefined],
    ['Source', entry.source ?? undefined],
    ['Readme', entry.readme && entry.readme !== entry.source ? entry.readme : undefined],
    ['Network', networkNeed(entry)],
    ['Catalog', record.source],
  ];
  for (const [label, value] of facts) if (value) lines.push(`  ${`${label}:`.padEnd(10)} ${value}`);

  const server = serverNameForEntry(name);
  const secrets = secretRequirements(server, entry);
  const { fields, oneOf } = configFields(entry);
  lines.push('', 'Needs:');
  if (secrets.length === 0 && fields.length === 0) lines.push('  nothing: no secrets, no configuration');
  for (const secret of secrets) lines.push(...secretLines(secret));
  for (const field of fields) {
    const extras = [
      field.type,
      field.required ? 'required' : 'optional',
      field.enum ? `one of ${field.enum.map((value) => JSON.stringify(value)).join('|')}` : undefined,
      field.default !== undefined ? `default ${JSON.stringify(field.default)}` : undefined,
    ].filter(Boolean);
    lines.push(`  config ${field.key} (${extras.join(', ')})${field.description ? `: ${oneLine(field.description)}` : ''}`);
    lines.push(`      switchyard config set ${server} ${field.key} <value>`);
  }
  if (oneOf.length > 0) lines.push(`  config: at least one of ${oneOf.map((branch) => branch.join(' + ')).join(' or ')}`);

  if ((entry.volumes ?? []).length > 0) {
    lines.push('', 'Mounts (host paths only from your configuration, read-only unless marked rw):');
    for (const volume of entry.volumes ?? []) lines.push(`  ${volume}`);
  }
  if ((entry.command ?? []).length > 0) lines.push('', `Command: ${(entry.command ?? []).join(' ')}`);
  if ((entry.env ?? []).length > 0) {
    lines.push('', 'Environment:');
    for (const variable of entry.env ?? []) lines.push(`  ${variable.name}=${variable.value ?? ''}`);
  }

  const tools = entry.tools ?? [];
  lines.push('');
  if (tools.length > 0) {
    lines.push(`Tools (${tools.length}):`);
    for (const tool of tools) {
      const args = (tool.arguments ?? []).map((arg) => `${arg.name}${arg.optional ? '?' : ''}`).join(', ');
      lines.push(`  ${tool.name}(${args})${tool.description ? `  ${truncate(oneLine(tool.description), 100)}` : ''}`);
    }
  } else {
    lines.push(entry.dynamicTools ? 'Tools: listed by the server when it runs.' : 'Tools: not listed in the catalog; known after the first run.');
  }
  return lines.join('\n') + '\n';
}

function secretLines(secret: SecretRequirement): string[] {
  const about = secret.description
    ? oneLine(secret.description)
    : secret.oauthProvider
      ? `${secret.oauthProvider} token`
      : secret.example
        ? `e.g. ${secret.example}`
        : '';
  const flags = secret.required ? '' : ' (optional)';
  return [`  secret ${secret.key}${flags} -> env ${secret.env}${about ? `: ${about}` : ''}`, `      switchyard secret set ${secret.key}`];
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, index) => (widths[index] = Math.min(Math.max(widths[index] ?? 0, cell.length), 40)));
  return (
    rows
      .map((row) =>
        row
          .map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

function compareNames(a: string, b: string): number {
  return a.toLowerCase().localeCompare(b.toLowerCase());
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function wrap(text: string, indent: number, width = 100): string {
  const pad = ' '.repeat(indent);
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const words = oneLine(paragraph).split(' ');
      const lines: string[] = [];
      let line = '';
      for (const word of words) {
        if (line && line.length + word.length + 1 > width - indent) {
          lines.push(pad + line);
          line = word;
        } else line = line ? `${line} ${word}` : word;
      }
      if (line) lines.push(pad + line);
      return lines.join('\n');
    })
    .join('\n\n');
}
