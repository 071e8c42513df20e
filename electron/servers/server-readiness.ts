import type { ReadinessProblem, ServerReadiness } from '../../shared/catalog-types.js';
import { findEntry } from '../catalog/find-entry.js';
import type { Catalog } from '../catalog/catalog-loader.js';
import { catalogRemoteEndpoint, configSchemaOf, configuredServerName, secretRequirements } from '../catalog/catalog-schema.js';
import { loadConfigSchemaCompiler, planLaunch, type ConfigProblem, type LaunchPlan } from '../catalog/launch-plan.js';
import { npmImageTag } from '../runtime/npm-image-tag.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { Settings } from '../settings/settings-schema.js';
import type { RemoteOAuth } from '../runtime/oauth/remote-oauth.js';
import { foreignSecretWarnings } from './foreign-secrets.js';
import type { ContainerPermissions } from '../../shared/container-permissions.js';
import type { PlannedServerDefinition } from '../catalog/launch-plan.js';
import type { CatalogEntry } from '../catalog/catalog-schema.js';
import { containerPermissionsOf } from './container-permissions.js';
import { serversFromSettings } from './server-definitions.js';
import { unknownServer } from './server-errors.js';
import { remoteSignInTarget } from './remote-sign-in.js';

/** What `inspectServer` reads: the settings as loaded, the catalog and the secret store (injected, never opened here). */
export interface ReadinessSources {
  settings: Settings;
  catalog: () => Promise<Catalog>;
  secrets: () => Promise<SecretStore>;
  /** The OAuth client, for a remote server's sign-in state. */
  oauth?: RemoteOAuth;
}

/**
 * What a user needs to know about one server before it can run: where it comes from, its tools and config,
 * which secrets are set, and each problem as data (see ReadinessProblemSchema). Secret values never leave.
 */
export async function inspectServer(given: string, sources: ReadinessSources): Promise<ServerReadiness> {
  const report = await inspectSettings(given, sources);
  if (!sources.oauth) return report;
  const target = await remoteSignInTarget(report.name, sources.settings, sources.catalog);
  return target ? { ...report, signIn: await sources.oauth.status(target.name, target.url) } : report;
}

async function inspectSettings(given: string, sources: ReadinessSources): Promise<ServerReadiness> {
  const { settings } = sources;
  const name = configuredServerName(given, settings.servers);
  const server = name === undefined ? undefined : settings.servers[name];
  if (name === undefined || !server) throw unknownServer(given, settings, findEntry((await sources.catalog()).entries, given)?.[0]);
  const secrets = await sources.secrets();
  if (!server.catalog) {
    const refs = await Promise.all(
      Object.entries(server.secretEnv ?? {}).map(async ([env, key]) => ({ key, env, set: await secrets.has(key), required: true })),
    );
    const problems: ReadinessProblem[] = refs.filter((ref) => !ref.set).map((ref) => ({ kind: 'secret', key: ref.key, env: ref.env }));
    const warnings = foreignSecretWarnings(name, server.secretEnv ?? {});
    return {
      name,
      enabled: server.enabled,
      source: server.remote
        ? { kind: 'remote', url: server.remote.url, transport: server.remote.transport }
        : server.npm
          ? { kind: 'npm', package: server.npm }
          : { kind: 'image' },
      image: server.remote?.url ?? (server.npm ? npmImageTag(server.npm, settings.gateway.npmBaseImage) : (server.image ?? '')),
      tools: [],
      config: server.config ?? {},
      secrets: refs,
      ready: problems.length === 0,
      problems,
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(server.remote ? {} : { container: containerPermissionsOf(definitionFor(name, settings)) }),
    };
  }
  const found = findEntry((await sources.catalog()).entries, server.catalog);
  if (!found) {
    return {
      name,
      enabled: server.enabled,
      source: { kind: 'catalog', entry: server.catalog },
      image: '',
      tools: [],
      config: server.config ?? {},
      secrets: [],
      ready: false,
      problems: [{ kind: 'catalog-entry-missing', entry: server.catalog }],
    };
  }
  const [entryName, { entry }] = found;
  const values = new Map<string, string>();
  // A remote entry that signs in through the browser needs no provider token (see planRemote).
  const browserSignIn = entry.type === 'remote' && !Object.keys(catalogRemoteEndpoint(entry)?.headers ?? {}).length;
  const secretRows = await Promise.all(
    secretRequirements(name, entry).map(async (requirement) => {
      const value = await secrets.get(requirement.key);
      if (value !== undefined) values.set(requirement.key, value);
      return {
        key: requirement.key,
        env: requirement.env,
        set: value !== undefined,
        required: requirement.required && !(browserSignIn && requirement.oauthProvider !== undefined),
        ...(requirement.description ? { description: requirement.description } : {}),
      };
    }),
  );
  const compile = await loadConfigSchemaCompiler(entry);
  const plan = planLaunch({
    server: name,
    entry,
    ...(compile ? { compile } : {}),
    entryName,
    config: server.config ?? {},
    secret: (key) => values.get(key),
    ...(server.network !== undefined ? { network: server.network } : {}),
    ...(server.limits ? { limits: server.limits } : {}),
    ...(server.readOnlyRootfs !== undefined ? { readOnlyRootfs: server.readOnlyRootfs } : {}),
  });
  values.clear();
  const container = catalogRemoteEndpoint(entry) ? undefined : catalogContainer(name, settings, await sources.catalog(), entry, plan);
  const schema = configSchemaOf(entry);
  return {
    name,
    enabled: server.enabled,
    source: {
      kind: 'catalog',
      entry: entryName,
      ...(entry.title ? { title: entry.title } : {}),
      ...(entry.description ? { description: entry.description } : {}),
    },
    image: server.image ?? entry.image ?? catalogRemoteEndpoint(entry)?.url ?? `mcp/${entryName}`,
    tools: (entry.tools ?? []).map((tool) => tool.name),
    config: server.config ?? {},
    ...(schema ? { configSchema: schema } : {}),
    secrets: secretRows,
    ready: plan.kind === 'ready',
    problems: planProblems(plan),
    ...(container ? { container } : {}),
  };
}

/** The server's definition as the gateway builds it from the settings (enabled or not). */
function definitionFor(name: string, settings: Settings, catalog?: Catalog) {
  const server = settings.servers[name]!;
  return serversFromSettings({ ...settings, servers: { [name]: { ...server, enabled: true } } }, catalog)[0]!;
}

/**
 * A catalog server's container: the settings' definition with what the launch plan adds at start (network,
 * volumes, user). Until the plan is ready (a secret or config value missing), its volumes are not known yet.
 */
function catalogContainer(name: string, settings: Settings, catalog: Catalog, entry: CatalogEntry, plan: LaunchPlan): ContainerPermissions {
  const definition = definitionFor(name, settings, catalog);
  const server = settings.servers[name]!;
  const allowHosts = entry.allowHosts ?? [];
  if (plan.kind !== 'ready') {
    const network = server.network ?? (entry.disableNetwork !== true && allowHosts.length > 0);
    return containerPermissionsOf({ ...definition, network }, { allowHosts, mountsPending: (entry.volumes ?? []).length > 0 });
  }
  const planned: PlannedServerDefinition = plan.definition;
  // As the launch preparer merges them: the entry's user, when it names one, is the one the container gets.
  return containerPermissionsOf(
    {
      ...definition,
      network: planned.network ?? false,
      ...(planned.mounts ? { mounts: planned.mounts } : {}),
      ...(planned.user ? { user: planned.user } : {}),
    },
    { allowHosts, userFrom: planned.user ? 'catalog' : 'settings' },
  );
}

/** A launch plan's verdict as readiness problems: what is missing, then what is wrong. */
export function planProblems(plan: LaunchPlan): ReadinessProblem[] {
  switch (plan.kind) {
    case 'ready':
      return [];
    case 'unsupported':
    case 'broken':
      return [{ kind: plan.kind, reason: plan.reason }];
    case 'invalid':
      return plan.problems.map(invalidValue);
    case 'missing':
      return [
        ...plan.missing.map((item): ReadinessProblem => {
          if (item.kind === 'secret') return { kind: 'secret', key: item.key, env: item.env ?? '', description: item.description };
          // "a | b": any one of several keys will do.
          const oneOf = item.key.split('|').map((key) => key.trim());
          return { kind: 'config', key: oneOf[0] ?? item.key, ...(oneOf.length > 1 ? { oneOf } : {}), description: item.description };
        }),
        ...plan.problems.map(invalidValue),
      ];
  }
}

function invalidValue(problem: ConfigProblem): ReadinessProblem {
  const path = problem.field === undefined ? '' : `/${problem.field.split('.').join('/')}`;
  return {
    kind: 'invalid',
    ...(problem.field !== undefined ? { field: problem.field } : {}),
    path,
    ...(problem.keyword !== undefined ? { keyword: problem.keyword } : {}),
    message: problem.message,
  };
}
