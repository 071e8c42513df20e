import { OAuth2Server } from 'oauth2-mock-server';
import type { RemoteMcpAuth } from './remote-mcp-server.js';

/**
 * A local OAuth authorization server for the tests (the npm package oauth2-mock-server, on 127.0.0.1: it signs
 * real JWTs, checks PKCE, and approves every authorization request at once, as a user clicking Allow would),
 * plus what the tests need to see and steer: every authorization request's parameters, every token request's
 * grant, which access tokens the resource server accepts, revoked refresh tokens, an AS that fails on demand.
 */
export class TestAuthorizationServer {
  readonly server = new OAuth2Server();
  readonly authorizations: Array<Record<string, string>> = [];
  readonly grants: string[] = [];
  /** Requests to the revocation endpoint (RFC 7009). */
  revocations = 0;
  /** The refresh token issued last. */
  lastRefreshToken: string | undefined;
  /** Access tokens the resource server accepts (an expired or revoked one is simply no longer here). */
  readonly valid = new Set<string>();
  readonly refused = new Set<string>();
  /** Answer every token request with HTTP 500. */
  failing = false;
  /** `expires_in` of the tokens it issues (the mock's own default otherwise). */
  expiresIn: number | undefined;
  /** Dynamic client registrations (RFC 7591) it answered: the metadata each client sent. */
  readonly registrations: Array<Record<string, unknown>> = [];
  /** Advertise `client_id_metadata_document_supported` (Client ID Metadata Documents) in its metadata. */
  cimd = false;
  /** The scope granted with each access token (from the authorization request, or the grant refreshed). */
  readonly scopes = new Map<string, string>();
  /** The resource server asks for this scope (403 `insufficient_scope`) on requests of these HTTP methods. */
  requiredScope: { methods: string[]; scope: string } | undefined;
  private readonly codeScopes = new Map<string, string>();
  private readonly refreshScopes = new Map<string, string>();

  get issuer(): string {
    return this.server.issuer.url!;
  }

  async start(): Promise<void> {
    await this.server.issuer.keys.generate('RS256');
    await this.server.start(0, '127.0.0.1');
    this.server.service.on('beforeAuthorizeRedirect', (redirect: { url: URL }, req: { query: Record<string, string> }) => {
      this.authorizations.push({ ...req.query });
      const code = redirect.url.searchParams.get('code');
      if (code) this.codeScopes.set(code, req.query.scope ?? '');
    });
    this.server.service.on('beforeResponse', (response: { body: Record<string, unknown>; statusCode: number }, req: { body: Record<string, string> }) => {
      const grant = req.body.grant_type ?? '';
      this.grants.push(grant);
      if (this.failing) {
        response.statusCode = 500;
        response.body = { error: 'server_error', error_description: 'the test made it fail' };
        return;
      }
      if (grant === 'refresh_token' && this.refused.has(req.body.refresh_token ?? '')) {
        response.statusCode = 400;
        response.body = { error: 'invalid_grant', error_description: 'refresh token revoked' };
        return;
      }
      if (this.expiresIn !== undefined) response.body.expires_in = this.expiresIn;
      const granted = grant === 'authorization_code' ? this.codeScopes.get(req.body.code ?? '') : this.refreshScopes.get(req.body.refresh_token ?? '');
      if (granted !== undefined) response.body.scope = granted;
      if (typeof response.body.access_token === 'string') {
        this.valid.add(response.body.access_token);
        this.scopes.set(response.body.access_token, granted ?? '');
      }
      if (typeof response.body.refresh_token === 'string') {
        this.lastRefreshToken = response.body.refresh_token;
        this.refreshScopes.set(response.body.refresh_token, granted ?? '');
      }
    });
    this.server.service.on('beforeRevoke', () => void this.revocations++);
    // Dynamic client registration (RFC 7591), which the mock has not built in: every request gets a new client id.
    this.server.service.on('beforeWellKnownOpenIdConfiguration', (response: { body: Record<string, unknown> }) => {
      response.body.registration_endpoint = `${this.issuer}/register`;
      if (this.cimd) response.body.client_id_metadata_document_supported = true;
    });
    this.server.service.addRoute('POST', '/register', (req, res) => {
      const metadata = (req as unknown as { body: Record<string, unknown> }).body;
      this.registrations.push(metadata);
      const port = new URL(this.issuer).port;
      const client = { ...metadata, client_id: `registered-${port}-${this.registrations.length}`, client_id_issued_at: Math.floor(Date.now() / 1000) };
      res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(client));
    });
  }

  /** The resource server's side: accept only tokens this server issued and still counts valid; publish RFC 9728 metadata. */
  protect(options: { resource?: (base: string) => string; authorizationServer?: string } = {}): RemoteMcpAuth {
    return {
      accepts: (token) => token !== undefined && this.valid.has(token),
      challenge: (base) => `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp", scope="mcp.tools"`,
      documents: (base) => ({
        '/.well-known/oauth-protected-resource/mcp': {
          resource: options.resource?.(base) ?? `${base}/mcp`,
          authorization_servers: [options.authorizationServer ?? this.issuer],
          scopes_supported: ['mcp.tools'],
        },
      }),
      insufficientScope: (token, request, base) => {
        const required = this.requiredScope;
        if (!required || !required.methods.includes(request.method)) return undefined;
        const granted = new Set((this.scopes.get(token ?? '') ?? '').split(' '));
        if (required.scope.split(' ').every((scope) => granted.has(scope))) return undefined;
        return `Bearer error="insufficient_scope", scope="${required.scope}", resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`;
      },
    };
  }

  /** The last refresh token is refused from now on (revoked by the user at the provider), and every access token with it. */
  revokeGrant(): void {
    if (this.lastRefreshToken) this.refused.add(this.lastRefreshToken);
    this.valid.clear();
  }

  /** Every access token stops working at the resource server (as when they expire). */
  expireAccessTokens(): void {
    this.valid.clear();
  }

  async stop(): Promise<void> {
    await this.server.stop();
  }
}
