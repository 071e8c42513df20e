import { SwitchyardError } from '../../shared/errors.js';
import { findEntry } from '../catalog/find-entry.js';
import type { Catalog } from '../catalog/catalog-loader.js';
import { secretRequirements } from '../catalog/catalog-schema.js';
import { describePlanProblem, envReferences, expandEnvReferences, loadConfigSchemaCompiler, planLaunch } from '../catalog/launch-plan.js';
import type { RemoteEndpoint, ServerDefinition } from '../runtime/server-definition.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { planProblems } from './server-readiness.js';

export type LaunchPreparer = (server: ServerDefinition) => Promise<ServerDefinition>;

/**
 * Turns a server's settings into what its container gets, right before it starts: the catalog entry templated
 * with the user's config, and secrets read from the store into that container's environment only (or, for a
 * remote server, into the headers its connection sends). A server
 * missing a secret or a config value is not started: the error names each missing key and the command that
 * sets it.
 */
export function createLaunchPreparer(options: { catalog: () => Promise<Catalog>; secrets: () => Promise<SecretStore> }): LaunchPreparer {
  return async (server) => {
    const launch = server.launch;
    if (server.remote && !launch?.catalog) return fillRemoteHeaders(server, server.remote, launch?.secretEnv ?? {}, options.secrets);
    if (!launch) return server;
    const withSecretEnv = launch.secretEnv ? await injectSecretEnv(server, launch.secretEnv, await options.secrets()) : server;
    if (!launch.catalog) return withSecretEnv;
    return planFromCatalog(withSecretEnv, launch.catalog, launch.config ?? {}, await options.catalog(), await options.secrets());
  };
}

async function injectSecretEnv(server: ServerDefinition, secretEnv: Record<string, string>, store: SecretStore): Promise<ServerDefinition> {
  const env = { ...server.env };
  const missing: string[] = [];
  for (const [name, key] of Object.entries(secretEnv)) {
    const value = await store.get(key);
    if (value === undefined) missing.push(`${key} (${name})`);
    else env[name] = value;
  }
  if (missing.length > 0) throw missingSecrets(server.name, missing);
  return { ...server, env };
}

/**
 * A custom remote server: each `${ENV}` in its header values is filled with the secret that `secretEnv` maps
 * ENV to. The values live only in the returned definition, which goes straight to the connection.
 */
async function fillRemoteHeaders(
  server: ServerDefinition,
  remote: RemoteEndpoint,
  secretEnv: Record<string, string>,
  secrets: () => Promise<SecretStore>,
): Promise<ServerDefinition> {
  const headers = remote.headers ?? {};
  const referenced = [...new Set(Object.values(headers).flatMap(envReferences))];
  if (referenced.length === 0) return server;
  const unmapped = referenced.filter((name) => secretEnv[name] === undefined);
  if (unmapped.length > 0) {
    throw new SwitchyardError(
      'INVALID_INPUT',
      `"${server.name}": its headers reference ${unmapped.map((name) => `\${${name}}`).join(', ')}, which no secret is mapped to.`,
      `Add it again with the mapping: switchyard server add ${server.name} --remote ${remote.url} --header ... --secret ${server.name}.<name>:${unmapped[0]}`,
    );
  }
  const store = await secrets();
  const values = new Map<string, string>();
  const missing: string[] = [];
  for (const name of referenced) {
    const key = secretEnv[name]!;
    const value = await store.get(key);
    if (value === undefined) missing.push(`${key} (${name})`);
    else values.set(name, value);
  }
  if (missing.length > 0) throw missingSecrets(server.name, missing);
  const filled = Object.fromEntries(Object.entries(headers).map(([name, template]) => [name, expandEnvReferences(template, (env) => values.get(env) ?? '')]));
  return { ...server, remote: { ...remote, headers: filled } };
}

/** `missing` holds `<key> (<ENV>)` items. */
function missingSecrets(server: string, missing: string[]): SwitchyardError {
  return new SwitchyardError(
    'MISSING_CONFIG',
    `"${server}" cannot start until these secrets are set: ${missing.join(', ')}.`,
    missing.map((item) => `switchyard secret set ${item.split(' ')[0]}`).join('\n  '),
    { server, secrets: missing.map((item) => item.split(' ')[0]) },
  );
}

async function planFromCatalog(
  server: ServerDefinition,
  entryName: string,
  config: Record<string, unknown>,
  catalog: Catalog,
  store: SecretStore,
): Promise<ServerDefinition> {
  const found = findEntry(catalog.entries, entryName);
  if (!found) {
    throw new SwitchyardError(
      'SERVER_NOT_FOUND',
      `"${server.name}" comes from catalog entry "${entryName}", which no catalog offers any more.`,
      'See `switchyard catalog search` or remove it: switchyard server rm ' + server.name,
    );
  }
  const [name, record] = found;
  const secrets = new Map<string, string>();
  for (const requirement of secretRequirements(server.name, record.entry)) {
    const value = await store.get(requirement.key);
    if (value !== undefined) secrets.set(requirement.key, value);
  }
  const compile = await loadConfigSchemaCompiler(record.entry);
  const plan = planLaunch({
    server: server.name,
    entry: record.entry,
    ...(compile ? { compile } : {}),
    entryName: name,
    config,
    secret: (key) => secrets.get(key),
    ...(server.network !== undefined ? { network: server.network } : {}),
    ...(server.limits ? { limits: server.limits } : {}),
    ...(server.readOnlyRootfs !== undefined ? { readOnlyRootfs: server.readOnlyRootfs } : {}),
  });
  if (plan.kind !== 'ready') {
    const code = plan.kind === 'missing' ? 'MISSING_CONFIG' : plan.kind === 'invalid' ? 'INVALID_INPUT' : 'CONTAINER_FAILED';
    throw new SwitchyardError(code, describePlanProblem(server.name, plan), undefined, { server: server.name, problems: planProblems(plan) });
  }
  const { definition } = plan;
  if (definition.remote) return { ...server, image: definition.image, remote: definition.remote };
  return {
    ...server,
    image: server.image || definition.image,
    ...(definition.command ? { command: definition.command } : {}),
    env: { ...definition.env, ...server.env },
    network: definition.network ?? false,
    ...(definition.mounts ? { mounts: definition.mounts } : {}),
    ...(definition.user ? { user: definition.user } : {}),
  };
}
