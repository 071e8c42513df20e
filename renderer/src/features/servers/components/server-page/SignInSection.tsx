import { AlertTriangle, ExternalLink, KeyRound, Loader2 } from 'lucide-react';
import type { SignInStatus } from '../../../../../../shared/catalog-types.js';
import { Button } from '../../../../ui/button.js';
import { notify } from '../../../../ui/toast.js';
import { useCancelSignIn, useSignIn, useSignOut } from '../../hooks/use-sign-in.js';
import { signInAdvice, signInLook, signInFacts, signInFailureText } from './sign-in-text.js';

/** Where "needs you to sign in" links to: the server page's overview, scrolled to this section. */
export const signInSectionId = 'sign-in';

/**
 * A remote server's OAuth sign-in on its page: the state as the engine knows it (signed in with expiry, scopes,
 * authorization server and client; not signed in; waiting for the browser, with Cancel; failed with the reason
 * and what to do, in the window's words), Sign in (one click: the browser opens on the authorization URL, and
 * the page keeps a link to it in case it did not) and Sign out (revokes where the server can, then forgets).
 * The engine's events update it when the browser comes back.
 */
export function SignInSection({ server, status }: { server: string; status: SignInStatus }) {
  const signIn = useSignIn(server);
  const signOut = useSignOut(server);
  const cancel = useCancelSignIn(server);
  const attempt = status.attempt;
  const pending = attempt?.state === 'pending' ? attempt : undefined;
  const failed = attempt?.state === 'failed' ? attempt : undefined;
  const look = signInLook(status);
  const facts = signInFacts(status);
  const start = () =>
    signIn.start({
      onSuccess: (result) => {
        if ('required' in result) notify.success(`${server} asked for no sign-in: it answers without credentials.`);
      },
      onError: (error) => notify.error(`Could not start the sign-in to ${server}`, error),
    });
  const cancelWaiting = () => cancel.mutate(undefined, { onError: (error) => notify.error(`Could not cancel the sign-in to ${server}`, error) });
  const stop = () =>
    signOut.mutate(undefined, {
      onSuccess: (result) =>
        notify.success(
          result.revocation === 'revoked'
            ? `Signed out of ${server}: the authorization server revoked the tokens.`
            : result.revocation === 'unsupported'
              ? `Signed out of ${server}: its tokens are forgotten here (the server offers no revocation; they stay valid there until they expire).`
              : result.revocation === 'failed'
                ? `Signed out of ${server}: its tokens are forgotten here, but revoking them failed (${result.problem ?? 'no answer'}).`
                : `Signed out of ${server}.`,
        ),
      onError: (error) => notify.error(`Could not sign out of ${server}`, error),
    });

  return (
    <section
      id={signInSectionId}
      aria-labelledby="server-sign-in-title"
      className="flex scroll-mt-4 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="server-sign-in-title" className="flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
          <KeyRound aria-hidden="true" className="h-4 w-4" />
          Sign-in (OAuth)
        </h2>
        <p className="flex items-center gap-2 text-sm font-medium text-slate-900 dark:text-slate-100">
          <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${pending ? 'animate-pulse bg-amber-500' : look.dot}`} />
          <span role="status" aria-label={`Sign-in: ${pending ? 'waiting for the browser' : look.label}`}>
            {pending ? 'Waiting for the browser' : look.label}
          </span>
        </p>
      </div>
      {facts.length > 0 ? (
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          {facts.map((fact) => (
            <div key={fact.term} className="contents">
              <dt className="text-slate-500 dark:text-slate-400">{fact.term}</dt>
              <dd className={`break-all text-slate-900 dark:text-slate-100 ${fact.mono ? 'font-mono' : ''}`}>{fact.detail}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">{look.explanation}</p>
      )}
      {pending ? (
        <div className="flex flex-col gap-2 rounded-md border border-blue-200 bg-blue-50 p-3 text-sm text-blue-950 dark:border-blue-800 dark:bg-blue-950/60 dark:text-blue-50">
          <p className="flex items-center gap-2">
            <Loader2 aria-hidden="true" className="h-4 w-4 shrink-0 animate-spin" />
            Your browser opened the sign-in page: sign in there. This page updates when the browser comes back.
          </p>
          <p>If no sign-in page opened, open it here:</p>
          <div className="flex flex-wrap items-center gap-2">
            <a
              href={signIn.data && 'authorizationUrl' in signIn.data ? signIn.data.authorizationUrl : pending.authorizationUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="inline-flex h-8 items-center gap-1.5 rounded-md bg-blue-600 px-3 text-sm font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:bg-blue-500 dark:text-slate-950 dark:hover:bg-blue-400"
            >
              <ExternalLink aria-hidden="true" className="h-4 w-4" />
              Open the sign-in page
            </a>
            <Button variant="secondary" size="sm" onClick={cancelWaiting} disabled={cancel.isPending}>
              {cancel.isPending ? <Loader2 aria-hidden="true" className="h-4 w-4 animate-spin" /> : null}
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {failed ? (
        <div
          role="alert"
          className="flex gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
        >
          <AlertTriangle aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0" />
          <div className="min-w-0 space-y-1 break-words">
            <p className="font-semibold">Sign-in failed{signInFailureText(failed) ? `: ${signInFailureText(failed)}` : ''}</p>
            <p>{failed.message}</p>
            <p className="text-red-800 dark:text-red-200">{signInAdvice(failed)}</p>
          </div>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        {status.state !== 'signed-in' || failed ? (
          <Button variant="primary" size="sm" onClick={start} disabled={signIn.isPending || pending !== undefined}>
            {signIn.isPending ? <Loader2 aria-hidden="true" className="h-4 w-4 animate-spin" /> : null}
            {failed ? 'Sign in again' : 'Sign in'}
          </Button>
        ) : null}
        {status.state !== 'signed-out' ? (
          <Button variant="secondary" size="sm" onClick={stop} disabled={signOut.isPending}>
            {signOut.isPending ? <Loader2 aria-hidden="true" className="h-4 w-4 animate-spin" /> : null}
            Sign out
          </Button>
        ) : null}
        <p className="text-xs text-slate-500 dark:text-slate-400">
          From a terminal: <code className="font-mono">switchyard server auth {server}</code>
        </p>
      </div>
    </section>
  );
}
