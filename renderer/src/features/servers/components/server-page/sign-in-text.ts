import type { SignInAttempt, SignInStatus } from '../../../../../../shared/catalog-types.js';

/** The sign-in state as a label, a dot colour and one line on what it means. */
export function signInLook(status: SignInStatus): { label: string; dot: string; explanation: string } {
  switch (status.state) {
    case 'signed-in':
      return { label: 'Signed in', dot: 'bg-emerald-500', explanation: 'Calls to this server carry your access token.' };
    case 'expired':
      return {
        label: 'Sign-in expired',
        dot: 'bg-amber-500',
        explanation: 'The access token expired and cannot be renewed: sign in again before calling its tools.',
      };
    default:
      return {
        label: 'Not signed in',
        dot: 'bg-slate-400',
        explanation:
          'This server asks for an OAuth sign-in (or may: a custom server says so at its first call). Until you sign in, its tool calls answer "needs you to sign in".',
      };
  }
}

/** What the engine knows about the sign-in, as term/detail rows (no token ever reaches the window). */
export function signInFacts(status: SignInStatus, now = Date.now()): Array<{ term: string; detail: string; mono?: boolean }> {
  const facts: Array<{ term: string; detail: string; mono?: boolean }> = [];
  if (status.state !== 'signed-out' && status.expiresAt) {
    const expires = new Date(status.expiresAt);
    const when = expires.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
    const past = expires.getTime() <= now;
    facts.push({
      term: 'Access token',
      detail: status.renewable ? `${past ? 'expired' : 'expires'} ${when}, renewed automatically` : `${past ? 'expired' : 'expires'} ${when}, not renewable`,
    });
  } else if (status.state === 'signed-in') {
    facts.push({ term: 'Access token', detail: status.renewable ? 'no stated expiry, renewable' : 'no stated expiry' });
  }
  if (status.state !== 'signed-out' && status.scope) facts.push({ term: 'Scopes', detail: status.scope, mono: true });
  if (status.authorizationServer) facts.push({ term: 'Authorization server', detail: status.authorizationServer, mono: true });
  if (status.clientId && status.state !== 'signed-out')
    facts.push({ term: 'Client', detail: `${status.clientId} (${status.preregistered ? 'registered by you' : 'registered by Switchyard'})`, mono: true });
  return facts;
}

/** Why a sign-in failed, in a few words, from the engine's reason code. */
export function signInFailureText(attempt: Extract<SignInAttempt, { state: 'failed' }>): string | undefined {
  switch (attempt.reason) {
    case 'sign_in_timeout':
      return 'the browser did not come back in time';
    case 'state_mismatch':
      return 'the redirect did not answer this sign-in';
    case 'authorization_error':
      return 'the authorization server refused';
    case 'authorization_server_error':
      return 'the authorization server had a problem';
    case 'authorization_server_unreachable':
      return 'the authorization server could not be reached';
    case 'insecure_authorization_server':
      return 'the authorization server is not secure';
    case 'resource_mismatch':
      return 'the server published metadata for another resource';
    case 'issuer_mismatch':
      return 'the authorization server named another issuer';
    default:
      return undefined;
  }
}

/** What to do after a failed sign-in, in the window's words (the engine's hint names the CLI command). */
export function signInAdvice(attempt: Extract<SignInAttempt, { state: 'failed' }>): string {
  switch (attempt.reason) {
    case 'sign_in_timeout':
      return 'Sign in again, and finish on the sign-in page within 5 minutes.';
    case 'state_mismatch':
      return 'Sign in again from this page, and use only the newest sign-in page.';
    case 'authorization_error':
      return 'Sign in again, and allow Switchyard on the sign-in page.';
    case 'authorization_server_error':
    case 'authorization_server_unreachable':
      return 'Sign in again in a while; if it keeps failing, the server’s operator has to fix it.';
    case 'insecure_authorization_server':
    case 'resource_mismatch':
    case 'issuer_mismatch':
      return 'Signing in again will not help until the server’s operator fixes its metadata; check the server’s URL.';
    default:
      return 'Sign in again.';
  }
}
