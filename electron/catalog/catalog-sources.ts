import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { SwitchyardError } from '../../shared/errors.js';
import type { Settings } from '../settings/settings-schema.js';
import { loadCatalogFile, loadUrlCatalog, type SourceStatus } from './catalog-loader.js';

export type CatalogSourceSetting = Settings['catalogs'][number];

/**
 * The extra catalogs a user adds beside the bundled one: a file path or an http(s) URL, kept in settings.json
 * (`catalogs`). Adding checks the source first, so a typo never lands in the settings; a URL is fetched once
 * so its copy is cached for offline starts.
 */
export function parseCatalogSource(spec: string, cwd: string = process.cwd()): CatalogSourceSetting {
  const text = spec.trim();
  if (text === '') throw new SwitchyardError('INVALID_INPUT', 'Give a catalog file path or an http(s) URL.');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new SwitchyardError('INVALID_INPUT', `"${text}" is not a valid URL.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new SwitchyardError('INVALID_INPUT', `Catalog URLs must be http(s); "${text}" uses ${url.protocol}`, 'For a file on this machine, give its path instead.');
    }
    if (url.username || url.password) {
      throw new SwitchyardError('INVALID_INPUT', 'A catalog URL must not carry a user name or password (they would be stored in plain text in settings.json).');
    }
    return { kind: 'url', url: url.toString() };
  }
  return { kind: 'file', path: path.resolve(cwd, text) };
}

/** Same source (URLs compared normalized, files by absolute path). */
export function sameSource(a: CatalogSourceSetting, b: CatalogSourceSetting): boolean {
  if (a.kind === 'url' && b.kind === 'url') return a.url === b.url;
  if (a.kind === 'file' && b.kind === 'file') return path.resolve(a.path) === path.resolve(b.path);
  return false;
}

export function sourceLabel(source: CatalogSourceSetting): string {
  return source.kind === 'url' ? source.url : source.path;
}

/** Loads a source once, now: a file must parse; a URL must answer with a catalog (its copy is then cached). */
export async function checkCatalogSource(source: CatalogSourceSetting, home: string): Promise<SourceStatus & { problems: number }> {
  if (source.kind === 'file') {
    if (!existsSync(source.path)) throw new SwitchyardError('INVALID_INPUT', `No catalog file at ${source.path}.`, 'Check the path; relative paths are taken from the current folder.');
    if (!statSync(source.path).isFile()) throw new SwitchyardError('INVALID_INPUT', `${source.path} is a folder, not a catalog file.`);
    const parsed = loadCatalogFile(source.path, { home });
    return { source: source.path, kind: 'file', entries: parsed.entries.size, problems: parsed.problems.length };
  }
  const result = await loadUrlCatalog(source.url, { home });
  if (!result.catalog || result.stale) {
    const reason = result.stale?.reason ?? result.error ?? 'no catalog';
    throw new SwitchyardError('INVALID_INPUT', `Could not load the catalog at ${source.url}: ${reason}.`, 'Check the URL (it must serve a catalog YAML file) and your network, then try again.');
  }
  return { source: source.url, kind: 'url', entries: result.catalog.entries.size, fetchedAt: result.fetchedAt ?? new Date(), problems: result.catalog.problems.length };
}

/** Adds a checked source to the settings; refuses a duplicate. */
export function withSourceAdded(settings: Settings, source: CatalogSourceSetting): void {
  if (settings.catalogs.some((existing) => sameSource(existing, source))) {
    throw new SwitchyardError('INVALID_INPUT', `${sourceLabel(source)} is already one of your catalogs.`, 'Refresh it with: switchyard catalog refresh');
  }
  settings.catalogs.push(source);
}

/** Removes a source; an unknown one is an error that lists what there is. */
export function withSourceRemoved(settings: Settings, source: CatalogSourceSetting): void {
  const index = settings.catalogs.findIndex((existing) => sameSource(existing, source));
  if (index < 0) {
    const known = settings.catalogs.map(sourceLabel);
    throw new SwitchyardError(
      'INVALID_INPUT',
      `${sourceLabel(source)} is not one of your catalogs.`,
      known.length > 0 ? `Your catalogs: ${known.join(', ')} (the bundled catalog cannot be removed).` : 'You have no extra catalogs; the bundled catalog cannot be removed.',
    );
  }
  settings.catalogs.splice(index, 1);
}
