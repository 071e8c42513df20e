import { randomBytes } from 'node:crypto';
import type {
  OAuthClientMetadata,
  OAuthClientProvider,
  OAuthDiscoveryState,
  StoredOAuthClientInformation,
  StoredOAuthTokens,
} from '@modelcontextprotocol/client';
import { SwitchyardError } from '../../../shared/errors.js';
import type { OAuthRecord } from './oauth-vault.js';

export interface StoredOAuthProviderOptions {
  server: string;
  /** The loopback listener's callback URL (interactive sign-in), or the one registered last time (call path). */
  redirectUrl: string;
  /** The loopback listener's state; a fresh random one when unset. */
  state?: string;
  /** A Client ID Metadata Document's https URL: the SDK uses it as the client id where the server supports them. */
  clientMetadataUrl?: string;
  /** Told the authorization URL when the SDK wants the user's browser to go there. */
  onAuthorizationUrl(url: URL): void | Promise<void>;
}

/**
 * The SDK's OAuthClientProvider over one server's stored record: the SDK runs discovery, registration, PKCE,
 * the token requests and refresh; this class keeps what it hands over (in memory, written through to the
 * secret store by `persist`) and refuses authorization servers that are not https (or this machine).
 */
export class StoredOAuthProvider implements OAuthClientProvider {
  private verifier: string | undefined;

  constructor(
    private readonly record: OAuthRecord,
    private readonly persist: (record: OAuthRecord) => Promise<void>,
    private readonly options: StoredOAuthProviderOptions,
  ) {}

  get redirectUrl(): string {
    return this.options.redirectUrl;
  }

  get clientMetadataUrl(): string | undefined {
    return this.options.clientMetadataUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    return { client_name: 'Switchyard', redirect_uris: [this.options.redirectUrl] };
  }

  state(): string {
    return this.options.state ?? randomBytes(24).toString('base64url');
  }

  clientInformation(): StoredOAuthClientInformation | undefined {
    return this.record.client;
  }

  async saveClientInformation(information: StoredOAuthClientInformation): Promise<void> {
    const preregistered = this.record.client?.preregistered === true && this.record.client.client_id === information.client_id;
    this.record.client = { ...information, ...(preregistered ? { preregistered: true } : {}) };
    await this.persist(this.record);
  }

  tokens(): StoredOAuthTokens | undefined {
    return this.record.tokens;
  }

  async saveTokens(tokens: StoredOAuthTokens): Promise<void> {
    const now = Date.now();
    this.record.tokens = {
      ...tokens,
      obtained_at: now,
      ...(typeof tokens.expires_in === 'number' ? { expires_at: now + tokens.expires_in * 1000 } : {}),
    };
    await this.persist(this.record);
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    await this.options.onAuthorizationUrl(authorizationUrl);
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.verifier = codeVerifier;
  }

  codeVerifier(): string {
    if (!this.verifier) throw new SwitchyardError('INTERNAL', `Sign-in to "${this.options.server}": no PKCE code verifier was kept for this sign-in.`);
    return this.verifier;
  }

  async invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): Promise<void> {
    if (scope === 'all' || scope === 'tokens') delete this.record.tokens;
    if ((scope === 'all' || scope === 'client') && !this.record.client?.preregistered) delete this.record.client;
    if (scope === 'all' || scope === 'discovery') delete this.record.discovery;
    if (scope === 'all' || scope === 'verifier') this.verifier = undefined;
    await this.persist(this.record);
  }

  async saveDiscoveryState(state: OAuthDiscoveryState): Promise<void> {
    checkAuthorizationServer(this.options.server, state);
    this.record.discovery = state;
    await this.persist(this.record);
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.record.discovery;
  }
}

/**
 * The MCP authorization spec requires every authorization server endpoint to be https; plain http is accepted
 * only on this machine (a local development server). Checked before anything is sent to the server or the
 * browser is opened.
 */
function checkAuthorizationServer(server: string, state: OAuthDiscoveryState): void {
  const metadata = state.authorizationServerMetadata as Record<string, unknown> | undefined;
  const endpoints: Array<[string, unknown]> = [
    ['authorization server', state.authorizationServerUrl],
    ['issuer', metadata?.issuer],
    ['authorization_endpoint', metadata?.authorization_endpoint],
    ['token_endpoint', metadata?.token_endpoint],
    ['registration_endpoint', metadata?.registration_endpoint],
    ['revocation_endpoint', metadata?.revocation_endpoint],
  ];
  for (const [what, value] of endpoints) {
    if (typeof value !== 'string') continue;
    const problem = insecureEndpointProblem(value);
    if (problem)
      throw new SwitchyardError(
        'UNAUTHORIZED',
        `Sign-in to "${server}" refused: its ${what} ${value} ${problem}.`,
        'The MCP authorization spec requires https for authorization servers (plain http only on this machine); ask the server operator to fix its metadata.',
        { reason: 'insecure_authorization_server', server, field: what, url: value },
      );
  }
}

/** Why an authorization-server URL may not be used, or undefined when it is https or on this machine. */
export function insecureEndpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol !== 'http:') return `uses ${url.protocol.replace(/:$/, '')}, not https`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)) return undefined;
  return 'is plain http on another machine (tokens and codes would travel unencrypted)';
}
