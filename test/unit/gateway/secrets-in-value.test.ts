import { describe, expect, it } from 'vitest';
import { policyInterceptor, secretsInValue, type SecretMatcher } from '../../../electron/gateway/policy-interceptor.js';
import { newCallInfo } from '../../../electron/gateway/call-interceptors.js';

const stored = [
  { key: 'github.token', value: 'ghp_0123456789abcdef' },
  { key: 'slack.token', value: 'xoxb-quote"inside' },
  { key: 'pin.code', value: '98765432' },
];

const matcher: SecretMatcher = {
  found: (text, exceptServer) =>
    stored.filter(({ key, value }) => (exceptServer === undefined || !key.startsWith(`${exceptServer}.`)) && text.includes(value)).map(({ key }) => key),
};

describe('secretsInValue (the leak guard on results)', () => {
  it('finds stored values in any string of a result, keys and numbers included', async () => {
    expect(await secretsInValue({ content: [{ type: 'text', text: 'nothing here' }] }, matcher)).toEqual([]);
    expect(await secretsInValue({ content: [{ type: 'text', text: 'token ghp_0123456789abcdef' }] }, matcher)).toEqual(['github.token']);
    expect(await secretsInValue({ structuredContent: { ['ghp_0123456789abcdef']: 1 } }, matcher)).toEqual(['github.token']);
    expect(await secretsInValue({ structuredContent: { pin: 98765432 } }, matcher)).toEqual(['pin.code']);
    // JSON would escape the quote; the string itself carries the value as it is.
    expect(await secretsInValue({ content: [{ type: 'text', text: 'a xoxb-quote"inside b' }] }, matcher)).toEqual(['slack.token']);
  });

  it('searches a 50 MB result without serializing it, and lets the event loop run while it does', async () => {
    const text = `${'x'.repeat(25 * 1024 * 1024)}ghp_0123456789abcdef${'x'.repeat(25 * 1024 * 1024)}`;
    const result = {
      content: [
        { type: 'text', text: 'small' },
        ...Array.from({ length: 4 }, () => ({ type: 'text', text: 'y'.repeat(3 * 1024 * 1024) })),
        { type: 'text', text },
      ],
    };
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    const found = await secretsInValue(result, matcher);
    clearInterval(ticker);
    expect(found).toEqual(['github.token']);
    expect(turns).toBeGreaterThan(0);
  });

  it('withholds a large result that carries a stored secret', async () => {
    const interceptor = policyInterceptor(() => ({ deny: [], leakGuard: 'block' }), matcher);
    const call = newCallInfo({ client: { sessionId: 's' }, server: 'big', method: 'tools/call', name: 'dump', arguments: {} });
    const text = `${'x'.repeat(10 * 1024 * 1024)} ghp_0123456789abcdef`;
    const outcome = (await interceptor.after!(call, { result: { content: [{ type: 'text', text }] } })) as {
      result: { isError: boolean; content: Array<{ text: string }> };
    };
    expect(outcome.result.isError).toBe(true);
    expect(outcome.result.content[0]!.text).toContain('contained the value of stored secret(s) github.token; it was withheld');
  });
});
