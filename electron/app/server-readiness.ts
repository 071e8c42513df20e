import { SwitchyardError } from '../../shared/errors.js';
import { findEntry } from '../catalog/catalog-loader.js';
import { catalogRemoteEndpoint, configSchemaOf, secretRequirements } from '../catalog/catalog-schema.js';
import { describePlanProblem, planLaunch } from '../catalog/launch-plan.js';
import { loadSettingsCatalog } from '../catalog/settings-catalog.js';
import { openSecretStore } from '../secrets/open-secret-store.js';
import { npmImageTag } from '../runtime/npm-image-tag.js';
import { SettingsStore } from '../settings/settings-store.js';

/** What a user needs to know about one server before it can run. Secret values never appear, only whether each is set. */
export interface ServerReadiness {
  name: string;
  enabled: boolean;
  source:
    | { kind: 'catalog'; entry: string; title?: string; description?: string }
    | { kind: 'image' }
    | { kind: 'npm'; package: string }
    | { kind: 'remote'; url: string; transport: string };
  /** The image, or a remote server's URL. */
  image: string;
  tools: string[];
  config: Record<string, unknown>;
  configSchema?: unknown;
  secrets: Array<{ key: string; env: string; set: boolean; required: boolean; description?: string }>;
  ready: boolean;
  /** Why it cannot start, with the commands that fix it. */
  problem?: string;
}

export async function inspectServer(name: string, home: string): Promise<ServerReadiness> {
  const { settings } = new SettingsStore(home).load();
  const server = settings.servers[name];
  if (!server) {
    throw new SwitchyardError(
      'SERVER_NOT_FOUND',
      `No server named "${name}".`,
      `Configured: ${Object.keys(settings.servers).join(', ') || 'none'}. Enable a catalog entry with: switchyard server enable NAME`,
    );
  }
  const secrets = await openSecretStore({ home });
  if (!server.catalog) {
    const refs = await Promise.all(
      Object.entries(server.secretEnv ?? {}).map(async ([env, key]) => ({ key, env, set: await secrets.has(key), required: true })),
    );
    const missing = refs.filter((ref) => !ref.set);
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
      ready: missing.length === 0,
      ...(missing.length > 0
        ? {
            problem: `"${name}" cannot start until these are set:\n${missing.map((ref) => `  secret ${ref.key} (${ref.env})\n    -> switchyard secret set ${ref.key}`).join('\n')}`,
          }
        : {}),
    };
  }
  const catalog = await loadSettingsCatalog(settings, home, true);
  const found = findEntry(catalog.entries, server.catalog);
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
      problem: `Catalog entry "${server.catalog}" is not in any catalog.`,
    };
  }
  const [entryName, { entry }] = found;
  const requirements = secretRequirements(name, entry);
  const values = new Map<string, string>();
  const secretRows = await Promise.all(
    requirements.map(async (requirement) => {
      const value = await secrets.get(requirement.key);
      if (value !== undefined) values.set(requirement.key, value);
      return {
        key: requirement.key,
        env: requirement.env,
        set: value !== undefined,
        required: requirement.required,
        ...(requirement.description ? { description: requirement.description } : {}),
      };
    }),
  );
  const plan = planLaunch({ server: name, entry, entryName, config: server.config ?? {}, secret: (key) => values.get(key) });
  values.clear();
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
    ...(configSchemaOf(entry) ? { configSchema: configSchemaOf(entry) } : {}),
    secrets: secretRows,
    ready: plan.kind === 'ready',
    ...(plan.kind !== 'ready' ? { problem: describePlanProblem(name, plan) } : {}),
  };
}

export function describeReadiness(report: ServerReadiness): string {
  const lines = [
    `${report.name} (${report.enabled ? 'enabled' : 'disabled'})`,
    `  source:  ${report.source.kind === 'catalog' ? `catalog entry ${report.source.entry}${report.source.title ? ` - ${report.source.title}` : ''}` : report.source.kind === 'npm' ? `npm package ${report.source.package} (image built locally on first use)` : report.source.kind === 'remote' ? `remote server (${report.source.transport}), no container` : 'custom image'}`,
    /^https?:\/\//.test(report.image) ? `  url:     ${report.image}` : `  image:   ${report.image}`,
  ];
  if (report.tools.length > 0) lines.push(`  tools:   ${report.tools.join(', ')}`);
  if (Object.keys(report.config).length > 0) lines.push(`  config:  ${JSON.stringify(report.config)}`);
  for (const secret of report.secrets)
    lines.push(`  secret:  ${secret.key} -> ${secret.env}: ${secret.set ? 'set' : secret.required ? 'NOT SET' : 'not set (optional)'}`);
  lines.push(report.ready ? '  ready to start' : `  ${report.problem ?? 'not ready'}`);
  return lines.join('\n') + '\n';
}
