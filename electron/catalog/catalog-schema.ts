import { z } from 'zod';
import type { RemoteEndpoint } from '../runtime/server-definition.js';

/**
 * One entry of a catalog in Docker's MCP catalog format (docker/mcp-registry `server.yaml`, as gathered into a
 * file catalog: `registry: {<name>: entry}`). Strict on the fields Switchyard reads (their types are checked
 * and a bad one makes the entry invalid), lenient on everything else: unknown fields pass through untouched,
 * so a newer catalog with extra fields still loads.
 */

/** YAML gives numbers and booleans for unquoted scalars (`value: 993`, `example: true`); we use them as text. */
const scalarText = z.union([z.string(), z.number(), z.boolean()]).transform((value) => String(value));

/** An environment variable name as Docker accepts it: anything but empty, `=` or NUL. */
const envName = z
  .string()
  .min(1)
  .refine((name) => !/[=\0]/.test(name), { message: 'an environment variable name cannot contain "=" or NUL' });

const nonBlank = z.string().trim().min(1);

export const CatalogSecretSchema = z.looseObject({
  /** Docker's global key (`github.personal_access_token`); Switchyard keys it per server (see catalogSecretKey()). */
  name: nonBlank,
  /** The variable the container receives the value in. */
  env: envName,
  example: scalarText.nullish(),
  description: z.string().nullish(),
  /** Not in Docker's format (where every secret is needed); Switchyard honours `required: false` in custom entries. */
  required: z.boolean().optional(),
});
export type CatalogSecret = z.infer<typeof CatalogSecretSchema>;

export const CatalogEnvSchema = z.looseObject({
  name: envName,
  /** May hold `{{server.key}}` templates. An entry without a value sets nothing. */
  value: scalarText.nullish(),
  example: scalarText.nullish(),
});
export type CatalogEnv = z.infer<typeof CatalogEnvSchema>;

/** A JSON Schema (object) describing the server's configuration; validated with ajv at planning time. */
export const CatalogConfigSchema = z.looseObject({
  name: z.string().optional(),
  description: z.string().nullish(),
  type: z.literal('object').optional(),
  properties: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  required: z.array(z.string()).optional(),
});
export type CatalogConfig = z.infer<typeof CatalogConfigSchema>;

export const CatalogOAuthSchema = z.looseObject({
  providers: z
    .array(
      z.looseObject({
        provider: nonBlank,
        secret: nonBlank,
        env: envName,
      }),
    )
    .default([]),
});

export const RemoteTransportSchema = z.enum(['streamable-http', 'sse', 'http']);

export const CatalogRemoteSchema = z.looseObject({
  url: z.url({ protocol: /^https?$/ }),
  transport_type: RemoteTransportSchema.default('streamable-http'),
  headers: z.record(z.string(), scalarText).optional(),
});

export const CatalogToolArgumentSchema = z.looseObject({
  name: nonBlank,
  type: z.string().optional(),
  desc: z.string().nullish(),
  optional: z.boolean().optional(),
});

export const CatalogToolSchema = z.looseObject({
  name: nonBlank,
  description: z.string().nullish(),
  arguments: z.array(CatalogToolArgumentSchema).nullish(),
});
export type CatalogTool = z.infer<typeof CatalogToolSchema>;

export const CatalogMetadataSchema = z.looseObject({
  category: z.string().nullish(),
  tags: z.array(scalarText).nullish(),
  license: z.string().nullish(),
  owner: z.string().nullish(),
});

/** An image reference: no spaces, and never something the docker CLI would read as an option. */
const imageRef = z
  .string()
  .min(1)
  .regex(/^[^\s-][^\s]*$/, { message: 'an image reference has no spaces and does not start with "-"' });

export const CatalogEntrySchema = z
  .looseObject({
    type: z.enum(['server', 'remote', 'poci']).default('server'),
    image: imageRef.optional(),
    title: z.string().optional(),
    description: z.string().nullish(),
    icon: z.string().nullish(),
    source: z.string().nullish(),
    readme: z.string().nullish(),
    secrets: z.array(CatalogSecretSchema).nullish(),
    env: z.array(CatalogEnvSchema).nullish(),
    command: z.array(scalarText).nullish(),
    volumes: z.array(z.string()).nullish(),
    user: scalarText.nullish(),
    disableNetwork: z.boolean().nullish(),
    allowHosts: z.array(z.string().min(1)).nullish(),
    longLived: z.boolean().nullish(),
    config: z.array(CatalogConfigSchema).nullish(),
    oauth: CatalogOAuthSchema.nullish(),
    remote: CatalogRemoteSchema.nullish(),
    dynamicTools: z.boolean().nullish(),
    tools: z.array(CatalogToolSchema).nullish(),
    metadata: CatalogMetadataSchema.nullish(),
  })
  .superRefine((entry, ctx) => {
    if (entry.type === 'server' && !entry.image) ctx.addIssue({ code: 'custom', path: ['image'], message: 'a server entry needs an image' });
    if (entry.type === 'remote' && !entry.remote) ctx.addIssue({ code: 'custom', path: ['remote'], message: 'a remote entry needs remote.url' });
  });
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

/** The top of a catalog file. `registry` is checked entry by entry by the loader, so one bad entry never sinks the file. */
export const CatalogFileSchema = z.looseObject({
  version: scalarText.optional(),
  name: z.string().optional(),
  displayName: z.string().optional(),
  registry: z.record(z.string(), z.unknown()),
});

/** A catalog entry's name as it is used for keys, templates and the command line. */
export const catalogNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/**
 * The name a catalog entry gets as a Switchyard server (settings, secret keys, container names): the entry's
 * name in lower case (`SQLite` -> `sqlite`), which passes checkServerName for every valid catalog name.
 */
export function serverNameForEntry(entryName: string): string {
  return entryName.toLowerCase();
}

/**
 * The configured server a name given by the user means: the name itself, or else the server a catalog entry of
 * that name became (`SQLite` -> `sqlite`, see serverNameForEntry). Undefined when neither is configured.
 */
export function configuredServerName(name: string, servers: Readonly<Record<string, unknown>>): string | undefined {
  if (Object.hasOwn(servers, name)) return name;
  const lower = serverNameForEntry(name);
  return Object.hasOwn(servers, lower) ? lower : undefined;
}

/** One line per zod issue, each naming the field (`secrets[0].env: ...`). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${formatPath(issue.path) || '(entry)'}: ${issue.message}`).join('; ');
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/**
 * The per-server secret key Switchyard stores a catalog secret under: `<server>.<name>`. Docker's names are
 * global and usually already carry the server's name (`airtable-mcp-server.api_key`); some carry another
 * prefix (`github.personal_access_token` for github-official) or none. The store keeps secrets per server, so
 * the key is the server name plus the part after that prefix.
 */
export function catalogSecretKey(server: string, secretName: string): string {
  if (secretName.startsWith(`${server}.`)) return secretName;
  const dot = secretName.indexOf('.');
  const local = dot > 0 && dot < secretName.length - 1 ? secretName.slice(dot + 1) : secretName;
  return `${server}.${local}`;
}

export interface SecretRequirement {
  /** Store key, `<server>.<name>`. */
  key: string;
  /** The catalog's own name for it (Docker's key). */
  catalogName: string;
  env: string;
  description?: string;
  example?: string;
  /**
   * Whether the server cannot start without it. Docker's format has no such flag; a secret is optional when
   * its entry says `required: false` or its description starts with "Optional".
   */
  required: boolean;
  /** Also an OAuth provider's token (a remote entry without token headers signs in through the browser instead). */
  oauthProvider?: string;
}

/** The secrets an entry needs: its `secrets`, plus OAuth provider tokens not already among them. */
export function secretRequirements(server: string, entry: CatalogEntry): SecretRequirement[] {
  const out: SecretRequirement[] = [];
  const byEnv = new Map<string, SecretRequirement>();
  for (const secret of entry.secrets ?? []) {
    const requirement: SecretRequirement = {
      key: catalogSecretKey(server, secret.name),
      catalogName: secret.name,
      env: secret.env,
      required: secret.required ?? !/^\s*optional\b/i.test(secret.description ?? ''),
      ...(secret.description ? { description: secret.description } : {}),
      ...(secret.example ? { example: secret.example } : {}),
    };
    out.push(requirement);
    byEnv.set(secret.env, requirement);
  }
  for (const provider of entry.oauth?.providers ?? []) {
    const existing = byEnv.get(provider.env);
    if (existing) {
      existing.oauthProvider = provider.provider;
      continue;
    }
    const requirement: SecretRequirement = {
      key: catalogSecretKey(server, provider.secret),
      catalogName: provider.secret,
      env: provider.env,
      description: `${provider.provider} access token (OAuth)`,
      required: true,
      oauthProvider: provider.provider,
    };
    out.push(requirement);
    byEnv.set(provider.env, requirement);
  }
  return out;
}

/** Where a `type: remote` entry is served (Docker's `transport_type: http` is Streamable HTTP); headers still hold `${ENV}` references. */
export function catalogRemoteEndpoint(entry: CatalogEntry): RemoteEndpoint | undefined {
  if (entry.type !== 'remote' || !entry.remote) return undefined;
  const { url, transport_type: transport, headers } = entry.remote;
  return { url, transport: transport === 'sse' ? 'sse' : 'streamable-http', ...(headers && Object.keys(headers).length > 0 ? { headers } : {}) };
}

/** The entry's configuration schema (Docker's catalog wraps it in a one-element list), if it has one. */
export function configSchemaOf(entry: CatalogEntry): CatalogConfig | undefined {
  const configs = entry.config ?? [];
  if (configs.length === 0) return undefined;
  if (configs.length === 1) return configs[0];
  // Several blocks: merge their properties and requirements into one object schema.
  const merged: CatalogConfig = { type: 'object', properties: {}, required: [] };
  for (const config of configs) {
    Object.assign(merged.properties, config.properties);
    merged.required?.push(...(config.required ?? []));
  }
  return merged;
}
