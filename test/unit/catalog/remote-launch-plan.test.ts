import { describe, expect, it } from 'vitest';
import { custom, entry, plan, ready } from './support/plan-helpers.js';
import { describePlanProblem, envReferences, expandEnvReferences } from '../../../electron/catalog/launch-plan.js';

describe('planning a remote catalog entry', () => {
  it('connects to its URL with the secret filled into the header, by env name', () => {
    const asked: string[] = [];
    const result = ready(plan({ server: 'apify', entry: entry('apify'), secret: (key) => (asked.push(key), key === 'apify.api_key' ? 'apify-s3cret' : undefined) }));
    expect(asked).toEqual(['apify.api_key']);
    expect(result.definition).toEqual({
      name: 'apify',
      image: 'https://mcp.apify.com',
      remote: { url: 'https://mcp.apify.com', transport: 'streamable-http', headers: { Authorization: 'Bearer apify-s3cret' } },
    });
    expect(result.definition.env).toBeUndefined();
  });

  it('keeps the entry header name and the legacy SSE transport', () => {
    const context7 = ready(plan({ server: 'context7', entry: entry('context7'), secret: () => 'k' })).definition.remote;
    expect(context7).toEqual({ url: 'https://mcp.context7.com/mcp', transport: 'streamable-http', headers: { CONTEXT7_API_KEY: 'k' } });
    const dodo = ready(plan({ server: 'dodo-payments', entry: entry('dodo-payments'), secret: () => 'd' })).definition.remote;
    expect(dodo).toMatchObject({ transport: 'sse', headers: { Authorization: 'Bearer d' } });
  });

  it('reports a missing secret like for a container, with the command that sets it', () => {
    const result = plan({ server: 'apify', entry: entry('apify') });
    expect(result).toMatchObject({ kind: 'missing', missing: [{ kind: 'secret', key: 'apify.api_key', env: 'APIFY_API_KEY', fix: 'switchyard secret set apify.api_key' }] });
    if (result.kind === 'ready') throw new Error('expected missing');
    expect(describePlanProblem('apify', result)).toContain('secret apify.api_key (APIFY_API_KEY)');
  });

  it('plans an entry that signs in only with OAuth as ready, marked for the browser sign-in, with no provider token to set', () => {
    // Issue #19: these entries used to be refused ("which Switchyard does not support yet").
    const result = plan({ server: 'asana', entry: entry('asana'), secret: () => 'never-used' });
    expect(result.kind).toBe('ready');
    if (result.kind !== 'ready') return;
    expect(result.definition.remote).toEqual({ url: 'https://mcp.asana.com/sse', transport: 'sse', oauth: true });
    // The provider's token is not sent anywhere: the stored value (if any) never reaches the definition.
    expect(JSON.stringify(result)).not.toContain('never-used');
    const unset = plan({ server: 'asana', entry: entry('asana') });
    expect(unset.kind).toBe('ready');
  });

  it('plans a remote entry without credentials as ready, and notes a declared secret no header sends', () => {
    expect(ready(plan({ server: 'ais-fleet', entry: entry('ais-fleet') })).definition.remote).toEqual({ url: 'https://mcp.aisfleet.com/sse', transport: 'sse' });
    const brightdata = ready(plan({ server: 'brightdata', entry: entry('brightdata'), secret: (key) => (key === 'brightdata.api_token' ? 't' : undefined) }));
    expect(brightdata.notes).toEqual(['secret brightdata.api_token (BRIGHTDATA_API_TOKEN) is declared, but no header of the entry sends it']);
  });

  it('is not ready while a required secret is not set, even one no header names', () => {
    expect(plan({ server: 'brightdata', entry: entry('brightdata') })).toMatchObject({
      kind: 'missing',
      missing: [{ kind: 'secret', key: 'brightdata.api_token', env: 'BRIGHTDATA_API_TOKEN', fix: 'switchyard secret set brightdata.api_token' }],
    });
  });

  it('refuses an entry whose header references a variable none of its secrets provides, or plain http to another host', () => {
    const undeclared = custom('type: remote\nremote:\n  url: https://mcp.example.com/mcp\n  headers:\n    Authorization: Bearer ${NOPE}');
    expect(plan({ server: 'custom', entry: undeclared })).toEqual({ kind: 'broken', reason: 'catalog entry "custom": its headers reference ${NOPE}, which none of its secrets provides' });
    const plain = custom('type: remote\nremote:\n  url: http://mcp.example.com/mcp');
    expect(plan({ server: 'custom', entry: plain })).toMatchObject({ kind: 'broken', reason: expect.stringContaining('use https://') });
    const local = custom('type: remote\nremote:\n  url: http://127.0.0.1:9000/mcp\n  transport_type: http');
    expect(ready(plan({ server: 'custom', entry: local })).definition.remote).toEqual({ url: 'http://127.0.0.1:9000/mcp', transport: 'streamable-http' });
  });

  it('finds and fills ${NAME} references, leaving everything else as written', () => {
    expect(envReferences('Bearer ${A_1} and ${b} but not $C or ${1x}')).toEqual(['A_1', 'b']);
    expect(expandEnvReferences('Bearer ${A} ${A} $B {C}', (name) => `<${name}>`)).toBe('Bearer <A> <A> $B {C}');
  });
});
