import type { RpcOutcome } from './json-rpc.js';

/** A client whose roots a server may be told: what it declared, and how to ask it. */
export interface RootsHolder {
  /** True once the client has initialized with the `roots` capability (2025-era sessions only). */
  readonly sharesRoots: boolean;
  requestFromClient(method: string, params: Record<string, unknown> | undefined): Promise<RpcOutcome>;
}

interface Root {
  uri: string;
  name?: string;
  [key: string]: unknown;
}

/** How long one client may take to list its roots before it is left out of the answer. */
export const rootsAnswerTimeoutMs = 5_000;

/**
 * The answer to a server's `roots/list` that arrives while none of its calls is in flight (at start, or after a
 * `notifications/roots/list_changed`): the union of the roots of the clients connected now that declared roots,
 * first seen first, each URI once. A client that fails or does not answer in time is left out; with no such
 * client the list is empty. Never an error, and never the roots of a client that has gone (it is no longer asked).
 */
export async function unionOfClientRoots(clients: Iterable<RootsHolder>, timeoutMs = rootsAnswerTimeoutMs): Promise<RpcOutcome> {
  const asked = [...clients].filter((client) => client.sharesRoots).map((client) => rootsOf(client, timeoutMs));
  const seen = new Set<string>();
  const roots: Root[] = [];
  for (const list of await Promise.all(asked)) {
    for (const root of list) {
      if (seen.has(root.uri)) continue;
      seen.add(root.uri);
      roots.push(root);
    }
  }
  return { result: { roots } };
}

async function rootsOf(client: RootsHolder, timeoutMs: number): Promise<Root[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  const outcome = await Promise.race([client.requestFromClient('roots/list', undefined).catch(() => undefined), timeout]);
  clearTimeout(timer);
  if (!outcome || !('result' in outcome) || !Array.isArray(outcome.result.roots)) return [];
  return (outcome.result.roots as unknown[]).filter(
    (root): root is Root => typeof root === 'object' && root !== null && typeof (root as Root).uri === 'string',
  );
}
