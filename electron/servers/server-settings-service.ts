import type { ServerReadiness } from '../../shared/catalog-types.js';
import { SwitchyardError } from '../../shared/errors.js';
import { findEntry } from '../catalog/find-entry.js';
import type { Catalog } from '../catalog/catalog-loader.js';
import { configuredServerName, serverNameForEntry } from '../catalog/catalog-schema.js';
import { toolEntryRefusal } from '../catalog/launch-plan.js';
import { checkServerName } from '../runtime/server-definition.js';
import type { RemoteOAuth } from '../runtime/oauth/remote-oauth.js';
import { publicFailure, type StartFailureLog } from '../runtime/start-failures.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { ServerSettings } from '../settings/settings-schema.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { customServerSource, remoteServerSource, type CustomServerInput } from './custom-server-source.js';
import { unknownServer } from './server-errors.js';
import { resolveServerName } from './server-names.js';
import { inspectServer } from './server-readiness.js';

/**
 * Changes to one server's settings that the CLI and the control API both offer, written to settings.json (a
 * running gateway follows the file). Built once by the composition root from the settings store, the catalog
 * and the secret store; each change returns what the server still needs afterwards.
 */
export class ServerSettingsService {
  constructor(
    private readonly store: SettingsStore,
    private readonly catalog: () => Promise<Catalog>,
    private readonly secrets: () => Promise<SecretStore>,
    private readonly oauth?: RemoteOAuth,
    private readonly startFailures?: StartFailureLog,
  ) {}

  async inspect(name: string): Promise<ServerReadiness> {
    const report = await inspectServer(name, {
      settings: this.store.load().settings,
      catalog: this.catalog,
      secrets: this.secrets,
      ...(this.oauth ? { oauth: this.oauth } : {}),
    });
    const failure = this.startFailures?.get(report.name);
    return failure ? { ...report, lastFailure: publicFailure(failure) } : report;
  }

  /** The configured server `given` means (see resolveServerName): `SQLite` finds `sqlite`. */
  resolve(given: string): string {
    return resolveServerName(given, this.store.load().settings);
  }

  /** The server's config values (empty when none are set). */
  config(given: string): Record<string, unknown> {
    return this.existing(this.resolve(given)).config ?? {};
  }

  /** Adds (or replaces) a custom server: a Docker image, an npm package or a remote URL; checked before it is written. */
  async add(name: string, input: CustomServerInput): Promise<ServerReadiness> {
    const problem = checkServerName(name);
    if (problem) throw new SwitchyardError('INVALID_INPUT', problem, undefined, { field: 'name' });
    const secretEnv = input.secretEnv ?? {};
    if (input.remote) {
      const containerOptions = [input.image, input.npm, input.network, input.writable].some((value) => value !== undefined);
      if (containerOptions || (input.command ?? []).length > 0 || Object.keys(input.env ?? {}).length > 0) {
        throw new SwitchyardError(
          'INVALID_INPUT',
          'A remote server runs no container: an image, npm package, env, network, writable or a command do not apply to it.',
        );
      }
    }
    const source = input.remote
      ? remoteServerSource({
          remote: input.remote.url,
          headers: input.remote.headers ?? {},
          secretEnv,
          ...(input.remote.transport ? { transport: input.remote.transport } : {}),
        })
      : customServerSource(input);
    const entry: ServerSettings = {
      ...source,
      enabled: input.enabled ?? true,
      ...((input.command ?? []).length > 0 ? { command: input.command } : {}),
      ...(Object.keys(input.env ?? {}).length > 0 ? { env: input.env } : {}),
      ...(Object.keys(secretEnv).length > 0 ? { secretEnv } : {}),
      ...(input.network ? { network: true } : {}),
      ...(input.writable ? { readOnlyRootfs: false } : {}),
      ...(input.perSession ? { perSession: true } : {}),
    };
    this.store.update((settings) => {
      settings.servers[name] = entry;
    });
    return this.inspect(name);
  }

  /** Disables a configured server: its container stops, its settings stay. Returns the server's name. */
  disable(given: string): string {
    const name = this.resolve(given);
    this.store.update((settings) => {
      settings.servers[name]!.enabled = false;
    });
    return name;
  }

  /** Removes a configured server (its secrets stay in the store, under its name). Returns the server's name. */
  remove(given: string): string {
    const name = this.resolve(given);
    this.store.update((settings) => {
      delete settings.servers[name];
    });
    return name;
  }

  /**
   * Enables a configured server, or adds a catalog entry of that name as a new, enabled server named by
   * serverNameForEntry (`SQLite` -> `sqlite`); the readiness returned carries the server's name.
   */
  async enable(given: string): Promise<ServerReadiness> {
    const { settings } = this.store.load();
    let name = configuredServerName(given, settings.servers) ?? given;
    let catalogEntry = name;
    if (!settings.servers[name]) {
      const found = findEntry((await this.catalog()).entries, name);
      if (!found)
        throw new SwitchyardError(
          'SERVER_NOT_FOUND',
          `"${name}" is neither a configured server nor a catalog entry.`,
          `Search the catalog: switchyard catalog search ${name}`,
          { name },
        );
      const [entryName, record] = found;
      catalogEntry = entryName;
      name = serverNameForEntry(entryName);
      if (record.entry.type === 'poci') {
        const refusal = toolEntryRefusal(entryName, record.entry);
        throw new SwitchyardError('INVALID_INPUT', refusal.reason, refusal.hint, {
          entry: entryName,
          type: record.entry.type,
        });
      }
    }
    this.store.update((current) => {
      const existing = current.servers[name];
      if (existing) existing.enabled = true;
      else current.servers[name] = { catalog: catalogEntry, enabled: true };
    });
    return this.inspect(name);
  }

  /**
   * Sets one config value; a value the entry's schema refuses is not kept: the error's details carry the
   * readiness problems of that field (`details.problems`, with the field's JSON pointer and keyword).
   */
  async setConfig(given: string, key: string, value: unknown): Promise<ServerReadiness> {
    const name = this.resolve(given);
    const before = this.existing(name).config;
    this.store.update((settings) => {
      const server = settings.servers[name]!;
      server.config = { ...server.config, [key]: value };
    });
    const report = await this.inspect(name);
    const refused = report.problems.filter((problem) => problem.kind === 'invalid' && (problem.field === key || problem.field?.startsWith(`${key}.`)));
    if (refused.length > 0) {
      this.store.update((settings) => {
        const server = settings.servers[name]!;
        if (before === undefined) delete server.config;
        else server.config = before;
      });
      const lines = refused.map((problem) => (problem.kind === 'invalid' ? `${problem.field ?? key}: ${problem.message}` : ''));
      throw new SwitchyardError('INVALID_INPUT', `Not saved: "${name}" config ${lines.join('; ')}`, undefined, { server: name, key, problems: refused });
    }
    return report;
  }

  async unsetConfig(given: string, key: string): Promise<ServerReadiness> {
    const name = this.resolve(given);
    this.store.update((settings) => {
      const config = settings.servers[name]!.config;
      if (config) delete config[key];
    });
    return this.inspect(name);
  }

  private existing(name: string): ServerSettings {
    const { settings } = this.store.load();
    const server = settings.servers[name];
    if (!server) throw unknownServer(name, settings);
    return server;
  }
}
