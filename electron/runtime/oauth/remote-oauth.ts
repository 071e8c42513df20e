import type { SignInStatus } from '../../../shared/catalog-types.js';
import type { SecretVault } from './oauth-vault.js';
import type { InteractiveSignIn, OAuthSession, SignInOptions, SignInResult } from './oauth-session.js';
import type { RevocationOutcome } from './token-revocation.js';
import { SignInAttempts } from './sign-in-attempts.js';

type Fetch = typeof fetch;

export interface RemoteOAuthOptions {
  secrets: () => Promise<SecretVault>;
  fetch?: Fetch;
  /** See OAuthSessionOptions.clientMetadataUrl (SWITCHYARD_OAUTH_CLIENT_METADATA_URL). */
  clientMetadataUrl?: string;
}

/**
 * The OAuth client of every remote server, built once (app/) and shared by the runtime (connections), the CLI
 * (`server auth`, `server logout`) and the control API (the window's Sign in / Sign out): one OAuthSession
 * per server and URL, so concurrent calls and a button press share one sign-in. The sessions' code (the SDK's
 * OAuth client) loads with the first session: a gateway of local servers never loads it.
 */
export class RemoteOAuth {
  private readonly sessions = new Map<string, Promise<OAuthSession>>();
  /** How the call path may sign in by itself (a browser it can open); unset: calls answer "sign in first". */
  interactive: InteractiveSignIn = () => undefined;
  /** Sign-ins a window started, running in the background (pending, or failed with the reason). */
  readonly attempts = new SignInAttempts(undefined, () => this.systemBrowser);
  /**
   * How this process opens the user's browser for a sign-in a window started: the desktop app's shell. Unset in
   * a headless gateway, where the window (web mode) opens the URL itself.
   */
  systemBrowser: ((url: string) => void | Promise<void>) | undefined;
  private readonly signedInListeners = new Set<(server: string) => void>();

  constructor(private readonly options: RemoteOAuthOptions) {}

  session(server: string, url: string, declared = false): Promise<OAuthSession> {
    const key = `${server}\n${url}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = import('./oauth-session.js').then(
        ({ OAuthSession }) =>
          new OAuthSession(server, url, this.options.secrets, this.options.fetch ?? fetch, () => this.interactive(), {
            declared,
            onSignedIn: () => {
              for (const listener of this.signedInListeners) listener(server);
            },
            ...(this.options.clientMetadataUrl ? { clientMetadataUrl: this.options.clientMetadataUrl } : {}),
          }),
      );
      this.sessions.set(key, session);
    }
    return session;
  }

  /** Calls back with the server's name after each sign-in that stored new tokens (CLI, window or a call's own). */
  onSignedIn(listener: (server: string) => void): () => void {
    this.signedInListeners.add(listener);
    return () => this.signedInListeners.delete(listener);
  }

  async signIn(server: string, url: string, options: SignInOptions): Promise<SignInResult> {
    return (await this.session(server, url)).signIn(options);
  }

  /** Revokes where the server supports it (RFC 7009), then forgets the tokens and the client we registered. */
  async signOut(server: string, url: string): Promise<{ revocation: RevocationOutcome; forgotten: boolean }> {
    const [session, { revokeTokens }] = await Promise.all([this.session(server, url), import('./token-revocation.js')]);
    const record = await session.status();
    const revocation = await revokeTokens(record, this.options.fetch ?? fetch);
    const forgotten = await session.forget();
    this.attempts.reset(server);
    return { revocation, forgotten };
  }

  async status(server: string, url: string): Promise<SignInStatus> {
    const record = await (await this.session(server, url)).status();
    const tokens = record.tokens;
    const renewable = tokens?.refresh_token !== undefined;
    const expired = tokens?.expires_at !== undefined && tokens.expires_at <= Date.now();
    const state = !tokens ? 'signed-out' : expired && !renewable ? 'expired' : 'signed-in';
    const attempt = this.attempts.get(server);
    return {
      state,
      renewable,
      ...(tokens?.expires_at !== undefined ? { expiresAt: new Date(tokens.expires_at).toISOString() } : {}),
      ...(record.scope ? { scope: record.scope } : {}),
      ...(record.client ? { clientId: record.client.client_id, ...(record.client.preregistered ? { preregistered: true } : {}) } : {}),
      ...(record.discovery?.authorizationServerUrl ? { authorizationServer: record.discovery.authorizationServerUrl } : {}),
      ...(attempt ? { attempt } : {}),
    };
  }
}
