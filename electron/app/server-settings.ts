import { SwitchyardError } from '../../shared/errors.js';
import { findEntry } from '../catalog/catalog-loader.js';
import { loadSettingsCatalog } from '../catalog/settings-catalog.js';
import { envReferences } from '../catalog/launch-plan.js';
import { checkNpmSpec } from '../runtime/npm-package-spec.js';
import { checkRemoteUrl, type RemoteEndpoint } from '../runtime/server-definition.js';
import { SettingsStore } from '../settings/settings-store.js';
import { inspectServer, type ServerReadiness } from './server-readiness.js';

/**
 * Changes to one server's settings that the CLI and the control API both offer, written to settings.json (a
 * running gateway follows the file). Each returns what the server still needs afterwards.
 */

/**
 * Where a custom server comes from, from the add options: a Docker image, or an npm package whose image is
 * built on first use. Exactly one; an npm spec is checked here so a bad one never reaches settings.json.
 */
export function customServerSource(options: { image?: string; npm?: string }): { image: string } | { npm: string } {
  if (options.image !== undefined && options.npm !== undefined) {
    throw new SwitchyardError('INVALID_INPUT', 'Give either --image or --npm, not both.', 'Example: switchyard server add mem --npm @modelcontextprotocol/server-memory');
  }
  if (options.npm !== undefined) {
    const problem = checkNpmSpec(options.npm);
    if (problem) throw new SwitchyardError('INVALID_INPUT', problem);
    return { npm: options.npm };
  }
  if (options.image === undefined || options.image === '') {
    throw new SwitchyardError('INVALID_INPUT', 'A custom server needs --image REF or --npm PACKAGE.', 'Example: switchyard server add mem --npm @modelcontextprotocol/server-memory');
  }
  return { image: options.image };
}

/**
 * A remote server from the add options: its URL (https, or plain http to this machine), transport and headers.
 * A header value may reference a secret as `${ENV}`, which `secretEnv` maps to the secret's key; a credential
 * written straight into a header is refused, since it would sit in settings.json in plain text.
 */
export function remoteServerSource(options: { remote: string; transport?: string; header: string[]; secretEnv: Record<string, string> }): { remote: RemoteEndpoint } {
  const problem = checkRemoteUrl(options.remote);
  if (problem) throw new SwitchyardError('INVALID_INPUT', `${problem}.`);
  const transport = options.transport ?? 'streamable-http';
  if (transport !== 'streamable-http' && transport !== 'sse') {
    throw new SwitchyardError('INVALID_INPUT', `--transport "${transport}" is not one of: streamable-http, sse.`, 'Most servers speak streamable-http; the older ones (URLs often ending in /sse) speak sse.');
  }
  const headers = parseHeaders(options.header);
  const example = `--header 'Authorization=Bearer \${TOKEN}' --secret <server>.token:TOKEN`;
  for (const [name, value] of Object.entries(headers)) {
    const references = envReferences(value);
    const unmapped = references.filter((reference) => options.secretEnv[reference] === undefined);
    if (unmapped.length > 0) {
      throw new SwitchyardError('INVALID_INPUT', `--header "${name}" references \${${unmapped[0]}}, which no --secret maps.`, `Map it to a secret: --secret <server>.<name>:${unmapped[0]}, then: switchyard secret set <server>.<name>`);
    }
    if (references.length === 0 && credentialHeader.test(name)) {
      throw new SwitchyardError('INVALID_INPUT', `--header "${name}" carries a credential written out, which would be stored in settings.json in plain text.`, `Keep it in a secret and reference it: ${example}, then: switchyard secret set <server>.token`);
    }
  }
  return { remote: { url: options.remote, transport, ...(Object.keys(headers).length > 0 ? { headers } : {}) } };
}

/** Enables a configured server, or adds a catalog entry of that name as a new, enabled server. */
export async function enableServer(home: string, name: string): Promise<ServerReadiness> {
  const store = new SettingsStore(home);
  const { settings } = store.load();
  if (!settings.servers[name]) {
    const found = findEntry((await loadSettingsCatalog(settings, home, true)).entries, name);
    if (!found) throw new SwitchyardError('SERVER_NOT_FOUND', `"${name}" is neither a configured server nor a catalog entry.`, `Search the catalog: switchyard catalog search ${name}`);
    const [entryName, record] = found;
    if (record.entry.type === 'poci') {
      throw new SwitchyardError('INVALID_INPUT', `Catalog entry "${entryName}" is a ${record.entry.type} server, which Switchyard cannot run yet.`);
    }
  }
  store.update((current) => {
    const existing = current.servers[name];
    if (existing) existing.enabled = true;
    else current.servers[name] = { catalog: name, enabled: true };
  });
  return inspectServer(name, home);
}

/** Sets one config value; a value the entry's schema refuses is not kept, and the error names the field. */
export async function setServerConfigValue(home: string, name: string, key: string, value: unknown): Promise<ServerReadiness> {
  const store = new SettingsStore(home);
  const before = requireServer(store, name).config;
  store.update((settings) => {
    const server = settings.servers[name]!;
    server.config = { ...server.config, [key]: value };
  });
  const report = await inspectServer(name, home);
  if (report.problem?.includes(`  ${key}:`)) {
    store.update((settings) => {
      const server = settings.servers[name]!;
      if (before === undefined) delete server.config;
      else server.config = before;
    });
    throw new SwitchyardError('INVALID_INPUT', `Not saved: ${report.problem}`);
  }
  return report;
}

export async function unsetServerConfigValue(home: string, name: string, key: string): Promise<ServerReadiness> {
  const store = new SettingsStore(home);
  requireServer(store, name);
  store.update((settings) => {
    const config = settings.servers[name]!.config;
    if (config) delete config[key];
  });
  return inspectServer(name, home);
}

/** Header names whose value is a credential: such a value must come from a secret. */
const credentialHeader = /^(authorization|proxy-authorization|cookie)$|api[-_]?key|token|secret|password/i;

/** `--header Name=Value` pairs. Errors name the header, never its value. */
function parseHeaders(pairs: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const name = eq > 0 ? pair.slice(0, eq).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      // Not echoed: a mistyped pair ("Authorization: Bearer ...") may hold the credential itself.
      throw new SwitchyardError('INVALID_INPUT', 'A --header is not Name=Value with an HTTP header name (not repeated here).', `Example: --header 'Authorization=Bearer \${TOKEN}' --secret <server>.token:TOKEN`);
    }
    const value = pair.slice(eq + 1);
    if (/[\r\n\0]/.test(value)) throw new SwitchyardError('INVALID_INPUT', `--header "${name}" has a line break or NUL in its value.`);
    headers[name] = value;
  }
  return headers;
}

function requireServer(store: SettingsStore, name: string) {
  const { settings } = store.load();
  const server = settings.servers[name];
  if (!server) throw new SwitchyardError('SERVER_NOT_FOUND', `No server named "${name}".`, `Configured: ${Object.keys(settings.servers).join(', ') || 'none'}.`);
  return server;
}
