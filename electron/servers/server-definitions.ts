import { findEntry } from '../catalog/find-entry.js';
import type { Catalog } from '../catalog/catalog-loader.js';
import { catalogRemoteEndpoint, type CatalogEntry, type CatalogTool } from '../catalog/catalog-schema.js';
import type { ImagePullPolicy } from '../runtime/image-pull-policy.js';
import { npmImageTag } from '../runtime/npm-image-tag.js';
import type { ServerDefinition } from '../runtime/server-definition.js';
import type { Settings, ServerSettings } from '../settings/settings-schema.js';

/**
 * The servers the gateway should front: every enabled entry of the settings. Catalog servers get their image
 * and declared tools from the catalog here; their env, command and mounts are templated at start time (see
 * launch-preparer.ts), so secrets are read only when a container starts.
 */
export function serversFromSettings(settings: Settings, catalog?: Catalog): ServerDefinition[] {
  return Object.entries(settings.servers)
    .filter(([, server]) => server.enabled)
    .map(([name, server]) =>
      definitionOf(
        name,
        server,
        server.catalog ? catalog && findEntry(catalog.entries, server.catalog)?.[1].entry : undefined,
        settings.gateway.callTimeoutSeconds,
      ),
    )
    .map((definition) => withNpmBuild(definition, settings.servers[definition.name]!, settings.gateway.npmBaseImage))
    .map((definition) => withContainerSettings(definition, settings.servers[definition.name]!, settings.gateway.maxMessageMb))
    .map((definition) => withCallSettings(definition, settings.servers[definition.name]!, settings.gateway.imagePullPolicy));
}

/** Per-tool call timeouts, and when the image is pulled (neither restarts a running container when changed). */
function withCallSettings(definition: ServerDefinition, server: ServerSettings, pullPolicy: ImagePullPolicy): ServerDefinition {
  const toolLimits = Object.entries(server.toolCallTimeoutSeconds ?? {});
  return {
    ...definition,
    ...(toolLimits.length > 0 ? { toolCallTimeoutMs: Object.fromEntries(toolLimits.map(([tool, seconds]) => [tool, seconds * 1000])) } : {}),
    ...(pullPolicy !== 'missing' && !definition.remote ? { pullPolicy } : {}),
  };
}

/** The message cap (the server's, else the gateway's) and who the container runs as. */
function withContainerSettings(definition: ServerDefinition, server: ServerSettings, maxMessageMb: number): ServerDefinition {
  return {
    ...definition,
    maxMessageBytes: (server.maxMessageMb ?? maxMessageMb) * 1024 * 1024,
    ...(server.user ? { user: server.user } : {}),
    ...(server.runAsRoot ? { runAsRoot: true } : {}),
  };
}

/** A server from an npm package runs the image built from it (see runtime/npm-image-builder.ts), tagged by spec and base. */
function withNpmBuild(definition: ServerDefinition, server: ServerSettings, baseImage: string): ServerDefinition {
  if (server.npm === undefined) return definition;
  return { ...definition, image: npmImageTag(server.npm, baseImage), build: { npm: server.npm, baseImage } };
}

function definitionOf(name: string, server: ServerSettings, entry: CatalogEntry | undefined, defaultCallTimeoutSeconds: number): ServerDefinition {
  const callTimeoutSeconds = server.callTimeoutSeconds ?? defaultCallTimeoutSeconds;
  const launch = {
    ...(server.catalog ? { catalog: server.catalog } : {}),
    ...(server.config ? { config: server.config } : {}),
    ...(server.secretEnv ? { secretEnv: server.secretEnv } : {}),
  };
  const tools = entry?.tools?.map(catalogTool);
  // A remote server runs no image: its URL stands in for it (status, list cache); header secrets are filled in at start.
  const remote = server.remote ?? (entry ? catalogRemoteEndpoint(entry) : undefined);
  return {
    name,
    image: remote?.url ?? server.image ?? entry?.image ?? (server.catalog ? `mcp/${server.catalog}` : 'unknown'),
    ...(remote ? { remote } : {}),
    ...(server.command ? { command: server.command } : {}),
    ...(server.env ? { env: server.env } : {}),
    ...(server.network !== undefined ? { network: server.network } : {}),
    ...(server.limits ? { limits: server.limits } : {}),
    ...(server.readOnlyRootfs !== undefined ? { readOnlyRootfs: server.readOnlyRootfs } : {}),
    ...(server.perSession ? { perSession: true } : {}),
    ...(callTimeoutSeconds > 0 ? { callTimeoutMs: callTimeoutSeconds * 1000 } : {}),
    ...(server.disabledTools && server.disabledTools.length > 0 ? { disabledTools: server.disabledTools } : {}),
    ...(Object.keys(launch).length > 0 ? { launch } : {}),
    ...(tools && tools.length > 0 ? { knownTools: tools } : {}),
  };
}

/** A catalog's static tool description as an MCP tool (the live list replaces it once the server runs). */
function catalogTool(tool: CatalogTool): Record<string, unknown> {
  const properties = Object.fromEntries(
    (tool.arguments ?? []).map((argument) => [argument.name, { type: argument.type ?? 'string', ...(argument.desc ? { description: argument.desc } : {}) }]),
  );
  return { name: tool.name, ...(tool.description ? { description: tool.description } : {}), inputSchema: { type: 'object', properties } };
}
