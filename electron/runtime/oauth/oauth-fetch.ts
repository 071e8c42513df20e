import { extractWWWAuthenticateParams } from '@modelcontextprotocol/client';
import { SwitchyardError } from '../../../shared/errors.js';
import type { OAuthSession } from './oauth-session.js';

type Fetch = typeof fetch;

/** Step-ups tried for one request before its 403 `insufficient_scope` is reported as it is. */
const maxStepUps = 2;

/**
 * `fetch` for a remote server's transport with the session's bearer token on every request. A 401 makes the
 * session refresh or sign in, a 403 `insufficient_scope` makes it sign in again with the wider scope, and the
 * request then goes out again, once per round (so a call that needed a sign-in is retried, not lost).
 * Without a way to sign in, the session throws a SwitchyardError naming the command and the button.
 */
export function fetchWithOAuth(session: OAuthSession, base: Fetch): Fetch {
  return async (input, init) => {
    const send = async () => {
      const token = await session.accessToken();
      const headers = new Headers(init?.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      return { token, response: await base(input, { ...init, headers }) };
    };
    let { token, response } = await send();
    let stepUps = 0;
    for (let round = 0; round < 1 + maxStepUps; round++) {
      if (response.status === 401) {
        const challenge = extractWWWAuthenticateParams(response);
        // A server that does not sign in with OAuth gets its 401 back as it is (a wrong static credential).
        if ((round > 0 && !token) || !(await session.usesOAuth(challenge))) return response;
        await response.body?.cancel().catch(() => undefined);
        if (round > 0) throw refusedAfterSignIn(session, response.status);
        await session.unauthorized(challenge, token);
      } else if (response.status === 403 && isInsufficientScope(response)) {
        const challenge = extractWWWAuthenticateParams(response);
        await response.body?.cancel().catch(() => undefined);
        if (++stepUps > maxStepUps) break;
        await session.insufficientScope(challenge);
      } else {
        return response;
      }
      ({ token, response } = await send());
    }
    if (response.status === 403 && stepUps > maxStepUps)
      throw new SwitchyardError(
        'UNAUTHORIZED',
        `Remote server "${session.server}" (${session.serverUrl}) still refuses the call for lack of scope after ${maxStepUps} sign-ins asking for more.`,
        'The account may not be allowed what the tool needs; ask the server operator which scope it requires.',
        { reason: 'insufficient_scope', server: session.server },
      );
    return response;
  };
}

function isInsufficientScope(response: Response): boolean {
  return /error\s*=\s*"?insufficient_scope"?/i.test(response.headers.get('www-authenticate') ?? '');
}

function refusedAfterSignIn(session: OAuthSession, status: number): SwitchyardError {
  return new SwitchyardError(
    'UNAUTHORIZED',
    `Remote server "${session.server}" (${session.serverUrl}) answered HTTP ${status} even with a fresh token.`,
    `Sign in again (switchyard server auth ${session.server}); if it keeps refusing, the account may not have access to this server.`,
    { reason: 'token_refused', server: session.server },
  );
}
