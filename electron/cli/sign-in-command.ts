import type { Command } from 'commander';
import { SwitchyardError } from '../../shared/errors.js';
import type { EngineServices } from '../app/engine-services.js';
import type { RevocationOutcome } from '../runtime/oauth/token-revocation.js';
import { browserOpener } from './browser-opener.js';
import { readPipedValue } from './secret-command.js';

interface AuthOptions {
  browser: boolean;
  timeout?: string;
  clientId?: string;
  clientSecretStdin?: boolean;
}

/** `switchyard server auth|logout NAME`: the OAuth sign-in of a remote server, from a terminal. */
export function registerSignInCommands(server: Command, services: () => EngineServices): void {
  server
    .command('auth <name>')
    .description('Sign in to a remote server with OAuth: prints the URL to open, and waits for the browser to come back to 127.0.0.1')
    .option('--no-browser', 'only print the URL (a headless machine: open it where you are, with the port forwarded)')
    .option('--timeout <seconds>', 'how long to wait for the browser (default 300)')
    .option('--client-id <id>', 'a client registered with the authorization server beforehand (else Switchyard registers itself)')
    .option('--client-secret-stdin', "with --client-id: read that client's secret from standard input")
    .action(async (name: string, options: AuthOptions) => {
      const timeoutMs = parseTimeout(options.timeout);
      if (options.clientSecretStdin && !options.clientId) throw new SwitchyardError('INVALID_INPUT', '--client-secret-stdin goes with --client-id.');
      const clientSecret = options.clientSecretStdin ? await readPipedValue(process.stdin, `${name} client secret`) : undefined;
      const open = browserOpener({ allowSystemBrowser: options.browser });
      const result = await services().signIn.signIn(name, {
        timeoutMs,
        ...(options.clientId ? { client: { client_id: options.clientId, ...(clientSecret ? { client_secret: clientSecret } : {}) } } : {}),
        openBrowser: async (url) => {
          process.stderr.write(
            `Sign in to "${name}" in your browser:\n\n  ${url.href}\n\nWaiting for the browser to come back (up to ${Math.round(timeoutMs / 1000)} s; Ctrl-C cancels)...\n`,
          );
          await open?.(url);
        },
      });
      if (!result.required) {
        process.stderr.write(`Server "${result.server}" answered without asking for credentials: there is nothing to sign in to.\n`);
        return;
      }
      const expiry = result.expiresAt ? ` The access token expires at ${new Date(result.expiresAt).toISOString()} and is renewed as needed.` : '';
      process.stderr.write(`Signed in to "${result.server}".${result.scope ? ` Scopes: ${result.scope}.` : ''}${expiry}\n`);
    });

  server
    .command('logout <name>')
    .description('Sign out of a remote server: revokes its tokens where the server supports it (RFC 7009), then forgets them here')
    .action(async (name: string) => {
      const { server: resolved, revocation, forgotten } = await services().signIn.signOut(name);
      process.stderr.write(`${describeRevocation(resolved, revocation)}\n`);
      process.stderr.write(forgotten ? `Signed out of "${resolved}": its tokens are forgotten here.\n` : `"${resolved}" had no sign-in stored here.\n`);
    });
}

function describeRevocation(server: string, outcome: RevocationOutcome): string {
  switch (outcome.kind) {
    case 'revoked':
      return `The authorization server revoked the tokens (${outcome.endpoint}).`;
    case 'unsupported':
      return `The authorization server of "${server}" offers no token revocation: the tokens stay valid there until they expire.`;
    case 'failed':
      return `Could not revoke the tokens at ${outcome.endpoint} (${outcome.problem}); they stay valid there until they expire.`;
    case 'nothing-to-revoke':
      return `No tokens to revoke for "${server}".`;
  }
}

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return 300_000;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600)
    throw new SwitchyardError('INVALID_INPUT', `--timeout ${text} is not a number of seconds between 1 and 3600.`);
  return seconds * 1000;
}
