import type { Command } from 'commander';
import { loadCatalogs } from '../catalog/catalog-loader.js';
import { checkCatalogSource, parseCatalogSource, sourceLabel, withSourceAdded, withSourceRemoved } from '../catalog/catalog-sources.js';
import { catalogSources, urlCatalogSources } from '../catalog/settings-catalog.js';
import type { SettingsStore } from '../settings/settings-store.js';

export interface CatalogSourceCommandOptions {
  home: () => string;
  /** The settings store the composition root built (catalog sources live in settings.json). */
  settings: () => SettingsStore;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** `switchyard catalog add|rm|sources|refresh`: the catalogs beside the bundled one (kept in settings.json). */
export function registerCatalogSourceCommands(catalog: Command, options: CatalogSourceCommandOptions): void {
  const { out, err } = options;
  const store = options.settings;

  catalog
    .command('add <file-or-url>')
    .description('Add a catalog (a YAML file in Docker’s catalog format, or an http(s) URL serving one); its entries join the bundled ones')
    .action(async (spec: string) => {
      const source = parseCatalogSource(spec);
      // Checked before it is saved: a typo or an unreachable URL never lands in the settings.
      const status = await checkCatalogSource(source, options.home());
      store().update((settings) => withSourceAdded(settings, source));
      out(
        `Catalog ${sourceLabel(source)} added: ${status.entries} entr${status.entries === 1 ? 'y' : 'ies'}${status.problems > 0 ? `, ${status.problems} skipped (see switchyard catalog ls)` : ''}.\n`,
      );
    });

  catalog
    .command('rm <file-or-url>')
    .description('Remove a catalog you added (servers already enabled from it keep their settings)')
    .action((spec: string) => {
      const source = parseCatalogSource(spec);
      store().update((settings) => withSourceRemoved(settings, source));
      out(`Catalog ${sourceLabel(source)} removed.\n`);
    });

  catalog
    .command('sources')
    .description('List the catalogs in use, with their entry counts and freshness')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const loaded = await loadCatalogs(catalogSources(store().load().settings), { home: options.home(), mode: 'cache' });
      if (opts.json) return out(JSON.stringify(loaded.sources, null, 2) + '\n');
      for (const source of loaded.sources)
        out(`${source.kind.padEnd(8)} ${String(source.entries).padStart(5)} entries  ${source.source}${sourceNote(source)}\n`);
    });

  catalog
    .command('refresh')
    .description('Fetch every URL catalog now (a failed fetch keeps the last copy and says so)')
    .action(async () => {
      const urls = urlCatalogSources(store().load().settings);
      if (urls.length === 0) return out('No URL catalogs to refresh (files and the bundled catalog are read as they are).\n');
      const loaded = await loadCatalogs(urls, { home: options.home() });
      let failed = 0;
      for (const source of loaded.sources) {
        if (source.error || source.stale) {
          failed++;
          err(`switchyard: ${source.source}: ${source.error ?? `kept the copy from ${source.stale!.since.toISOString()} (${source.stale!.reason})`}\n`);
        } else out(`${source.source}: ${source.entries} entries, fetched now.\n`);
      }
      if (failed > 0) process.exitCode = 1;
    });
}

function sourceNote(source: { error?: string; stale?: { since: Date; reason: string }; fetchedAt?: Date }): string {
  if (source.error) return `  (unavailable: ${source.error})`;
  if (source.fetchedAt) return `  (copy from ${source.fetchedAt.toISOString()})`;
  return '';
}
