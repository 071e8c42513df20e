import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { CallFn } from '../../../shared/api-client.js';

/** A question asked before the window's code has loaded, and the query (key as the hooks use it) its answer fills. */
export interface EarlyQuery {
  queryKey: QueryKey;
  answer: Promise<unknown>;
  /** Asks again: a retry of a failed early answer, or a refetch later on. */
  ask: () => Promise<unknown>;
}

/**
 * The questions the first screen will ask, asked as soon as the connection exists, before React and the pages
 * have loaded: the engine answers while the rest of the window's code is fetched and parsed, instead of after
 * it has rendered a loading state. Every route needs the gateway's status (the header) and the first-run state
 * (the layout decides whether to open the guide); the catalog, the default route, needs the catalog's list.
 */
export function askEarly(call: CallFn, hash: string): EarlyQuery[] {
  const path = hash.replace(/^#/, '').split('?')[0] || '/';
  const early = [question('gateway.status', ['gateway']), question('firstRun.get', ['first-run'])];
  if (path === '/' || path === '/catalog') early.push(question('catalog.list', ['catalog', 'list']));
  // A failure is the query's to report once the page asks (it asks again then); unhandled here, it would be logged.
  for (const { answer } of early) answer.catch(() => undefined);
  return early;

  function question(method: 'gateway.status' | 'firstRun.get' | 'catalog.list', queryKey: QueryKey): EarlyQuery {
    const ask = () => call(method, {});
    return { queryKey, answer: ask(), ask };
  }
}

/** Puts the early answers (arrived or still on their way) into the query cache, so the pages' hooks ask nothing again. */
export function seedEarlyAnswers(queries: QueryClient, early: EarlyQuery[]): void {
  for (const { queryKey, answer, ask } of early) {
    let first: Promise<unknown> | undefined = answer;
    const queryFn = () => {
      const next = first ?? ask();
      first = undefined;
      return next;
    };
    void queries.prefetchQuery({ queryKey, queryFn });
  }
}
