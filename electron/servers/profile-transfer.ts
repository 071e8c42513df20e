import { z } from 'zod';
import { SwitchyardError } from '../../shared/errors.js';
import type { ProfileImportResult } from '../../shared/profile-types.js';
import type { Catalog } from '../catalog/catalog-loader.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { ProfileSettingsSchema, ServerSettingsSchema, type ServerSettings } from '../settings/settings-schema.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { checkProfileName, ProfileService } from './profile-service.js';
import { inspectServer } from './server-readiness.js';

/** The version of the export format; an importer refuses a newer one by name. */
export const profileFormatVersion = 1;

/** Where a server comes from, and its non-secret settings: enough to configure it on another machine. */
const ExportedServerSchema = z
  .object({
    catalog: z.string().optional(),
    image: z.string().optional(),
    npm: z.string().optional(),
    remote: z
      .object({ url: z.string(), transport: z.enum(['streamable-http', 'sse']).optional(), headers: z.record(z.string(), z.string()).optional() })
      .optional(),
    command: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    network: z.boolean().optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    /** Custom servers: `{ENV_NAME: "<server>.<secret>"}` (keys of secrets, never values). */
    secretEnv: z.record(z.string(), z.string()).optional(),
    allow: z.array(z.string()).optional(),
    listed: z.boolean().optional(),
    /** The secret keys it reads (for people reading the file; the importer asks the secret store itself). */
    secrets: z.array(z.string()).optional(),
  })
  .strict();

const ExportedProfileSchema = z
  .object({
    switchyardProfile: z.number().int(),
    name: z.string(),
    description: z.string().optional(),
    dynamic: z.boolean().optional(),
    deny: ProfileSettingsSchema.shape.deny.optional(),
    servers: z.record(z.string(), ExportedServerSchema).default({}),
  })
  .strict();

/** Secret values shorter than this are not searched for in an export (they would match ordinary text). */
const minSecretLength = 4;

/**
 * A profile as a versioned YAML file (`profile export` / `profile import`): its servers by reference (catalog
 * entry, image, npm package or URL) with their config values, never a secret value: the file names the secret
 * keys, and the importer is told which ones to set. Before an export is handed out, it is searched for every
 * stored secret value, and a value found (say, pasted into an env variable) is withheld.
 */
export class ProfileTransfer {
  constructor(
    private readonly store: SettingsStore,
    private readonly catalog: () => Promise<Catalog>,
    private readonly secrets: () => Promise<SecretStore>,
  ) {}

  async export(name: string): Promise<{ name: string; text: string; withheld: number }> {
    const profile = new ProfileService(this.store).get(name);
    const { settings } = this.store.load();
    const servers: Record<string, z.infer<typeof ExportedServerSchema>> = {};
    for (const member of profile.servers) {
      const server = settings.servers[member.name];
      if (!server) continue;
      const readiness = await inspectServer(member.name, { settings, catalog: this.catalog, secrets: this.secrets }).catch(() => undefined);
      const secretKeys = readiness?.secrets.map((secret) => secret.key) ?? [];
      servers[member.name] = {
        ...sourceOf(server),
        ...(member.allow ? { allow: member.allow } : {}),
        ...(member.listed === false ? { listed: false } : {}),
        ...(secretKeys.length > 0 ? { secrets: secretKeys } : {}),
      };
    }
    const document = {
      switchyardProfile: profileFormatVersion,
      name: profile.name,
      ...(profile.description && !profile.builtIn ? { description: profile.description } : {}),
      ...(profile.dynamic ? { dynamic: true } : {}),
      ...(profile.deny.length > 0 ? { deny: profile.deny } : {}),
      servers,
    };
    const header = '# A Switchyard profile: `switchyard profile import FILE`. It holds no secret values; the import says which secrets to set.\n';
    const { value, withheld } = await this.withoutSecretValues(document);
    const { stringify } = await import('./profile-yaml.js');
    return { name: profile.name, text: header + stringify(value), withheld };
  }

  /** Configures the servers the file names that are not configured here, then creates the profile. */
  async import(text: string, options: { name?: string; replace?: boolean } = {}): Promise<ProfileImportResult> {
    const { parseDocument } = await import('./profile-yaml.js');
    const parsedYaml = parseDocument(text);
    if (parsedYaml.errors.length > 0) {
      throw new SwitchyardError('INVALID_INPUT', `The profile file is not valid YAML: ${parsedYaml.errors[0]!.message}`, undefined, { field: 'text' });
    }
    const raw: unknown = parsedYaml.toJS();
    const version = (raw as { switchyardProfile?: unknown } | null)?.switchyardProfile;
    if (typeof version === 'number' && version > profileFormatVersion) {
      throw new SwitchyardError(
        'INVALID_INPUT',
        `The profile file has format ${version}; this Switchyard reads format ${profileFormatVersion}.`,
        'Update Switchyard to import it.',
        {
          version,
        },
      );
    }
    const checked = ExportedProfileSchema.safeParse(raw);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new SwitchyardError(
        'INVALID_INPUT',
        `The profile file is not a Switchyard profile: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
        undefined,
        {
          field: issue.path.join('.'),
        },
      );
    }
    const exported = checked.data;
    const name = options.name ?? exported.name;
    checkProfileName(name);
    const serversAdded: string[] = [];
    this.store.update((settings) => {
      if (settings.profiles[name] && !options.replace) {
        throw new SwitchyardError(
          'INVALID_INPUT',
          `A profile named "${name}" exists already.`,
          'Import it under another name (--name) or replace it (--replace).',
          {
            profile: name,
          },
        );
      }
      for (const [server, entry] of Object.entries(exported.servers)) {
        if (settings.servers[server]) continue;
        settings.servers[server] = serverSettingsOf(server, entry);
        serversAdded.push(server);
      }
      settings.profiles[name] = {
        ...(exported.description ? { description: exported.description } : {}),
        servers: Object.fromEntries(
          Object.entries(exported.servers).map(([server, entry]) => [
            server,
            { ...(entry.allow ? { allow: entry.allow } : {}), ...(entry.listed === false ? { listed: false } : {}) },
          ]),
        ),
        deny: exported.deny ?? [],
        dynamic: exported.dynamic ?? false,
      };
    });
    const settings = this.store.load().settings;
    const secretsToSet: ProfileImportResult['secretsToSet'] = [];
    for (const server of Object.keys(exported.servers)) {
      const readiness = await inspectServer(server, { settings, catalog: this.catalog, secrets: this.secrets }).catch(() => undefined);
      for (const secret of readiness?.secrets ?? []) {
        if (!secret.set) secretsToSet.push({ server, key: secret.key, env: secret.env, required: secret.required });
      }
    }
    return { profile: new ProfileService(this.store).get(name), serversAdded, secretsToSet };
  }

  /** Every string of the document with each stored secret value in it replaced by a marker naming the secret. */
  private async withoutSecretValues<T>(document: T): Promise<{ value: T; withheld: number }> {
    const store = await this.secrets();
    const values: Array<{ key: string; value: string }> = [];
    for (const key of await store.list()) {
      const value = await store.get(key);
      if (value && value.length >= minSecretLength) values.push({ key, value });
    }
    const found = new Set<string>();
    const clean = (node: unknown): unknown => {
      if (typeof node === 'string') {
        let out = node;
        for (const { key, value } of values) {
          if (!out.includes(value)) continue;
          found.add(key);
          out = out.split(value).join(`<withheld: secret ${key}>`);
        }
        return out;
      }
      if (Array.isArray(node)) return node.map(clean);
      if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, value]) => [clean(key) as string, clean(value)]));
      return node;
    };
    return { value: clean(document) as T, withheld: found.size };
  }
}

/** A server's source and non-secret settings, as the export carries them. */
function sourceOf(server: ServerSettings): z.infer<typeof ExportedServerSchema> {
  return {
    ...(server.catalog ? { catalog: server.catalog } : {}),
    ...(server.image ? { image: server.image } : {}),
    ...(server.npm ? { npm: server.npm } : {}),
    ...(server.remote
      ? { remote: { url: server.remote.url, transport: server.remote.transport, ...(server.remote.headers ? { headers: server.remote.headers } : {}) } }
      : {}),
    ...(server.command ? { command: server.command } : {}),
    ...(server.env ? { env: server.env } : {}),
    ...(server.network !== undefined ? { network: server.network } : {}),
    ...(server.config ? { config: server.config } : {}),
    ...(server.secretEnv ? { secretEnv: server.secretEnv } : {}),
  };
}

/** The settings entry an imported server gets; checked like any other, so a bad entry names its field. */
function serverSettingsOf(name: string, entry: z.infer<typeof ExportedServerSchema>): ServerSettings {
  const { allow: _allow, listed: _listed, secrets: _secrets, ...source } = entry;
  const checked = ServerSettingsSchema.safeParse({ ...source, enabled: true });
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new SwitchyardError('INVALID_INPUT', `Server "${name}" in the profile file: ${issue.path.join('.') || 'entry'}: ${issue.message}`, undefined, {
      field: `servers.${name}.${issue.path.join('.')}`,
    });
  }
  return checked.data;
}
