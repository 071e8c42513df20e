/**
 * `{{server.key}}` templates of Docker's catalog format, as found in env values, command arguments, volumes
 * and `user`. A template is a dotted path into the server's configuration, followed by optional filters:
 *
 *   {{filesystem.paths|volume|into}}            each path p -> a mount of p at its container path, spliced in
 *   {{filesystem.paths|volume-target|into}}     each path p -> its container path, spliced into the arguments
 *   {{ast-grep.path|volume-target}}             one path -> its container path
 *   {{openapi-schema.SchemaPath|or:[]|volume|into}}  an empty value becomes the default (here: no items)
 *
 * Those four filters (volume, volume-target, into, or:<default>) are the ones the bundled catalog uses; any
 * other filter is refused with a message naming it, rather than silently producing a wrong command line.
 */

export const knownFilters = ['volume', 'volume-target', 'into', 'or:<default>'] as const;

/** A `src:target` pair produced by the `volume` filter; the source is a host path from the user's config. */
export class VolumeValue {
  constructor(
    readonly source: string,
    readonly target: string,
    /** The config field the path came from (for error messages). */
    readonly field: string,
  ) {}
}

export type TemplateValue = string | number | boolean | null | undefined | VolumeValue | TemplateValue[] | { [key: string]: unknown };

export type Filter = { name: 'volume' } | { name: 'volume-target' } | { name: 'into' } | { name: 'or'; fallback: string };

export interface Expression {
  /** The text as written, `{{a.b|volume}}`. */
  raw: string;
  /** Dotted path, trimmed: `a.b`. */
  path: string;
  filters: Filter[];
}

export type Part = { kind: 'text'; text: string } | { kind: 'expr'; expr: Expression };

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

const expressionPattern = /\{\{(.*?)\}\}/g;

/** Split a template into literal text and `{{ }}` expressions; throws TemplateError on an unknown filter. */
export function parseTemplate(template: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(expressionPattern)) {
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: template.slice(last, start) });
    parts.push({ kind: 'expr', expr: parseExpression(match[0], match[1] ?? '') });
    last = start + match[0].length;
  }
  if (last < template.length) parts.push({ kind: 'text', text: template.slice(last) });
  return parts;
}

function parseExpression(raw: string, inner: string): Expression {
  const [pathText = '', ...filterTexts] = inner.split('|');
  const path = pathText.trim();
  if (!path) throw new TemplateError(`${raw}: the template names no configuration key`);
  const filters = filterTexts.map((text): Filter => {
    const name = text.trim();
    if (name === 'volume' || name === 'volume-target' || name === 'into') return { name };
    if (name.startsWith('or:')) return { name: 'or', fallback: name.slice(3).trim() };
    throw new TemplateError(`${raw}: unknown template filter "${name}" (Switchyard understands ${knownFilters.join(', ')})`);
  });
  return { raw, path, filters };
}

/** Every configuration path a template reads (`a.b` for `{{a.b|volume}}`). */
export function templatePaths(template: string): string[] {
  return [...template.matchAll(expressionPattern)].map((match) => (match[1] ?? '').split('|')[0]?.trim() ?? '').filter(Boolean);
}

/**
 * The path a host folder gets inside the container: the same path for POSIX hosts, and `/c/Users/me` for a
 * Windows path `C:\Users\me` (a Linux container has no drive letters).
 */
export function containerPath(hostPath: string): string {
  const drive = /^([A-Za-z]):[\\/]?(.*)$/.exec(hostPath);
  if (!drive) return hostPath;
  const rest = (drive[2] ?? '').replace(/\\/g, '/').replace(/\/+$/, '');
  return `/${(drive[1] ?? '').toLowerCase()}${rest ? `/${rest}` : ''}`;
}

export function isEmptyValue(value: TemplateValue): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function applyFilter(value: TemplateValue, filter: Filter, path: string): TemplateValue {
  switch (filter.name) {
    case 'or':
      if (!isEmptyValue(value)) return value;
      if (filter.fallback.startsWith('[') && filter.fallback.endsWith(']')) {
        const inner = filter.fallback.slice(1, -1).trim();
        return inner ? inner.split(',').map((item) => item.trim()) : [];
      }
      return filter.fallback;
    case 'volume':
      return mapValue(value, (item) => (item === '' ? undefined : new VolumeValue(item, containerPath(item), path)), path, 'volume');
    case 'volume-target':
      return mapValue(value, (item) => (item === '' ? undefined : containerPath(item)), path, 'volume-target');
    case 'into':
      // A marker: the list is spliced into the surrounding list (see evaluateList).
      return value;
  }
}

function mapValue(value: TemplateValue, fn: (item: string) => TemplateValue, path: string, filter: string): TemplateValue {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((item) => mapValue(item, fn, path, filter)).filter((item) => item !== undefined);
  if (typeof value === 'string') return fn(value);
  if (typeof value === 'number' || typeof value === 'boolean') return fn(String(value));
  throw new TemplateError(`{{${path}|${filter}}}: the filter needs a path or a list of paths`);
}

/** Looks a dotted path up; returns undefined for keys that are not set. May throw TemplateError (unknown scope). */
export type Resolver = (path: string) => TemplateValue;

export interface Evaluated {
  value: TemplateValue;
  /** The expression's `into` filter was present: a list value is spliced into the surrounding list. */
  splice: boolean;
}

export function evaluateExpression(expr: Expression, resolve: Resolver): Evaluated {
  let value = resolve(expr.path);
  for (const filter of expr.filters) value = applyFilter(value, filter, expr.path);
  return { value, splice: expr.filters.some((filter) => filter.name === 'into') };
}

/** A value as text: lists joined with ",", a volume as `src:target`. */
export function valueText(value: TemplateValue): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof VolumeValue) return `${value.source}:${value.target}`;
  if (Array.isArray(value)) return value.map(valueText).join(',');
  return JSON.stringify(value);
}

/** A template in a text context (an env value, `user`): expressions replaced by their text. */
export function evaluateString(template: string, resolve: Resolver): string {
  return parseTemplate(template)
    .map((part) => (part.kind === 'text' ? part.text : valueText(evaluateExpression(part.expr, resolve).value)))
    .join('');
}

/**
 * One item of a list context (a command argument). A lone expression may produce several items (`|into`) or
 * none (an unset optional value); mixed text and expressions produce one string.
 */
export function evaluateListItem(template: string, resolve: Resolver): string[] {
  const parts = parseTemplate(template);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'expr') {
    const { value, splice } = evaluateExpression(only.expr, resolve);
    if (isEmptyValue(value)) return [];
    if (Array.isArray(value) && splice) return value.filter((item) => !isEmptyValue(item)).map(valueText);
    return [valueText(value)];
  }
  return [parts.map((part) => (part.kind === 'text' ? part.text : valueText(evaluateExpression(part.expr, resolve).value))).join('')];
}

/** Split a template on a separator that appears outside `{{ }}` (a volume's `src:target:mode`). */
export function splitOutsideTemplates(template: string, separator: string): string[] {
  const pieces: string[] = [''];
  let depth = 0;
  for (let index = 0; index < template.length; index++) {
    if (template.startsWith('{{', index)) {
      depth++;
      pieces[pieces.length - 1] += '{{';
      index++;
      continue;
    }
    if (depth > 0 && template.startsWith('}}', index)) {
      depth--;
      pieces[pieces.length - 1] += '}}';
      index++;
      continue;
    }
    const char = template[index] ?? '';
    if (depth === 0 && char === separator) pieces.push('');
    else pieces[pieces.length - 1] += char;
  }
  return pieces;
}
