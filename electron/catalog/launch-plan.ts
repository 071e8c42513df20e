import os from 'node:os';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ConfigSchemaCompiler } from './config-schema-compiler.js';
import type { ResourceLimits, ServerDefinition } from '../runtime/server-definition.js';
import { checkRemoteUrl, checkServerName } from '../runtime/server-definition.js';
import { catalogRemoteEndpoint, configSchemaOf, secretRequirements, type CatalogEntry, type SecretRequirement } from './catalog-schema.js';
import {
  containerPath,
  evaluateExpression,
  evaluateListItem,
  evaluateString,
  isEmptyValue,
  parseTemplate,
  splitOutsideTemplates,
  templatePaths,
  TemplateError,
  VolumeValue,
  type TemplateValue,
} from './template.js';

/**
 * The bridge from a catalog entry to the runtime: given a server's entry, the user's config values and a way
 * to look secrets up, either a ServerDefinition the runtime can start, or exactly what is still missing (with
 * the command that sets it), or why it cannot run. Pure apart from the secret lookup; never returns a secret
 * value anywhere but in the definition's env.
 */

/** A bind mount of a host path the user chose, or a named Docker volume the entry declares. */
export interface PlannedMount {
  type: 'bind' | 'volume';
  /** Host path (bind) or volume name (volume). */
  source: string;
  /** Absolute path in the container. */
  target: string;
  readOnly: boolean;
}

/**
 * What the runtime needs, plus fields ServerDefinition does not have yet (suggested additions: mounts, user,
 * allowHosts). Until the runtime reads them, a server with mounts would start without them.
 */
export interface PlannedServerDefinition extends ServerDefinition {
  mounts?: PlannedMount[];
  /** `--user` for the container (Docker's `user:` field, `<name|uid>[:<group|gid>]`). */
  user?: string;
  /** Hosts the entry says it needs (`host:port`, `*` wildcards); network is on only when there are some. */
  allowHosts?: string[];
}

export interface MissingItem {
  kind: 'secret' | 'config';
  /** `<server>.<name>` for a secret; the config key (dotted for nested ones) for config. */
  key: string;
  /** The variable a secret is passed in. */
  env?: string;
  description: string;
  fix: string;
}

export interface ConfigProblem {
  /** The config field (dotted path), or undefined for the configuration as a whole. */
  field?: string;
  /** The JSON Schema keyword the value fails (required, type, enum...); absent for checks outside the schema. */
  keyword?: string;
  message: string;
}

export type LaunchPlan =
  | { kind: 'ready'; definition: PlannedServerDefinition; notes: string[] }
  /** Something required is not set; `problems` lists values that are set but wrong, if any. */
  | { kind: 'missing'; missing: MissingItem[]; problems: ConfigProblem[] }
  /** Everything required is set, but some values are wrong. */
  | { kind: 'invalid'; problems: ConfigProblem[] }
  | { kind: 'unsupported'; reason: string }
  /** The entry itself cannot be turned into a container (unknown template filter, a host path it did not get from the user...). */
  | { kind: 'broken'; reason: string };

export interface PlanInput {
  /** The server's name in Switchyard (settings, secret keys, container names). */
  server: string;
  entry: CatalogEntry;
  /** The catalog's name for the entry when it differs from `server` (templates may use either). */
  entryName?: string;
  /** The user's configuration values for this server (`{key: value}`); strings are coerced to the schema's types. */
  config?: Record<string, unknown>;
  /** Secret lookup by key `<server>.<name>`. */
  secret: (key: string) => string | undefined;
  /** The user's explicit network choice; wins over what the entry declares. */
  network?: boolean;
  limits?: Partial<ResourceLimits>;
  readOnlyRootfs?: boolean;
  /** For `~` in host paths; defaults to the current user's home. */
  homeDir?: string;
  /**
   * Compiles the entry's configuration schema (config-schema-compiler.ts, loaded by the caller where the entry
   * declares a configuration: loadConfigSchemaCompiler). Required when it does.
   */
  compile?: ConfigSchemaCompiler;
}

/** The configuration-schema compiler (ajv), loaded on first use: pass it as PlanInput.compile for an entry that declares a configuration. */
export async function loadConfigSchemaCompiler(entry: CatalogEntry): Promise<ConfigSchemaCompiler | undefined> {
  if (!configSchemaOf(entry)) return undefined;
  return (await import('./config-schema-compiler.js')).compileConfigSchema;
}

const validators = new WeakMap<object, ValidateFunction>();

export function planLaunch(input: PlanInput): LaunchPlan {
  const { server, entry } = input;
  const nameProblem = checkServerName(server);
  if (nameProblem) return { kind: 'broken', reason: nameProblem };
  if (entry.type === 'remote') return planRemote(input);
  if (entry.type === 'poci') {
    const refusal = toolEntryRefusal(input.entryName ?? server, entry);
    return { kind: 'unsupported', reason: `${refusal.reason} ${refusal.hint}` };
  }
  if (!entry.image) return { kind: 'broken', reason: `"${server}" has no image` };

  const scopes = new Set([server, input.entryName ?? server]);
  const notes: string[] = [];
  // An entry the planner cannot read is reported before the user is asked for anything.
  const unreadable = checkEntryTemplates(entry);
  if (unreadable) return { kind: 'broken', reason: `catalog entry "${input.entryName ?? server}": ${unreadable}` };

  // 1. Configuration: validated against the entry's JSON Schema (defaults filled in, except for host paths).
  let config: Record<string, unknown>;
  const missing: MissingItem[] = [];
  const problems: ConfigProblem[] = [];
  const homeDir = input.homeDir ?? os.homedir();
  try {
    ({ config } = validateConfig(server, entry, input.config ?? {}, missing, problems, notes, input.compile));
    normalizeHostPaths(config, hostPathFields(entry), homeDir, problems);
  } catch (error) {
    return { kind: 'broken', reason: error instanceof Error ? error.message : String(error) };
  }

  // 2. Secrets: each one the entry declares, by its per-server key.
  const requirements = secretRequirements(server, entry);
  const secretEnv: Record<string, string> = {};
  const secretByName = new Map<string, string>();
  for (const requirement of requirements) {
    const value = input.secret(requirement.key);
    if (value === '') continue; // deliberately set empty: the server does not get the variable
    if (value === undefined) {
      if (!requirement.required) {
        notes.push(`optional secret ${requirement.key} (${requirement.env}) is not set`);
        continue;
      }
      missing.push(missingSecret(requirement, `secret passed to the server as ${requirement.env}`));
      continue;
    }
    secretEnv[requirement.env] = value;
    secretByName.set(requirement.catalogName, value);
    secretByName.set(requirement.key, value);
  }
  if (missing.length > 0) return { kind: 'missing', missing, problems };
  if (problems.length > 0) return { kind: 'invalid', problems };

  // 3. Templates: env values, command arguments, user, volumes.
  try {
    const resolve = resolver(scopes, config, secretByName, false);
    const resolveWithSecrets = resolver(scopes, config, secretByName, true);

    const env: Record<string, string> = {};
    for (const variable of entry.env ?? []) {
      if (variable.value === undefined || variable.value === null) {
        notes.push(`env ${variable.name} has no value in the catalog entry; not set`);
        continue;
      }
      const value = evaluateString(variable.value, resolveWithSecrets);
      if (value !== '') env[variable.name] = value;
    }
    for (const [name, value] of Object.entries(secretEnv)) {
      if (env[name] !== undefined && env[name] !== value) notes.push(`env ${name} is also a secret; the secret's value is used`);
      env[name] = value;
    }

    const command = (entry.command ?? []).flatMap((arg) => evaluateListItem(arg, resolve));
    const userText = entry.user ? evaluateString(entry.user, resolve).trim() : '';
    if (userText && !/^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/.test(userText)) {
      return { kind: 'invalid', problems: [{ field: fieldOfTemplate(entry.user ?? '', scopes), message: `"${userText}" is not a container user (<name|uid>[:<group|gid>])` }] };
    }

    const mountResult = planMounts(server, entry.volumes ?? [], scopes, resolve, homeDir);
    if ('problems' in mountResult) return { kind: 'invalid', problems: mountResult.problems };
    const mounts = mountResult.mounts;

    const allowHosts = entry.allowHosts ?? [];
    const declaredNetwork = entry.disableNetwork !== true && allowHosts.length > 0;
    const network = input.network ?? declaredNetwork;
    if (!network && input.network === undefined && entry.disableNetwork !== true) {
      notes.push('network is off: the entry declares no hosts it needs (allowHosts); if the server calls an online service, allow network for it');
    }

    const definition: PlannedServerDefinition = {
      name: server,
      image: entry.image,
      ...(command.length > 0 ? { command } : {}),
      env,
      network,
      ...(input.limits ? { limits: input.limits } : {}),
      ...(input.readOnlyRootfs !== undefined ? { readOnlyRootfs: input.readOnlyRootfs } : {}),
      ...(mounts.length > 0 ? { mounts } : {}),
      ...(userText ? { user: userText } : {}),
      ...(allowHosts.length > 0 ? { allowHosts } : {}),
    };
    return { kind: 'ready', definition, notes };
  } catch (error) {
    if (error instanceof PlanProblem) return { kind: 'invalid', problems: [error.problem] };
    if (error instanceof TemplateError) return { kind: 'broken', reason: `catalog entry "${input.entryName ?? server}": ${error.message}` };
    throw error;
  }
}

/**
 * A `type: remote` entry: no container, a connection to its URL with its headers, whose `${ENV}` references are
 * filled from the entry's secrets (by their env name). An entry that signs in only with OAuth is marked so: the
 * gateway signs in through the browser (`switchyard server auth NAME`) instead of sending a stored token.
 */
function planRemote(input: PlanInput): LaunchPlan {
  const { server, entry } = input;
  const endpoint = catalogRemoteEndpoint(entry);
  if (!endpoint) return { kind: 'broken', reason: `catalog entry "${input.entryName ?? server}" is a remote server without remote.url` };
  const urlProblem = checkRemoteUrl(endpoint.url);
  if (urlProblem) return { kind: 'broken', reason: `catalog entry "${input.entryName ?? server}": ${urlProblem}` };
  const headers = endpoint.headers ?? {};
  const referenced = new Set(Object.values(headers).flatMap(envReferences));
  const providers = (entry.oauth?.providers ?? []).map((provider) => provider.provider);
  const requirements = secretRequirements(server, entry);
  // An entry that signs in with OAuth and sends no token header signs in through the browser (runtime/oauth/):
  // its provider token is then not a secret to set.
  const signsInWithOAuth = providers.length > 0 && referenced.size === 0;

  const unknown = [...referenced].filter((name) => !requirements.some((requirement) => requirement.env === name));
  if (unknown.length > 0) return { kind: 'broken', reason: `catalog entry "${input.entryName ?? server}": its headers reference ${unknown.map((name) => `\${${name}}`).join(', ')}, which none of its secrets provides` };

  const notes: string[] = [];
  const missing: MissingItem[] = [];
  const values = new Map<string, string>();
  for (const requirement of requirements) {
    if (signsInWithOAuth && requirement.oauthProvider !== undefined) continue;
    const value = input.secret(requirement.key);
    if (!referenced.has(requirement.env)) {
      // Declared and required, the server needs it even when no header of the entry names it: never "ready"
      // while it is not set.
      if (value === undefined && requirement.required) missing.push(missingSecret(requirement, `secret of ${endpoint.url}`));
      else notes.push(`secret ${requirement.key} (${requirement.env}) is declared, but no header of the entry sends it`);
      continue;
    }
    if (value !== undefined) {
      values.set(requirement.env, value);
      continue;
    }
    if (!requirement.required) {
      notes.push(`optional secret ${requirement.key} (${requirement.env}) is not set`);
      continue;
    }
    missing.push(missingSecret(requirement, `secret sent to ${endpoint.url} in a header`));
  }
  if (missing.length > 0) return { kind: 'missing', missing, problems: [] };

  const filled = Object.fromEntries(Object.entries(headers).map(([name, template]) => [name, expandEnvReferences(template, (env) => values.get(env) ?? '')]));
  const definition: PlannedServerDefinition = {
    name: server,
    image: endpoint.url,
    remote: { ...endpoint, ...(Object.keys(filled).length > 0 ? { headers: filled } : {}), ...(signsInWithOAuth ? { oauth: true } : {}) },
  };
  return { kind: 'ready', definition, notes };
}

const envReferencePattern = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The variable names a Docker-catalog-style value references as `${NAME}`. */
export function envReferences(template: string): string[] {
  return [...template.matchAll(envReferencePattern)].map((match) => match[1]!);
}

/** Replaces each `${NAME}` with its value (remote header values; secrets never leave the returned text). */
export function expandEnvReferences(template: string, value: (name: string) => string): string {
  return template.replace(envReferencePattern, (_, name: string) => value(name));
}

/** The first template of the entry that cannot be parsed (an unknown filter...), or undefined when all can. */
export function checkEntryTemplates(entry: CatalogEntry): string | undefined {
  const templates = [...(entry.env ?? []).map((variable) => variable.value ?? ''), ...(entry.command ?? []), ...(entry.volumes ?? []), entry.user ?? ''];
  for (const template of templates) {
    try {
      parseTemplate(template);
    } catch (error) {
      if (error instanceof TemplateError) return error.message;
      throw error;
    }
  }
  return undefined;
}

class PlanProblem extends Error {
  constructor(readonly problem: ConfigProblem) {
    super(problem.message);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Configuration

function validateConfig(
  server: string,
  entry: CatalogEntry,
  given: Record<string, unknown>,
  missing: MissingItem[],
  problems: ConfigProblem[],
  notes: string[],
  compile: ConfigSchemaCompiler | undefined,
): { config: Record<string, unknown> } {
  const config = structuredClone(given);
  const schema = configSchemaOf(entry);
  if (!schema) {
    if (Object.keys(config).length > 0) notes.push(`the entry declares no configuration; the values set for ${server} are not used`);
    return { config };
  }
  let validate = validators.get(schema);
  if (!validate) {
    if (!compile) throw new Error(`planLaunch: ${server}'s entry declares a configuration; pass its compiler (loadConfigSchemaCompiler).`);
    validate = compile(withoutPathDefaults(schema, hostPathFields(entry)));
    validators.set(schema, validate);
  }
  if (validate(config)) {
    for (const key of Object.keys(config)) {
      if (!(key in schema.properties)) notes.push(`config key "${key}" is not in ${server}'s configuration schema; ignored`);
    }
    return { config };
  }
  const errors = validate.errors ?? [];
  const anyOfPaths = new Set(errors.filter((error) => error.keyword === 'anyOf').map((error) => error.instancePath));
  for (const error of errors) {
    const inAnyOf = error.schemaPath.includes('/anyOf/');
    if (inAnyOf || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    if (error.keyword === 'required') {
      const key = joinField(error.instancePath, String((error.params as { missingProperty?: string }).missingProperty));
      missing.push({
        kind: 'config',
        key,
        description: describeProperty(schema.properties, key) ?? `required by ${server}`,
        fix: `switchyard config set ${server} ${key} <value>`,
      });
      continue;
    }
    problems.push({ field: fieldOf(error.instancePath) || undefined, keyword: error.keyword, message: describeAjvError(error) });
  }
  for (const instancePath of anyOfPaths) {
    const branches = errors
      .filter((error) => error.keyword === 'required' && error.instancePath === instancePath && error.schemaPath.includes('/anyOf/'))
      .map((error) => joinField(instancePath, String((error.params as { missingProperty?: string }).missingProperty)));
    if (branches.length > 0) {
      const key = branches.join(' | ');
      missing.push({
        kind: 'config',
        key,
        description: `one of these is needed: ${branches.join(', ')}`,
        fix: `switchyard config set ${server} ${branches[0] ?? ''} <value>   (or another of: ${branches.join(', ')})`,
      });
    } else {
      problems.push({ field: fieldOf(instancePath) || undefined, keyword: 'anyOf', message: 'matches none of the allowed combinations of settings' });
    }
  }
  return { config };
}

function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'type':
      return `must be ${String(params.type)}`;
    case 'format':
      return `must be a valid ${String(params.format)}`;
    case 'pattern':
      return `must match ${String(params.pattern)}`;
    default:
      return error.message ?? `fails "${error.keyword}"`;
  }
}

function fieldOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function joinField(instancePath: string, key: string): string {
  const parent = fieldOf(instancePath);
  return parent ? `${parent}.${key}` : key;
}

function describeProperty(properties: Record<string, Record<string, unknown>>, dotted: string): string | undefined {
  let current: Record<string, unknown> | undefined = { properties };
  for (const part of dotted.split('.')) {
    const children = current?.properties as Record<string, Record<string, unknown>> | undefined;
    current = children?.[part];
  }
  const text = current?.description ?? current?.title;
  return typeof text === 'string' ? text : undefined;
}

/**
 * Config fields whose values become host paths in volumes (templates in a volume's source position). Those
 * never take the catalog's default (often a demo path like /Users/local-test), and are normalised before any
 * template reads them, so that a mount and the argument naming its container path always agree.
 */
export function hostPathFields(entry: CatalogEntry): string[] {
  const fields = new Set<string>();
  for (const volume of entry.volumes ?? []) {
    const source = (splitOutsideTemplates(volume, ':')[0] ?? '').trim();
    const paths = templatePaths(source);
    // Only a source that is one whole template is a host path from config (anything else is refused later).
    if (paths.length !== 1 || !/^\{\{[^{}]*\}\}$/.test(source)) continue;
    // Templates are `<scope>.<field>`; the scope is the server's name, whatever it is.
    const path = paths[0] ?? '';
    const dot = path.indexOf('.');
    if (dot > 0) fields.add(path.slice(dot + 1));
  }
  return [...fields];
}

function normalizeHostPaths(config: Record<string, unknown>, fields: string[], homeDir: string, problems: ConfigProblem[]): void {
  for (const field of fields) {
    const parts = field.split('.');
    const last = parts.pop() ?? field;
    let holder: unknown = config;
    for (const part of parts) holder = holder && typeof holder === 'object' && !Array.isArray(holder) ? (holder as Record<string, unknown>)[part] : undefined;
    if (!holder || typeof holder !== 'object' || Array.isArray(holder)) continue;
    const object = holder as Record<string, unknown>;
    const value = object[last];
    const normalize = (item: unknown) => (typeof item === 'string' && item.trim() !== '' ? (checkHostPath(item, field, homeDir, problems) ?? item) : item);
    if (typeof value === 'string') object[last] = normalize(value);
    else if (Array.isArray(value)) object[last] = value.map(normalize);
  }
}

function withoutPathDefaults(schema: object, fields: string[]): object {
  if (fields.length === 0) return schema;
  const copy = structuredClone(schema) as { properties?: Record<string, Record<string, unknown>> };
  for (const field of fields) {
    let node: Record<string, unknown> | undefined = copy as Record<string, unknown>;
    for (const part of field.split('.')) node = (node?.properties as Record<string, Record<string, unknown>> | undefined)?.[part];
    if (node) delete node.default;
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------------------
// Template resolution

function stripScope(path: string, scopes: Set<string>): string | undefined {
  for (const scope of scopes) {
    if (path.startsWith(`${scope}.`)) return path.slice(scope.length + 1);
  }
  return undefined;
}

function fieldOfTemplate(template: string, scopes: Set<string>): string | undefined {
  const first = templatePaths(template)[0];
  return first ? (stripScope(first, scopes) ?? first) : undefined;
}

function resolver(scopes: Set<string>, config: Record<string, unknown>, secrets: Map<string, string>, allowSecrets: boolean) {
  return (path: string): TemplateValue => {
    if (secrets.has(path)) {
      if (!allowSecrets) throw new TemplateError(`{{${path}}} is a secret; secrets are passed only as environment variables, never in arguments, volumes or the user`);
      return secrets.get(path);
    }
    const field = stripScope(path, scopes);
    if (field === undefined) throw new TemplateError(`{{${path}}} does not name a key of this server's configuration (expected {{${[...scopes][0]}.<key>}})`);
    let value: unknown = config;
    for (const part of field.split('.')) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    return value as TemplateValue;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Volumes

const namedVolumePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function planMounts(server: string, volumes: string[], scopes: Set<string>, resolve: (path: string) => TemplateValue, homeDir: string): { mounts: PlannedMount[] } | { problems: ConfigProblem[] } {
  const mounts: PlannedMount[] = [];
  const problems: ConfigProblem[] = [];
  const add = (mount: PlannedMount, field: string | undefined) => {
    const clash = mounts.find((existing) => existing.target === mount.target);
    if (clash) problems.push({ field, message: `two mounts would share the container path ${mount.target}` });
    else mounts.push(mount);
  };

  for (const volume of volumes) {
    const pieces = splitOutsideTemplates(volume, ':');
    const [sourceTemplate = '', targetTemplate, modeText, ...extra] = pieces;
    if (extra.length > 0) throw new TemplateError(`volume "${volume}" has more than source:target:mode`);
    const readOnlyAsked = modeText === undefined ? undefined : parseMode(modeText, volume);
    const sourceParts = parseTemplate(sourceTemplate);

    // A lone expression producing volumes (`{{x.paths|volume|into}}`): one bind mount per host path.
    if (targetTemplate === undefined) {
      const only = sourceParts.length === 1 && sourceParts[0]?.kind === 'expr' ? sourceParts[0].expr : undefined;
      if (!only) throw new TemplateError(`volume "${volume}" has no container path`);
      const { value } = evaluateExpression(only, resolve);
      const items = (Array.isArray(value) ? value : [value]).filter((item) => !isEmptyValue(item));
      for (const item of items) {
        if (!(item instanceof VolumeValue)) throw new TemplateError(`volume "${volume}" has no container path (use the volume filter)`);
        const field = stripScope(item.field, scopes) ?? item.field;
        const source = checkHostPath(item.source, field, homeDir, problems);
        if (source === undefined) continue;
        const target = checkContainerPath(containerPath(source), field, problems);
        if (target === undefined) continue;
        add({ type: 'bind', source, target, readOnly: readOnlyAsked ?? true }, field);
      }
      continue;
    }

    // `source:target[:mode]`, where source is a lone template (a host path from config) or a volume name.
    const targetText = evaluateString(targetTemplate, resolve);
    const onlySource = sourceParts.length === 1 && sourceParts[0]?.kind === 'expr' ? sourceParts[0].expr : undefined;
    if (onlySource) {
      const field = stripScope(onlySource.path, scopes) ?? onlySource.path;
      const { value } = evaluateExpression(onlySource, resolve);
      if (isEmptyValue(value)) continue; // an optional path the user did not give: no mount
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new PlanProblem({ field, message: 'must be a single host path here' });
      }
      const source = checkHostPath(String(value), field, homeDir, problems);
      if (source === undefined) continue;
      // `{{x.data}}:{{x.data}}`: the container path is the (normalised) host path itself.
      const target = checkContainerPath(containerPath(targetTemplate.trim() === sourceTemplate.trim() ? source : targetText), field, problems);
      if (target === undefined) continue;
      add({ type: 'bind', source, target, readOnly: readOnlyAsked ?? true }, field);
      continue;
    }
    if (sourceParts.some((part) => part.kind === 'expr')) {
      throw new TemplateError(`volume "${volume}": a host path must come whole from one configuration value`);
    }
    if (!namedVolumePattern.test(sourceTemplate)) {
      throw new TemplateError(`volume "${volume}" mounts the host path ${sourceTemplate}, which the user did not choose; refused`);
    }
    const target = checkContainerPath(targetText, undefined, problems);
    if (target === undefined) continue;
    // A named volume is the server's own storage, writable unless marked :ro; namespaced so that a catalog
    // cannot reach volumes that belong to anything else on the machine.
    add({ type: 'volume', source: `switchyard-${server}-${sourceTemplate}`, target, readOnly: readOnlyAsked ?? false }, undefined);
  }
  return problems.length > 0 ? { problems } : { mounts };
}

/**
 * Why a Docker `poci` entry cannot run, in words a user knows: it is a command-line tool (curl, docker...)
 * that Docker's gateway runs in a new container for every call, not an MCP server.
 */
export function toolEntryRefusal(entryName: string, entry: CatalogEntry): { reason: string; hint: string } {
  return {
    reason: `Catalog entry "${entryName}" is not an MCP server but a command-line tool${entry.image ? ` (${entry.image})` : ''} that Docker's gateway runs in a new container for every call; Switchyard cannot run such entries yet.`,
    hint: `Look for an MCP server that offers it (switchyard catalog search ${entryName}), or add one of your own: switchyard server add NAME --image REF`,
  };
}

/** A required secret that is not set, with the command that sets it. */
function missingSecret(requirement: SecretRequirement, fallbackDescription: string): MissingItem {
  return { kind: 'secret', key: requirement.key, env: requirement.env, description: requirement.description ?? fallbackDescription, fix: `switchyard secret set ${requirement.key}` };
}

function parseMode(mode: string, volume: string): boolean {
  if (mode === 'ro') return true;
  if (mode === 'rw') return false;
  throw new TemplateError(`volume "${volume}": unsupported mount mode "${mode}" (ro or rw)`);
}

/** A host path the user gave, made safe to mount, or undefined with a problem recorded. */
export function checkHostPath(value: string, field: string | undefined, homeDir: string, problems: ConfigProblem[]): string | undefined {
  const refuse = (why: string) => {
    problems.push({ field, message: `"${value}" ${why}` });
    return undefined;
  };
  let path = value.trim();
  if (path.startsWith('-')) return refuse('starts with "-"; refused as a mount source');
  if (/[\0\n\r]/.test(path)) return refuse('contains control characters');
  if (path === '~' || path.startsWith('~/') || path.startsWith('~\\')) path = homeDir + path.slice(1);
  const windows = /^[A-Za-z]:[\\/]/.test(path);
  if (!windows && !path.startsWith('/')) return refuse('is not an absolute path (give the full path of the folder or file)');
  if (path.split(/[\\/]/).some((segment) => segment === '..')) return refuse('contains ".."; give the folder itself');
  if ((windows ? path.slice(2) : path).includes(':')) return refuse('contains ":", which Docker would read as a mount option');
  path = windows ? path.replace(/\//g, '\\').replace(/\\+/g, '\\') : path.replace(/\/+/g, '/');
  if (path.length > (windows ? 3 : 1)) path = path.replace(/[\\/]+$/, '');
  return path;
}

function checkContainerPath(value: string, field: string | undefined, problems: ConfigProblem[]): string | undefined {
  const refuse = (why: string) => {
    problems.push({ field, message: `container path "${value}" ${why}` });
    return undefined;
  };
  const path = value.trim().replace(/\/+/g, '/');
  if (!path.startsWith('/')) return refuse('is not absolute');
  if (path === '/') return refuse('would hide the whole container file system');
  if (path.split('/').some((segment) => segment === '..')) return refuse('contains ".."');
  if (/[:\0\n\r]/.test(path)) return refuse('contains ":" or control characters');
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

// ---------------------------------------------------------------------------------------------------------
// Presentation

/** A plan that is not ready, as text for a terminal or an error message (secret values never appear here). */
export function describePlanProblem(server: string, plan: Exclude<LaunchPlan, { kind: 'ready' }>): string {
  switch (plan.kind) {
    case 'unsupported':
    case 'broken':
      return plan.reason;
    case 'invalid':
      return [`"${server}" has configuration errors:`, ...plan.problems.map(problemLine)].join('\n');
    case 'missing':
      return [
        `"${server}" cannot start until these are set:`,
        ...plan.missing.map((item) => `  ${item.kind} ${item.key}${item.env ? ` (${item.env})` : ''}: ${item.description}\n    -> ${item.fix}`),
        ...(plan.problems.length > 0 ? ['and these values are wrong:', ...plan.problems.map(problemLine)] : []),
      ].join('\n');
  }
}

function problemLine(problem: ConfigProblem): string {
  return `  ${problem.field ?? '(configuration)'}: ${problem.message}`;
}
