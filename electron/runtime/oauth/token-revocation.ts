import type { OAuthRecord } from './oauth-vault.js';
import { insecureEndpointProblem } from './stored-oauth-provider.js';

type Fetch = typeof fetch;

/** What sign-out could tell the authorization server. */
export type RevocationOutcome =
  { kind: 'revoked'; endpoint: string } | { kind: 'unsupported' } | { kind: 'failed'; endpoint: string; problem: string } | { kind: 'nothing-to-revoke' };

/**
 * RFC 7009 token revocation, written here because the MCP SDK has no revocation helper: the refresh token
 * (which ends the whole grant on most servers), then the access token, each a form POST to the server's
 * `revocation_endpoint` with the same client authentication as its token endpoint. A server that lists no
 * revocation endpoint is `unsupported`; sign-out then only forgets the tokens here.
 */
export async function revokeTokens(record: OAuthRecord, fetchFn: Fetch = fetch): Promise<RevocationOutcome> {
  const tokens = record.tokens;
  if (!tokens?.access_token && !tokens?.refresh_token) return { kind: 'nothing-to-revoke' };
  const endpoint = await revocationEndpoint(record, fetchFn);
  if (!endpoint) return { kind: 'unsupported' };
  const insecure = insecureEndpointProblem(endpoint);
  if (insecure) return { kind: 'failed', endpoint, problem: `the endpoint ${insecure}` };
  const client = record.client;
  const useBasic = client?.client_secret !== undefined && client.token_endpoint_auth_method !== 'client_secret_post';
  const revoke = async (token: string, hint: 'refresh_token' | 'access_token') => {
    const body = new URLSearchParams({ token, token_type_hint: hint });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (client && useBasic)
      headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(client.client_id)}:${encodeURIComponent(client.client_secret!)}`).toString('base64')}`;
    else if (client) {
      body.set('client_id', client.client_id);
      if (client.client_secret !== undefined) body.set('client_secret', client.client_secret);
    }
    const response = await fetchFn(endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(15_000) });
    await response.body?.cancel().catch(() => undefined);
    // RFC 7009 §2.2: 200 also for a token the server did not know; 503 means "try later".
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  };
  try {
    if (tokens.refresh_token) await revoke(tokens.refresh_token, 'refresh_token');
    if (tokens.access_token) await revoke(tokens.access_token, 'access_token');
    return { kind: 'revoked', endpoint };
  } catch (error) {
    return { kind: 'failed', endpoint, problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The server's `revocation_endpoint`: from the metadata discovery stored, else read again from its metadata
 * documents as published (the SDK's parsed OpenID metadata may not keep the field).
 */
async function revocationEndpoint(record: OAuthRecord, fetchFn: Fetch): Promise<string | undefined> {
  const stored = (record.discovery?.authorizationServerMetadata as { revocation_endpoint?: unknown } | undefined)?.revocation_endpoint;
  if (typeof stored === 'string') return stored;
  const issuer = record.discovery?.authorizationServerUrl;
  if (!issuer) return undefined;
  const base = new URL(issuer);
  const path = base.pathname.replace(/\/$/, '');
  for (const wellKnown of [
    `/.well-known/oauth-authorization-server${path}`,
    `/.well-known/openid-configuration${path}`,
    `${path}/.well-known/openid-configuration`,
  ]) {
    try {
      const response = await fetchFn(new URL(wellKnown, base.origin), { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        continue;
      }
      const document = (await response.json()) as { revocation_endpoint?: unknown };
      if (typeof document.revocation_endpoint === 'string') return document.revocation_endpoint;
    } catch {
      // try the next document
    }
  }
  return undefined;
}
