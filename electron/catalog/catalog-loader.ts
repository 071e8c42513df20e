import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Pair } from 'yaml';
import { SwitchyardError } from '../../shared/errors.js';
import { bundledResource } from '../core/bundled-files.js';
import { yamlErrorPosition } from './yaml-error-position.js';
import { CatalogEntrySchema, catalogNamePattern, describeIssues, type CatalogEntry } from './catalog-schema.js';

/**
 * Catalog sources: the bundled default (Docker's catalog, shipped in catalog/), extra catalog files, catalogs
 * at a URL (cached, the last good copy kept when the URL is unreachable), and the user's own entries. Every
 * source parses with a real YAML library, and every entry is validated on its own: a bad entry is reported by
 * name with the reason and skipped, never fatal. Only a file that is not a catalog at all is an error, and
 * that error names the file and the line.
 */

export interface CatalogProblem {
  /** Where the entry came from: a file path, a URL, "bundled catalog", "user entries". */
  source: string;
  /** The entry's name, when the problem is about one entry. */
  entry?: string;
  /** 1-based line in the source text, when known. */
  line?: number;
  message: string;
}

export interface ParsedCatalog {
  source: string;
  name?: string;
  displayName?: string;
  entries: Map<string, CatalogEntry>;
  /** Entries that were skipped (and why); the rest of the catalog is usable. */
  problems: CatalogProblem[];
  /** Milliseconds spent turning the text into validated entries. */
  loadMs: number;
  /** True when the YAML parse was skipped thanks to the parsed-form cache. */
  fromCache: boolean;
}

/** A source that is not a catalog at all (not YAML, or no `registry:` mapping). */
export class CatalogFileError extends SwitchyardError {
  constructor(
    readonly source: string,
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(
      'INVALID_INPUT',
      `${source}${line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ''}` : ''}: not a usable catalog: ${reason}`,
      'A catalog is a YAML file with a `registry:` mapping of server names to entries (Docker MCP catalog format).',
    );
  }
}

export interface ParseOptions {
  /** Folder for the parsed-form cache (skips the YAML parse when the text is unchanged). */
  cacheDir?: string;
}

/** Parse and validate a catalog's text. Throws CatalogFileError only when the text is not a catalog at all. */
export function parseCatalogText(text: string, source: string, options: ParseOptions = {}): ParsedCatalog {
  const started = performance.now();
  const cached = options.cacheDir ? readParsedCache(options.cacheDir, source, text) : undefined;
  const raw = cached ?? parseYamlCatalog(text, source);
  if (options.cacheDir && !cached) writeParsedCache(options.cacheDir, source, text, raw);
  const { entries, problems } = validateEntries(raw.registry, source, raw.lines);
  return {
    source,
    ...(raw.name !== undefined ? { name: raw.name } : {}),
    ...(raw.displayName !== undefined ? { displayName: raw.displayName } : {}),
    entries,
    problems: [...raw.problems, ...problems],
    loadMs: performance.now() - started,
    fromCache: cached !== undefined,
  };
}

/** The registry as plain data, before validation: what the parsed-form cache stores. */
interface RawCatalog {
  name?: string;
  displayName?: string;
  /** Entry name -> plain value, in file order; duplicates already removed (and reported). */
  registry: Array<[string, unknown]>;
  /** Entry name -> line of its key. */
  lines: Record<string, number>;
  problems: CatalogProblem[];
}

function parseYamlCatalog(text: string, source: string): RawCatalog {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;

  // Duplicate keys are the one YAML error we survive: they make one entry ambiguous, not the file unreadable.
  const fatal = doc.errors.find((error) => error.code !== 'DUPLICATE_KEY');
  if (fatal) {
    const at = yamlErrorPosition(text, fatal);
    const reason = (fatal.message.split('\n')[0] ?? fatal.message).replace(/ at line \d+, column \d+:?$/, '');
    throw new CatalogFileError(source, `invalid YAML: ${reason}`, at.line, at.column);
  }
  const top: unknown = doc.contents;
  if (!isMap(top)) throw new CatalogFileError(source, 'the top level is not a mapping');
  const registry = top.get('registry', true);
  if (!isMap(registry)) {
    const line = registry && typeof registry === 'object' && 'range' in registry && Array.isArray(registry.range) ? lineOf(registry.range[0] as number) : undefined;
    throw new CatalogFileError(source, registry === undefined ? 'no `registry:` mapping' : '`registry:` is not a mapping of server names to entries', line);
  }

  const problems: CatalogProblem[] = [];
  const duplicateKeyLines = doc.errors.filter((error) => error.code === 'DUPLICATE_KEY').map((error) => ({ offset: error.pos[0], line: lineOf(error.pos[0]) }));
  const entries: Array<[string, unknown]> = [];
  const lines: Record<string, number> = {};
  for (const pair of registry.items as Array<Pair<unknown, unknown>>) {
    const keyNode = pair.key;
    const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const keyStart = isScalar(keyNode) && keyNode.range ? keyNode.range[0] : undefined;
    const line = keyStart !== undefined ? lineOf(keyStart) : undefined;
    if (lines[name] !== undefined) {
      problems.push({ source, entry: name, ...(line !== undefined ? { line } : {}), message: `defined twice (first at line ${lines[name]}); this second definition is skipped` });
      continue;
    }
    if (line !== undefined) lines[name] = line;
    const valueNode = pair.value as { range?: [number, number, number]; toJS?: (doc: Document) => unknown } | null;
    const range = valueNode?.range;
    const inside = range ? duplicateKeyLines.find((dup) => dup.offset >= range[0] && dup.offset < range[2]) : undefined;
    if (inside) {
      problems.push({ source, entry: name, line: inside.line, message: `a key appears twice inside the entry (line ${inside.line}); entry skipped` });
      entries.push([name, undefined]);
      continue;
    }
    entries.push([name, valueNode && typeof valueNode.toJS === 'function' ? valueNode.toJS(doc) : valueNode]);
  }
  const name = top.get('name');
  const displayName = top.get('displayName');
  return {
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof displayName === 'string' ? { displayName } : {}),
    registry: entries,
    lines,
    problems,
  };
}

/** Validate entries one by one; `undefined` values stand for entries already reported. */
export function validateEntries(
  registry: Iterable<[string, unknown]>,
  source: string,
  lines: Record<string, number> = {},
): { entries: Map<string, CatalogEntry>; problems: CatalogProblem[] } {
  const entries = new Map<string, CatalogEntry>();
  const problems: CatalogProblem[] = [];
  for (const [name, value] of registry) {
    if (value === undefined) continue;
    const line = lines[name];
    const report = (message: string) => problems.push({ source, entry: name, ...(line !== undefined ? { line } : {}), message });
    if (!catalogNamePattern.test(name)) {
      report(`"${name}" is not a usable server name (1-63 characters of letters, digits, "_", "." or "-", starting with a letter or digit); entry skipped`);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      report('the entry is not a mapping of fields; entry skipped');
      continue;
    }
    const parsed = CatalogEntrySchema.safeParse(value);
    if (!parsed.success) {
      report(`${describeIssues(parsed.error)}; entry skipped`);
      continue;
    }
    entries.set(name, parsed.data);
  }
  return { entries, problems };
}

// ---------------------------------------------------------------------------------------------------------
// Parsed-form cache: the bundled file takes a few hundred ms to parse as YAML, a few ms to read as JSON.

const parsedCacheFormat = 1;

interface ParsedCacheFile extends RawCatalog {
  format: number;
  textHash: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function parsedCachePath(cacheDir: string, source: string): string {
  return path.join(cacheDir, `parsed-${sha256(source).slice(0, 16)}.json`);
}

function readParsedCache(cacheDir: string, source: string, text: string): RawCatalog | undefined {
  try {
    const cached = JSON.parse(readFileSync(parsedCachePath(cacheDir, source), 'utf8')) as Partial<ParsedCacheFile>;
    if (cached.format !== parsedCacheFormat || cached.textHash !== sha256(text) || !Array.isArray(cached.registry)) return undefined;
    return { ...cached, registry: cached.registry, lines: cached.lines ?? {}, problems: cached.problems ?? [] };
  } catch {
    return undefined; // no cache, or an unreadable one: parse the YAML
  }
}

function writeParsedCache(cacheDir: string, source: string, text: string, raw: RawCatalog): void {
  const file: ParsedCacheFile = { format: parsedCacheFormat, textHash: sha256(text), ...raw };
  try {
    writeAtomically(parsedCachePath(cacheDir, source), JSON.stringify(file));
  } catch {
    // the cache is an optimisation; a read-only home only costs parse time
  }
}

function writeAtomically(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  renameSync(temporary, file);
}

/** `<home>/cache/catalogs`: cached URL catalogs and parsed forms. */
export function catalogCacheDir(home: string): string {
  return path.join(home, 'cache', 'catalogs');
}

// ---------------------------------------------------------------------------------------------------------
// Sources

export const bundledCatalogSource = 'bundled catalog';

export function bundledCatalogPath(root?: string): string {
  const file = path.join('catalog', 'docker-mcp-catalog.yaml');
  return root === undefined ? bundledResource(file) : path.join(root, file);
}

export interface LoadOptions {
  /** Switchyard's home folder: enables the parsed-form cache under `<home>/cache/catalogs`. */
  home?: string;
  /** Project root (tests); defaults to the package root. */
  root?: string;
}

/** Docker's catalog as shipped with Switchyard: the offline default. */
export function loadBundledCatalog(options: LoadOptions = {}): ParsedCatalog {
  const file = bundledCatalogPath(options.root);
  const text = readCatalogFile(file);
  const catalog = parseCatalogText(text, file, options.home ? { cacheDir: catalogCacheDir(options.home) } : {});
  return { ...catalog, source: bundledCatalogSource };
}

/** An extra catalog file. */
export function loadCatalogFile(file: string, options: LoadOptions = {}): ParsedCatalog {
  const absolute = path.resolve(file);
  return parseCatalogText(readCatalogFile(absolute), absolute, options.home ? { cacheDir: catalogCacheDir(options.home) } : {});
}

function readCatalogFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CatalogFileError(file, code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`);
  }
}

/** The user's own entries (from settings), validated like any catalog's. */
export function userEntriesCatalog(entries: Record<string, unknown>, source = 'user entries'): ParsedCatalog {
  const started = performance.now();
  const { entries: valid, problems } = validateEntries(Object.entries(entries), source);
  return { source, entries: valid, problems, loadMs: performance.now() - started, fromCache: false };
}

export interface UrlCatalogResult {
  url: string;
  /** The catalog: fresh, or the last good copy when the URL could not be used. Absent only with no copy at all. */
  catalog?: ParsedCatalog;
  /** When the copy in `catalog` was fetched. */
  fetchedAt?: Date;
  /** Set when the URL could not be used and an older copy stands in. */
  stale?: { since: Date; reason: string };
  /** Set when there is nothing to show: the URL failed and no copy was cached. */
  error?: string;
}

export interface UrlLoadOptions {
  home: string;
  timeoutMs?: number;
  /** 'cache' answers from the cached copy only (fast start-up; refresh later in the background). */
  mode?: 'network' | 'cache';
  /** Largest catalog accepted, in bytes. */
  maxBytes?: number;
  fetch?: typeof globalThis.fetch;
}

export function urlCachePath(home: string, url: string): string {
  return path.join(catalogCacheDir(home), `${sha256(url).slice(0, 32)}.yaml`);
}

/**
 * A catalog at a URL: fetched with a timeout; a good copy (one that parses as a catalog) replaces the cached
 * one. When the URL is unreachable, answers with an error status, or serves something that is not a catalog,
 * the last good copy is used and the result says it is stale, since when, and why.
 */
export async function loadUrlCatalog(url: string, options: UrlLoadOptions): Promise<UrlCatalogResult> {
  const cacheFile = urlCachePath(options.home, url);
  const parseOptions = { cacheDir: catalogCacheDir(options.home) };
  const fromCache = (reason?: string): UrlCatalogResult => {
    let text: string;
    let fetchedAt: Date;
    try {
      text = readFileSync(cacheFile, 'utf8');
      fetchedAt = statSync(cacheFile).mtime;
    } catch {
      return { url, error: reason ? `${reason}; no cached copy` : 'no cached copy yet' };
    }
    try {
      const catalog = parseCatalogText(text, url, parseOptions);
      return { url, catalog, fetchedAt, ...(reason ? { stale: { since: fetchedAt, reason } } : {}) };
    } catch (error) {
      return { url, error: `${reason ? `${reason}; ` : ''}the cached copy is unusable: ${(error as Error).message}` };
    }
  };
  if (options.mode === 'cache') return fromCache();

  let text: string;
  try {
    text = await fetchText(url, options);
  } catch (error) {
    return fromCache(`${url} is unreachable: ${(error as Error).message}`);
  }
  let catalog: ParsedCatalog;
  try {
    catalog = parseCatalogText(text, url, parseOptions);
  } catch (error) {
    return fromCache(`${url} did not serve a usable catalog: ${(error as Error).message}`);
  }
  try {
    writeAtomically(cacheFile, text);
  } catch {
    // still usable this time; the next offline start just has no copy
  }
  return { url, catalog, fetchedAt: new Date() };
}

async function fetchText(url: string, options: UrlLoadOptions): Promise<string> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`unsupported protocol ${parsed.protocol}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const doFetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow', headers: { accept: 'application/yaml, text/yaml, text/plain, */*' } });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') throw new Error(`no answer within ${timeoutMs} ms`, { cause: error });
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(cause?.code ?? cause?.message ?? (error as Error).message, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`the catalog is larger than ${maxBytes} bytes`);
  }
  const buffer = Buffer.from(await response.arrayBuffer());
  if (buffer.length > maxBytes) throw new Error(`the catalog is larger than ${maxBytes} bytes`);
  return buffer.toString('utf8');
}

// ---------------------------------------------------------------------------------------------------------
// All sources together

export type CatalogSource =
  | { kind: 'bundled' }
  | { kind: 'file'; path: string }
  | { kind: 'url'; url: string }
  | { kind: 'user'; entries: Record<string, unknown>; label?: string };

export interface SourceStatus {
  source: string;
  kind: CatalogSource['kind'];
  entries: number;
  loadMs?: number;
  fromCache?: boolean;
  fetchedAt?: Date;
  stale?: { since: Date; reason: string };
  /** The source contributed nothing: why. */
  error?: string;
}

export interface CatalogRecord {
  name: string;
  entry: CatalogEntry;
  source: string;
}

export interface Catalog {
  entries: Map<string, CatalogRecord>;
  sources: SourceStatus[];
  problems: CatalogProblem[];
  /** Entries a later source replaced: "name" from `source` replaced the one from `replaced`. */
  overrides: Array<{ name: string; source: string; replaced: string }>;
}

/**
 * Load every source, in order; a later source's entry replaces an earlier one of the same name (so the
 * user's own entries, listed last, win). A source that fails is reported in `sources`, never fatal.
 */
export async function loadCatalogs(sources: CatalogSource[], options: LoadOptions & Partial<UrlLoadOptions> = {}): Promise<Catalog> {
  const catalog: Catalog = { entries: new Map(), sources: [], problems: [], overrides: [] };
  for (const source of sources) {
    let parsed: ParsedCatalog | undefined;
    let status: SourceStatus;
    try {
      switch (source.kind) {
        case 'bundled':
          parsed = loadBundledCatalog(options);
          status = { source: parsed.source, kind: source.kind, entries: parsed.entries.size, loadMs: parsed.loadMs, fromCache: parsed.fromCache };
          break;
        case 'file':
          parsed = loadCatalogFile(source.path, options);
          status = { source: parsed.source, kind: source.kind, entries: parsed.entries.size, loadMs: parsed.loadMs, fromCache: parsed.fromCache };
          break;
        case 'url': {
          if (!options.home) throw new Error('URL catalogs need a home folder for their cache');
          const result = await loadUrlCatalog(source.url, { ...options, home: options.home });
          parsed = result.catalog;
          status = {
            source: source.url,
            kind: source.kind,
            entries: parsed?.entries.size ?? 0,
            ...(result.fetchedAt ? { fetchedAt: result.fetchedAt } : {}),
            ...(result.stale ? { stale: result.stale } : {}),
            ...(result.error ? { error: result.error } : {}),
          };
          break;
        }
        case 'user':
          parsed = userEntriesCatalog(source.entries, source.label);
          status = { source: parsed.source, kind: source.kind, entries: parsed.entries.size };
          break;
      }
    } catch (error) {
      const label = source.kind === 'file' ? path.resolve(source.path) : source.kind === 'url' ? source.url : source.kind === 'bundled' ? bundledCatalogSource : (source.label ?? 'user entries');
      status = { source: label, kind: source.kind, entries: 0, error: error instanceof Error ? error.message : String(error) };
    }
    catalog.sources.push(status);
    if (!parsed) continue;
    catalog.problems.push(...parsed.problems);
    for (const [name, entry] of parsed.entries) {
      const previous = catalog.entries.get(name);
      if (previous) catalog.overrides.push({ name, source: parsed.source, replaced: previous.source });
      catalog.entries.set(name, { name, entry, source: parsed.source });
    }
  }
  return catalog;
}
