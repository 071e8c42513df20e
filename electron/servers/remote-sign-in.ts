import type { SignInStatus } from '../../shared/catalog-types.js';
import { SwitchyardError } from '../../shared/errors.js';
import { findEntry } from '../catalog/find-entry.js';
import type { Catalog } from '../catalog/catalog-loader.js';
import { catalogRemoteEndpoint, configuredServerName } from '../catalog/catalog-schema.js';
import type { SignInOptions, SignInResult } from '../runtime/oauth/oauth-session.js';
import type { RemoteOAuth } from '../runtime/oauth/remote-oauth.js';
import type { RevocationOutcome } from '../runtime/oauth/token-revocation.js';
import type { SignInStart } from '../runtime/oauth/sign-in-attempts.js';
import type { Settings } from '../settings/settings-schema.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { unknownServer } from './server-errors.js';

/** Where a configured remote server is, as its sign-in needs it. */
export interface RemoteSignInTarget {
  name: string;
  url: string;
  /** The catalog entry declares OAuth. */
  declared: boolean;
}

/**
 * Sign-in, sign-out and sign-in state of the configured remote servers, for the CLI (`server auth`,
 * `server logout`, `server inspect`) and the control API (the server page's buttons): finds the server's URL
 * in the settings or its catalog entry, then hands over to the runtime's OAuth client.
 */
export class RemoteSignIn {
  constructor(
    private readonly store: SettingsStore,
    private readonly catalog: () => Promise<Catalog>,
    private readonly oauth: RemoteOAuth,
  ) {}

  async signIn(given: string, options: SignInOptions): Promise<SignInResult & { server: string }> {
    const target = await this.target(given);
    const result = await (await this.oauth.session(target.name, target.url, target.declared)).signIn(options);
    return { ...result, server: target.name };
  }

  /**
   * A sign-in for a window: answers with the authorization URL to open as soon as it is known, and goes on in
   * the background until the browser comes back (its progress is the status' `attempt`).
   */
  async beginSignIn(given: string): Promise<SignInStart> {
    const target = await this.target(given);
    return this.oauth.attempts.begin(await this.oauth.session(target.name, target.url, target.declared));
  }

  /** Cancels a sign-in a window started that waits for the browser; answers once its listener is closed. */
  async cancelSignIn(given: string): Promise<{ server: string; cancelled: boolean }> {
    const target = await this.target(given);
    return { server: target.name, cancelled: await this.oauth.attempts.cancel(target.name) };
  }

  async signOut(given: string): Promise<{ server: string; revocation: RevocationOutcome; forgotten: boolean }> {
    const target = await this.target(given);
    return { server: target.name, ...(await this.oauth.signOut(target.name, target.url)) };
  }

  async status(given: string): Promise<SignInStatus> {
    const target = await this.target(given);
    return this.oauth.status(target.name, target.url);
  }

  /** The remote server behind a name (as configured, or its catalog entry's name); refuses the others, saying why. */
  async target(given: string): Promise<RemoteSignInTarget> {
    const { settings } = this.store.load();
    const found = await remoteSignInTarget(given, settings, this.catalog);
    if (found) return found;
    const name = configuredServerName(given, settings.servers);
    if (name === undefined) throw unknownServer(given, settings, findEntry((await this.catalog()).entries, given)?.[0]);
    throw new SwitchyardError(
      'INVALID_INPUT',
      `Server "${name}" does not sign in with OAuth: it is not a remote server, or it sends its own Authorization header.`,
      `Only remote servers sign in (switchyard server inspect ${name}).`,
      { reason: 'not_oauth', server: name },
    );
  }
}

/** The sign-in target of a configured server, or undefined when it runs in a container or sends its own Authorization header. */
export async function remoteSignInTarget(given: string, settings: Settings, catalog: () => Promise<Catalog>): Promise<RemoteSignInTarget | undefined> {
  const name = configuredServerName(given, settings.servers);
  const server = name === undefined ? undefined : settings.servers[name];
  if (name === undefined || !server) return undefined;
  const ownAuthorization = (headers: Record<string, string> | undefined) =>
    Object.keys(headers ?? {}).some((header) => header.toLowerCase() === 'authorization');
  if (server.remote) return ownAuthorization(server.remote.headers) ? undefined : { name, url: server.remote.url, declared: false };
  if (!server.catalog) return undefined;
  const entry = findEntry((await catalog()).entries, server.catalog)?.[1].entry;
  const endpoint = entry ? catalogRemoteEndpoint(entry) : undefined;
  if (!entry || !endpoint || ownAuthorization(endpoint.headers)) return undefined;
  return { name, url: endpoint.url, declared: (entry.oauth?.providers?.length ?? 0) > 0 && Object.keys(endpoint.headers ?? {}).length === 0 };
}
