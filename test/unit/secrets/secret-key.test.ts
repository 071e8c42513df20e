import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../../shared/errors.js';
import { assertSecretKey, checkSecretKey, keysOfServer, parseSecretKey, secretKey } from '../../../electron/secrets/secret-store.js';

describe('secret keys', () => {
  it('accepts <server>.<name> with the documented characters', () => {
    for (const key of [
      'github.personal_access_token',
      'a.b',
      'my-server.API_KEY',
      'x9.token-2',
      'atlassian.confluence.api_token',
      `${'s'.repeat(63)}.${'N'.repeat(128)}`,
    ]) {
      expect(checkSecretKey(key), key).toBeUndefined();
    }
  });

  it('accepts a server name that itself contains a dot (server names allow dots)', () => {
    expect(checkSecretKey('my.server.token')).toBeUndefined();
  });

  it('rejects keys that do not fit, naming the key and the expected form', () => {
    const bad = [
      '',
      'github',
      '.token',
      'github.',
      'GitHub.token',
      '-gh.token',
      'gh.to ken',
      'gh.tok/en',
      `${'s'.repeat(64)}.x`,
      `gh.${'n'.repeat(129)}`,
      'gh.tök',
      'gh.token\n',
    ];
    for (const key of bad) {
      const problem = checkSecretKey(key);
      expect(problem, JSON.stringify(key)).toBeDefined();
      expect(problem).toContain(JSON.stringify(key).slice(0, 40));
      expect(problem).toContain('<server>.<name>');
    }
  });

  it('throws an INVALID_INPUT SwitchyardError with an example', () => {
    try {
      assertSecretKey('nodot');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SwitchyardError);
      expect((error as SwitchyardError).code).toBe('INVALID_INPUT');
      expect((error as SwitchyardError).message).toContain('"nodot"');
      expect((error as SwitchyardError).hint).toContain('github.personal_access_token');
    }
  });

  it('bounds a very long bad key in the message', () => {
    const problem = checkSecretKey('x'.repeat(5000)) as string;
    expect(problem.length).toBeLessThan(300);
  });

  it('parses at the first dot and builds keys from parts', () => {
    expect(parseSecretKey('atlassian.confluence.api_token')).toEqual({ server: 'atlassian', name: 'confluence.api_token' });
    expect(secretKey('github', 'token')).toBe('github.token');
    expect(() => secretKey('GitHub', 'token')).toThrow(/<server>\.<name>/);
    expect(() => secretKey('github', 'to ken')).toThrow(/"github\.to ken"/);
  });

  it("selects one server's keys by prefix", () => {
    expect(keysOfServer(['a.x', 'ab.y', 'a.b.z', 'b.a'], 'a')).toEqual(['a.x', 'a.b.z']);
  });
});
