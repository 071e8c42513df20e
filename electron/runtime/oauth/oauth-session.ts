import {
  auth,
  computeScopeUnion,
  discoverAuthorizationServerMetadata,
  discoverOAuthProtectedResourceMetadata,
  extractWWWAuthenticateParams,
} from '@modelcontextprotocol/client';
import { SwitchyardError } from '../../../shared/errors.js';
import { LoopbackReceiver } from './loopback-receiver.js';
import { describeOAuthFailure, SignInNeeded, signInRequired, type SignInReason } from './oauth-failure.js';
import { OAuthVault, type OAuthRecord } from './oauth-vault.js';
import { insecureEndpointProblem, StoredOAuthProvider } from './stored-oauth-provider.js';

type Fetch = typeof fetch;

/** What a 401 or a 403 `insufficient_scope` said (RFC 6750 §3 / RFC 9728 §5.1). */
export interface AuthChallenge {
  resourceMetadataUrl?: URL;
  scope?: string;
  error?: string;
}

export interface SignInOptions {
  /** Sends the user's browser to the authorization URL (the desktop app's shell, a printed URL, SWITCHYARD_BROWSER). */
  openBrowser(url: URL): void | Promise<void>;
  /** How long to wait for the browser to come back (default 5 minutes). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Scopes to ask for besides those granted before (a step-up). */
  scope?: string;
  challenge?: AuthChallenge;
  /** A client registered out of band (the user's or the catalog entry's) instead of dynamic registration. */
  client?: { client_id: string; client_secret?: string };
}

export interface SignInResult {
  /** False when the server answered without asking for credentials: nothing to sign in to. */
  required: boolean;
  expiresAt?: number;
  scope?: string;
}

/** Tells the session how to run a sign-in the call path needs; undefined: answer "sign in first" instead. */
export type InteractiveSignIn = () => Omit<SignInOptions, 'scope' | 'challenge' | 'client'> | undefined;

export interface OAuthSessionOptions {
  /** The catalog entry says the server signs in with OAuth (no discovery needed to know it). */
  declared?: boolean;
  /** Told after every sign-in that stored new tokens (the gateway clears a "needs you to sign in" failure). */
  onSignedIn?: () => void;
  /**
   * The https URL of a Client ID Metadata Document describing Switchyard, used as the client id where the
   * authorization server supports them (else Switchyard registers dynamically).
   */
  clientMetadataUrl?: string;
}

const defaultSignInTimeoutMs = 5 * 60_000;
/** Refresh this long before the access token's stated expiry, so no request goes out with a dying token. */
const refreshMarginMs = 30_000;

/**
 * One remote server's OAuth sign-in in this process, shared by every connection to it: the access token for
 * each request (refreshed before it expires), what to do on a 401 (refresh, else sign in) and on a 403
 * `insufficient_scope` (sign in again with the wider scope), the interactive sign-in itself, and sign-out.
 * The protocol (discovery, registration, PKCE, token and refresh requests) is the MCP SDK's `auth()`; only
 * the browser step, storage and the decisions about when to ask the user are ours. At most one sign-in and
 * one refresh run at a time, however many calls are waiting for them.
 */
export class OAuthSession {
  private record: OAuthRecord | undefined;
  private signingIn: Promise<SignInResult> | undefined;
  private refreshing: Promise<void> | undefined;
  private writes: Promise<void> = Promise.resolve();
  private readonly vault: OAuthVault;
  private oauthFound: boolean | undefined;

  constructor(
    readonly server: string,
    readonly serverUrl: string,
    secrets: ConstructorParameters<typeof OAuthVault>[0],
    private readonly fetchFn: Fetch = fetch,
    private readonly interactive: InteractiveSignIn = () => undefined,
    private readonly more: OAuthSessionOptions = {},
  ) {
    this.vault = new OAuthVault(secrets, server);
    this.oauthFetch = refusingInsecure(server, async (input, init) => {
      const response = await fetchFn(input, init);
      if (response.status >= 500) this.lastServerError = { status: response.status, url: String(input instanceof Request ? input.url : input) };
      return response;
    });
  }

  /** The last HTTP 5xx an authorization server answered (the SDK's error keeps the server's text, not the status). */
  private lastServerError: { status: number; url: string } | undefined;

  /** `fetch` for the OAuth flow: nothing goes to an authorization server over plain http on another machine. */
  private readonly oauthFetch: Fetch;

  /** The stored sign-in as it is now (re-read from the secret store: another process may have signed in). */
  async status(): Promise<OAuthRecord> {
    this.record = await this.vault.load();
    return this.record;
  }

  /** The access token for the next request, refreshed first when it is about to expire; undefined when not signed in. */
  async accessToken(): Promise<string | undefined> {
    this.record ??= await this.vault.load();
    const tokens = this.record.tokens;
    if (tokens?.refresh_token && tokens.expires_at !== undefined && Date.now() > tokens.expires_at - refreshMarginMs) {
      await this.refresh().catch(() => undefined); // a failed refresh leaves no token: the 401 that follows says what to do
    }
    return this.record.tokens?.access_token;
  }

  /**
   * Whether a 401 from this server is an OAuth challenge (rather than a refused static credential): a sign-in
   * was stored before, the challenge names resource metadata, the catalog says so, or the server publishes
   * protected resource metadata (RFC 9728 well-known URLs) or, for 2025-03-26 servers, authorization server
   * metadata at its origin. Asked once per session.
   */
  async usesOAuth(challenge: AuthChallenge): Promise<boolean> {
    if (this.more.declared || challenge.resourceMetadataUrl) return true;
    const record = await this.status();
    if (record.tokens || record.client || record.discovery) return true;
    if (this.oauthFound === undefined) {
      const found = await discoverOAuthProtectedResourceMetadata(this.serverUrl, {}, this.oauthFetch).then(
        () => true,
        () => false,
      );
      this.oauthFound =
        found ||
        (await discoverAuthorizationServerMetadata(new URL('/', this.serverUrl), { fetchFn: this.oauthFetch }).then(
          (metadata) => metadata !== undefined,
          () => false,
        ));
    }
    return this.oauthFound;
  }

  /**
   * A 401 came back for a request that carried `sentToken`: use a token another process stored since, else
   * refresh, else sign in (interactively when this process can open a browser, otherwise a SIGN_IN error).
   */
  async unauthorized(challenge: AuthChallenge, sentToken: string | undefined): Promise<void> {
    const latest = await this.status();
    if (latest.tokens?.access_token && latest.tokens.access_token !== sentToken) return;
    const moved = await this.movedAuthorizationServer(latest, challenge);
    if (moved) {
      // The resource now trusts another authorization server (SEP-2352): the old grant and what discovery found
      // are of no use there; the sign-in that follows discovers again and registers again (the SDK drops a client
      // stamped with the old issuer).
      await this.persist({ ...(latest.client ? { client: latest.client } : {}), ...(latest.scope ? { scope: latest.scope } : {}) });
      return this.signInOnDemand(challenge, 'authorization_server_changed', moved);
    }
    if (latest.tokens?.refresh_token) {
      try {
        await this.refresh(challenge);
        if (this.record?.tokens?.access_token && this.record.tokens.access_token !== sentToken) return;
      } catch (error) {
        if (!(error instanceof SignInNeeded)) throw describeOAuthFailure(error, this.server);
      }
    }
    await this.signInOnDemand(challenge, sentToken ? 'expired' : 'not_signed_in');
  }

  /** A 403 `insufficient_scope`: sign in again asking for what was granted plus what the server now asks for. */
  async insufficientScope(challenge: AuthChallenge): Promise<void> {
    const record = await this.status();
    const scope = computeScopeUnion(record.scope, record.tokens?.scope, challenge.scope);
    await this.signInOnDemand({ ...challenge, ...(scope ? { scope } : {}) }, 'insufficient_scope');
  }

  /** Signs in through the browser; concurrent callers share one sign-in. */
  signIn(options: SignInOptions): Promise<SignInResult> {
    this.signingIn ??= this.runSignIn(options).finally(() => (this.signingIn = undefined));
    return this.signingIn;
  }

  /**
   * Forgets the sign-in here: the tokens, what discovery found, and a client we registered (a client the user
   * gave stays, for the next sign-in). Revocation is the caller's (token-revocation.ts).
   */
  async forget(): Promise<boolean> {
    await this.writes;
    const client = (await this.vault.load()).client;
    this.record = undefined;
    const removed = await this.vault.clear();
    if (client?.preregistered) await this.vault.save({ client });
    return removed;
  }

  /**
   * The authorization server the resource names now, when it is not the one the stored sign-in came from: the
   * protected resource metadata is read again (a 401 is rare, so this costs one request now and then).
   * Undefined when nothing was discovered before, the metadata cannot be read, or it still names that server.
   */
  private async movedAuthorizationServer(record: OAuthRecord, challenge: AuthChallenge): Promise<string | undefined> {
    const stored = record.discovery?.authorizationServerUrl;
    if (!stored) return undefined;
    const metadata = await discoverOAuthProtectedResourceMetadata(
      this.serverUrl,
      challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {},
      this.oauthFetch,
    ).catch(() => undefined);
    const named = metadata?.authorization_servers ?? [];
    if (named.length === 0 || named.some((server) => sameUrl(server, stored))) return undefined;
    return named[0];
  }

  private async signInOnDemand(challenge: AuthChallenge, reason: SignInReason, detail?: string): Promise<void> {
    const interactive = this.interactive();
    if (!interactive) throw signInRequired(this.server, this.serverUrl, reason, reason === 'authorization_server_changed' ? detail : challenge.scope);
    await this.signIn({ ...interactive, challenge, ...(challenge.scope ? { scope: challenge.scope } : {}) });
  }

  private refresh(challenge: AuthChallenge = {}): Promise<void> {
    this.refreshing ??= (async () => {
      const record = await this.status();
      const provider = new StoredOAuthProvider(record, (next) => this.persist(next), {
        server: this.server,
        redirectUrl: record.client?.redirect_uris?.[0] ?? 'http://127.0.0.1/oauth/callback',
        ...(this.more.clientMetadataUrl ? { clientMetadataUrl: this.more.clientMetadataUrl } : {}),
        onAuthorizationUrl: () => {
          throw new SignInNeeded();
        },
      });
      // With a refresh token stored, auth() refreshes; when the server refuses the refresh it drops the tokens
      // and asks for the browser, which the call path cannot open: SignInNeeded.
      await auth(provider, {
        serverUrl: this.serverUrl,
        fetchFn: this.oauthFetch,
        ...(challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {}),
      });
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async runSignIn(options: SignInOptions): Promise<SignInResult> {
    const challenge = options.challenge ?? (await this.probe());
    if (!challenge) return { required: false };
    // A copy: the tokens in use stay in use until the new ones arrive (a failed step-up keeps the old grant).
    const record = structuredClone(await this.status());
    const inUse = record.tokens;
    delete record.tokens;
    // Discover again at every sign-in: the resource may have moved to another authorization server since
    // (then the SDK registers again there, dropping a client stamped with the old issuer).
    delete record.discovery;
    if (options.client) record.client = { ...options.client, preregistered: true };
    const registered = record.client?.redirect_uris?.[0];
    const receiver = await LoopbackReceiver.listen({ serverName: this.server, ...(registered ? { preferredPort: loopbackPort(registered) } : {}) });
    // A client we registered for another redirect URI registers again (random ports differ between sign-ins).
    if (
      record.client &&
      !record.client.preregistered &&
      !isUrlClientId(record.client.client_id) &&
      !record.client.redirect_uris?.includes(receiver.redirectUrl)
    ) {
      delete record.client;
    }
    let authorizationUrl: URL | undefined;
    // What the sign-in stores on its way (discovery, a registered client) keeps the tokens in use until new ones arrive.
    const keepInUse = (next: OAuthRecord): OAuthRecord => (next.tokens || !inUse ? next : { ...next, tokens: inUse });
    const provider = new StoredOAuthProvider(record, (next) => this.persist(keepInUse(next)), {
      server: this.server,
      redirectUrl: receiver.redirectUrl,
      state: receiver.state,
      ...(this.more.clientMetadataUrl ? { clientMetadataUrl: this.more.clientMetadataUrl } : {}),
      onAuthorizationUrl: (url) => void (authorizationUrl = url),
    });
    const scope = options.scope ?? challenge.scope;
    const common = {
      serverUrl: this.serverUrl,
      fetchFn: this.oauthFetch,
      ...(scope ? { scope } : {}),
      ...(challenge.resourceMetadataUrl ? { resourceMetadataUrl: challenge.resourceMetadataUrl } : {}),
    };
    try {
      const first = await auth(provider, { ...common, forceReauthorization: true });
      if (first === 'REDIRECT') {
        if (!authorizationUrl) throw new SwitchyardError('INTERNAL', `Sign-in to "${this.server}": the SDK asked for a redirect without a URL.`);
        await options.openBrowser(authorizationUrl);
        const callback = await receiver.wait(options.timeoutMs ?? defaultSignInTimeoutMs, options.signal);
        await auth(provider, { ...common, authorizationCode: callback.code, ...(callback.iss !== undefined ? { iss: callback.iss } : {}) });
      }
      const granted = provider.tokens();
      if (!granted) throw new SwitchyardError('UNAUTHORIZED', `Sign-in to "${this.server}" ended without a token.`);
      record.scope = computeScopeUnion(scope, granted.scope);
      await this.persist(record);
      this.more.onSignedIn?.();
      const expiresAt = (granted as OAuthRecord['tokens'])?.expires_at;
      return { required: true, ...(expiresAt ? { expiresAt } : {}), ...(record.scope ? { scope: record.scope } : {}) };
    } catch (error) {
      throw describeOAuthFailure(error, this.server, this.lastServerError);
    } finally {
      this.lastServerError = undefined;
      await receiver.close();
    }
  }

  /**
   * What the server says to a request without credentials: its 401 challenge (resource metadata URL and
   * scope, from the header the spec looks at first), or undefined when it answers without asking for any.
   */
  private async probe(): Promise<AuthChallenge | undefined> {
    let response: Response;
    try {
      response = await this.fetchFn(this.serverUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 'switchyard-sign-in',
          method: 'initialize',
          params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'switchyard', version: '0' } },
        }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw describeOAuthFailure(error, this.server);
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.status !== 401 && response.status !== 403) return undefined;
    return extractWWWAuthenticateParams(response);
  }

  /** Writes one after another, so a refresh and a sign-in finishing together never store half of each. */
  private persist(record: OAuthRecord): Promise<void> {
    this.record = record;
    const snapshot = structuredClone(record);
    this.writes = this.writes.catch(() => undefined).then(() => this.vault.save(snapshot));
    return this.writes;
  }
}

/** Two URLs of one server, whatever their trailing slash. */
function sameUrl(a: string, b: string): boolean {
  const normal = (value: string) => {
    try {
      return new URL(value).href.replace(/\/$/, '');
    } catch {
      return value.replace(/\/$/, '');
    }
  };
  return normal(a) === normal(b);
}

function loopbackPort(redirectUrl: string): number | undefined {
  try {
    const url = new URL(redirectUrl);
    return url.hostname === '127.0.0.1' && url.port ? Number(url.port) : undefined;
  } catch {
    return undefined;
  }
}

/** A Client ID Metadata Document URL (https, with a path) stands for itself: it is never re-registered. */
function isUrlClientId(clientId: string): boolean {
  return /^https:\/\/[^/]+\/./.test(clientId);
}

/** Wraps the OAuth flow's fetch: a URL that is plain http on another machine is refused before anything is sent. */
function refusingInsecure(server: string, base: Fetch): Fetch {
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const problem = insecureEndpointProblem(url);
    if (problem)
      return Promise.reject(
        new SwitchyardError(
          'UNAUTHORIZED',
          `Sign-in to "${server}" refused: its authorization server ${new URL(url).origin} ${problem}.`,
          'The MCP authorization spec requires https for authorization servers (plain http only on this machine); ask the server operator to fix its metadata.',
          { reason: 'insecure_authorization_server', server, url },
        ),
      );
    return base(input, init);
  };
}
