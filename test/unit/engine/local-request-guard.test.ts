import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, isLocalHost, tokensMatch } from '../../../electron/core/local-request-guard.js';

describe('isLocalHost', () => {
  it.each(['127.0.0.1:4000', 'localhost:4000', '[::1]:4000'])('accepts %s on our port', (host) => {
    expect(isLocalHost(host, 4000)).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['another port', '127.0.0.1:4001'],
    ['no port', '127.0.0.1'],
    ['a rebinding name', 'evil.example:4000'],
    ['a name ending in localhost', 'evil.localhost:4000'],
    ['a localhost prefix', 'localhost.evil.example:4000'],
    ['0.0.0.0', '0.0.0.0:4000'],
    ['another loopback address', '127.0.0.2:4000'],
    ['uppercase', 'LOCALHOST:4000'],
    ['userinfo', 'user@127.0.0.1:4000'],
    ['trailing space', '127.0.0.1:4000 '],
  ])('refuses a Host header that is %s', (_what, host) => {
    expect(isLocalHost(host, 4000)).toBe(false);
  });
});

describe('isAllowedOrigin', () => {
  it('allows a missing Origin (non-browser clients)', () => {
    expect(isAllowedOrigin(undefined, 4000)).toBe(true);
  });

  it.each(['http://127.0.0.1:4000', 'http://localhost:4000'])('allows our own page %s', (origin) => {
    expect(isAllowedOrigin(origin, 4000)).toBe(true);
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['another local port', 'http://127.0.0.1:4001'],
    ['https on our port', 'https://127.0.0.1:4000'],
    ['the opaque "null" origin (sandboxed iframe, file://)', 'null'],
    ['an empty origin', ''],
    ['a look-alike', 'http://localhost:4000.evil.example'],
    ['a trailing slash', 'http://127.0.0.1:4000/'],
  ])('refuses %s', (_what, origin) => {
    expect(isAllowedOrigin(origin, 4000)).toBe(false);
  });
});

describe('tokensMatch', () => {
  it('is true only for the identical token', () => {
    expect(tokensMatch('s3cret-token', 's3cret-token')).toBe(true);
    expect(tokensMatch('s3cret-tokeN', 's3cret-token')).toBe(false);
  });

  it('is false (and does not throw) for tokens of a different length', () => {
    expect(tokensMatch('short', 's3cret-token')).toBe(false);
    expect(tokensMatch('s3cret-token-and-more', 's3cret-token')).toBe(false);
    expect(tokensMatch('s3cret-toke', 's3cret-token')).toBe(false);
  });

  it('is false for a missing or empty token', () => {
    expect(tokensMatch(undefined, 'x')).toBe(false);
    expect(tokensMatch(null, 'x')).toBe(false);
    expect(tokensMatch('', 'x')).toBe(false);
    expect(tokensMatch('', '')).toBe(false);
  });

  it('compares bytes, so same-length strings with different multi-byte characters do not throw', () => {
    // 'é' is two bytes in UTF-8: same string length, different byte length.
    expect(tokensMatch('é', 'e')).toBe(false);
    expect(tokensMatch('aé', 'aé')).toBe(true);
  });
});
