import { describe, expect, it } from 'vitest';
import { apiMethods, apiMethodNames } from '../../../shared/api.js';
import { createApiClient } from '../../../shared/api-client.js';

/** The typed client is derived from the method declarations: every method, and nothing else, under its domain. */
describe('createApiClient', () => {
  it('offers exactly one function per declared method, calling that method with its input object', async () => {
    const calls: Array<[string, unknown]> = [];
    const api = createApiClient(
      async (method, input) => (calls.push([method, input]), undefined as never),
      () => () => undefined,
    ) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
    const offered = Object.entries(api)
      .filter(([domain]) => domain !== 'events')
      .flatMap(([domain, functions]) => Object.keys(functions).map((verb) => `${domain}.${verb}`));
    expect(offered.sort()).toEqual(Object.keys(apiMethods).sort());
    expect([...apiMethodNames].sort()).toEqual(Object.keys(apiMethods).sort());

    for (const method of apiMethodNames) {
      const [domain, verb] = method.split('.') as [string, string];
      await api[domain]![verb]!({ probe: method });
    }
    expect(calls).toEqual(apiMethodNames.map((method) => [method, { probe: method }]));
    await api.gateway!.status!();
    expect(calls.at(-1)).toEqual(['gateway.status', {}]);
  });
});
