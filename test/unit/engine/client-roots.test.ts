import { describe, expect, it } from 'vitest';
import { unionOfClientRoots, type RootsHolder } from '../../../electron/gateway/client-roots.js';
import type { RpcOutcome } from '../../../electron/gateway/json-rpc.js';

function holder(answer: () => Promise<RpcOutcome>, sharesRoots = true): RootsHolder & { asked: number } {
  const client = {
    sharesRoots,
    asked: 0,
    requestFromClient: () => {
      client.asked++;
      return answer();
    },
  };
  return client;
}

const roots = (...uris: string[]): Promise<RpcOutcome> => Promise.resolve({ result: { roots: uris.map((uri) => ({ uri })) } });

describe('roots outside a call: the union of the connected clients’ roots', () => {
  it('is empty, not an error, with no client that shares roots', async () => {
    expect(await unionOfClientRoots([])).toEqual({ result: { roots: [] } });
    const silent = holder(() => roots('file:///a'), false);
    expect(await unionOfClientRoots([silent])).toEqual({ result: { roots: [] } });
    expect(silent.asked).toBe(0);
  });

  it('lists each URI once, first client first, and leaves out clients that fail or do not answer in time', async () => {
    const answer = await unionOfClientRoots(
      [
        holder(() => roots('file:///a', 'file:///shared')),
        holder(() => Promise.resolve({ error: { code: -32601, message: 'no' } })),
        holder(() => new Promise(() => undefined)),
        holder(() => Promise.reject(new Error('gone'))),
        holder(() => roots('file:///shared', 'file:///b')),
      ],
      50,
    );
    expect(answer).toEqual({ result: { roots: [{ uri: 'file:///a' }, { uri: 'file:///shared' }, { uri: 'file:///b' }] } });
  });
});
