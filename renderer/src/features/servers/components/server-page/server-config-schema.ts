/**
 * The parts of a catalog entry's JSON Schema the configuration form draws: one field per property, by kind.
 * Validation is not done here (the form validates with the whole schema); this only decides which control
 * shows each value.
 */
export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  [keyword: string]: unknown;
};

export type ConfigFieldKind = 'string' | 'secret-like' | 'number' | 'integer' | 'boolean' | 'enum' | 'list' | 'object' | 'json';

export interface ConfigField {
  /** Dotted path of the value in the config (the same path the engine names in its problems). */
  path: string;
  key: string;
  label: string;
  kind: ConfigFieldKind;
  required: boolean;
  description?: string;
  defaultValue?: unknown;
  /** enum: the allowed values. */
  options?: unknown[];
  /** list: the kind of each item (one per line). */
  itemKind?: 'string' | 'number' | 'integer';
  /** object: its own fields. */
  fields?: ConfigField[];
}

export function asJsonSchema(value: unknown): JsonSchema | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}

/** The fields of an object schema, in the schema's order; an empty list when it has no properties. */
export function configFields(schema: JsonSchema, parent = ''): ConfigField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, property]) => fieldOf(key, property, parent ? `${parent}.${key}` : key, required.has(key)));
}

function fieldOf(key: string, schema: JsonSchema, path: string, required: boolean): ConfigField {
  const base = {
    path,
    key,
    label: schema.title ?? humanize(key),
    required,
    ...(schema.description ? { description: schema.description } : {}),
    ...(schema.default !== undefined ? { defaultValue: schema.default } : {}),
  };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return { ...base, kind: 'enum', options: schema.enum };
  const type = primaryType(schema);
  switch (type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      return { ...base, kind: type };
    case 'array': {
      const itemType = primaryType(schema.items ?? {});
      if (itemType === 'string' || itemType === 'number' || itemType === 'integer') return { ...base, kind: 'list', itemKind: itemType };
      return { ...base, kind: 'json' };
    }
    case 'object':
      return schema.properties ? { ...base, kind: 'object', fields: configFields(schema, path) } : { ...base, kind: 'json' };
    default:
      return { ...base, kind: 'json' };
  }
}

function primaryType(schema: JsonSchema): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type.find((candidate) => candidate !== 'null') : schema.type;
  if (type) return type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

/** `api_key` / `apiKey` / `api-key` -> "Api key". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The form's starting values: what the user set, and the schema's defaults for what they did not. */
export function initialConfigValues(fields: ConfigField[], config: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    const given = config[field.key];
    if (field.kind === 'object' && field.fields) {
      const nested = given !== null && typeof given === 'object' && !Array.isArray(given) ? (given as Record<string, unknown>) : {};
      const inner = initialConfigValues(field.fields, nested);
      if (given !== undefined || Object.keys(inner).length > 0) values[field.key] = { ...nested, ...inner };
    } else if (given !== undefined) values[field.key] = given;
    else if (field.defaultValue !== undefined) values[field.key] = field.defaultValue;
  }
  // Keys the schema does not know stay as they are (the engine decides about them).
  for (const [key, value] of Object.entries(config)) if (!(key in values)) values[key] = value;
  return values;
}

export type ConfigChange = { key: string; value: unknown } | { key: string; unset: true };

/**
 * What to send the engine: one change per top-level key whose value differs from where the form started
 * (config.set takes one key at a time); a key emptied by the user is unset when the config had it.
 */
export function configChanges(start: Record<string, unknown>, values: Record<string, unknown>, saved: Record<string, unknown>): ConfigChange[] {
  const changes: ConfigChange[] = [];
  for (const key of new Set([...Object.keys(start), ...Object.keys(values)])) {
    const value = pruneEmpty(values[key]);
    if (value === undefined) {
      if (saved[key] !== undefined) changes.push({ key, unset: true });
    } else if (stableJson(value) !== stableJson(pruneEmpty(start[key]))) {
      changes.push({ key, value });
    }
  }
  return changes;
}

/** Empty strings, empty lists and objects left with nothing in them mean "not set". */
export function pruneEmpty(value: unknown): unknown {
  if (value === '' || value === null || (typeof value === 'number' && Number.isNaN(value))) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(pruneEmpty).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => [key, pruneEmpty(inner)] as const)
      .filter(([, inner]) => inner !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
