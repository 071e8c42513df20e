import { SwitchyardError } from '../../shared/errors.js';
import { findEntry, type Catalog } from '../catalog/catalog-loader.js';
import { secretRequirements } from '../catalog/catalog-schema.js';
import { describePlanProblem, planLaunch } from '../catalog/launch-plan.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import type { SecretStore } from '../secrets/secret-store.js';

export type LaunchPreparer = (server: ServerDefinition) => Promise<ServerDefinition>;

/**
 * Turns a server's settings into what its container gets, right before it starts: the catalog entry templated
 * with the user's config, and secrets read from the store into that container's environment only. A server
 * missing a secret or a config value is not started: the error names each missing key and the command that
 * sets it.
 */
export function createLaunchPreparer(options: { catalog: () => Promise<Catalog>; secrets: () => Promise<SecretStore> }): LaunchPreparer {
  return async (server) => {
    const launch = server.launch;
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
  if (missing.length > 0) {
    throw new SwitchyardError(
      'MISSING_CONFIG',
      `"${server.name}" cannot start until these secrets are set: ${missing.join(', ')}.`,
      missing.map((item) => `switchyard secret set ${item.split(' ')[0]}`).join('\n  '),
    );
  }
  return { ...server, env };
}

async function planFromCatalog(server: ServerDefinition, entryName: string, config: Record<string, unknown>, catalog: Catalog, store: SecretStore): Promise<ServerDefinition> {
  const found = findEntry(catalog.entries, entryName);
  if (!found) {
    throw new SwitchyardError('SERVER_NOT_FOUND', `"${server.name}" comes from catalog entry "${entryName}", which no catalog offers any more.`, 'See `switchyard catalog search` or remove it: switchyard server rm ' + server.name);
  }
  const [name, record] = found;
  const secrets = new Map<string, string>();
  for (const requirement of secretRequirements(server.name, record.entry)) {
    const value = await store.get(requirement.key);
    if (value !== undefined) secrets.set(requirement.key, value);
  }
  const plan = planLaunch({
    server: server.name,
    entry: record.entry,
    entryName: name,
    config,
    secret: (key) => secrets.get(key),
    ...(server.network !== undefined ? { network: server.network } : {}),
    ...(server.limits ? { limits: server.limits } : {}),
    ...(server.readOnlyRootfs !== undefined ? { readOnlyRootfs: server.readOnlyRootfs } : {}),
  });
  if (plan.kind !== 'ready') {
    const code = plan.kind === 'missing' ? 'MISSING_CONFIG' : plan.kind === 'invalid' ? 'INVALID_INPUT' : 'CONTAINER_FAILED';
    throw new SwitchyardError(code, describePlanProblem(server.name, plan), 'Or set them in the Switchyard window, on the server’s page.');
  }
  const { definition } = plan;
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
