import { SwitchyardError } from '../../../shared/errors.js';

/** Thrown from the call path's provider when the SDK wants a browser: only an interactive sign-in can go on. */
export class SignInNeeded extends Error {
  constructor() {
    super('sign-in needed');
    this.name = 'SignInNeeded';
  }
}

export type SignInReason = 'not_signed_in' | 'expired' | 'insufficient_scope' | 'authorization_server_changed';

/**
 * The answer to a call that reaches a remote server nobody signed in to (or whose sign-in ended, or that wants
 * more scopes): the command and the window's button that sign in, with the facts in `details` for a UI.
 */
export function signInRequired(server: string, url: string, reason: SignInReason, scopeOrIssuer?: string): SwitchyardError {
  const scope = reason === 'authorization_server_changed' ? undefined : scopeOrIssuer;
  const why =
    reason === 'expired'
      ? 'its sign-in expired or was revoked, and could not be renewed'
      : reason === 'insufficient_scope'
        ? `it asks for more permissions than were granted${scope ? ` (scope: ${scope.slice(0, 200)})` : ''}`
        : reason === 'authorization_server_changed'
          ? `it moved to another authorization server${scopeOrIssuer ? ` (${scopeOrIssuer.slice(0, 200)})` : ''}, where Switchyard has not signed in yet`
          : 'nobody has signed in to it yet';
  const command = `switchyard server auth ${server}`;
  return new SwitchyardError(
    'UNAUTHORIZED',
    `Remote server "${server}" (${url}) needs you to sign in: ${why}.`,
    `Sign in with \`${command}\`, or with the Sign in button on the server's page in the Switchyard window, then call again.`,
    {
      reason: 'sign_in_required',
      cause: reason,
      server,
      url,
      command,
      ...(scope ? { scope } : {}),
      ...(reason === 'authorization_server_changed' && scopeOrIssuer ? { authorizationServer: scopeOrIssuer } : {}),
    },
  );
}

/**
 * An error of the OAuth flow as a SwitchyardError naming the problem: a resource indicator that does not
 * match the server, an issuer that does not match, an authorization server that answered an HTTP error or
 * could not be reached, a refused registration. Token and code values never appear: the SDK's errors carry
 * the server's error text, not our credentials.
 */
export function describeOAuthFailure(error: unknown, server: string, serverError?: { status: number; url: string }): SwitchyardError {
  if (error instanceof SwitchyardError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (serverError)
    return new SwitchyardError(
      'UNAUTHORIZED',
      `Sign-in to "${server}" failed: the authorization server answered HTTP ${serverError.status} at ${serverError.url.split('?')[0]} (${excerpt(message)}).`,
      `The authorization server has a problem; try again later. Try again: switchyard server auth ${server}`,
      { reason: 'authorization_server_error', server, status: serverError.status },
    );
  const again = `Try again: switchyard server auth ${server}`;
  const details = (reason: string) => ({ reason, server });
  const resource = /Protected resource (\S+) does not match expected (\S+)/.exec(message);
  if (resource)
    return new SwitchyardError(
      'UNAUTHORIZED',
      `Sign-in to "${server}" refused: its protected resource metadata names the resource ${resource[1]}, which is not this server (${resource[2]}); a token for it could be used elsewhere (RFC 8707/9728).`,
      'Check the server URL (switchyard server inspect); the server operator must publish metadata whose resource is the MCP endpoint.',
      { ...details('resource_mismatch'), resource: resource[1], expected: resource[2] },
    );
  if (/issuer/i.test(message) && /mismatch|does not match/i.test(message))
    return new SwitchyardError(
      'UNAUTHORIZED',
      `Sign-in to "${server}" refused: ${message}`,
      'The authorization server metadata names another issuer (RFC 8414 §3.3).',
      details('issuer_mismatch'),
    );
  const status = /HTTP (\d{3})/.exec(message)?.[1] ?? statusOf(error);
  if (status && Number(status) >= 500)
    return new SwitchyardError(
      'UNAUTHORIZED',
      `Sign-in to "${server}" failed: the authorization server answered HTTP ${status} (${excerpt(message)}).`,
      `The authorization server has a problem; try again later. ${again}`,
      { ...details('authorization_server_error'), status: Number(status) },
    );
  const network = networkCode(error);
  if (network)
    return new SwitchyardError('UNAUTHORIZED', `Sign-in to "${server}" failed: could not reach the authorization server (${network}).`, again, {
      ...details('authorization_server_unreachable'),
      code: network,
    });
  const name = error instanceof Error ? error.name : '';
  return new SwitchyardError('UNAUTHORIZED', `Sign-in to "${server}" failed: ${excerpt(message)}`, again, {
    ...details('oauth_error'),
    ...(name ? { error: name } : {}),
  });
}

function statusOf(error: unknown): string | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? String(status) : undefined;
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
