import { describe, expect, it } from 'vitest';
import { createRedactor, redactCredentialPatterns, redactSecrets } from '../../../electron/secrets/redaction.js';

describe('redactSecrets: known values', () => {
  it('replaces every occurrence, by key when known, *** otherwise', () => {
    const text = 'token=abcd1234 again abcd1234; other: zz-9999-zz';
    expect(redactSecrets(text, [{ key: 'github.token', value: 'abcd1234' }, 'zz-9999-zz'])).toBe(
      'token=[redacted:github.token] again [redacted:github.token]; other: ***',
    );
  });

  it('ignores values shorter than 4 characters and empty values', () => {
    expect(redactSecrets('abc is fine, so is x', ['abc', 'x', ''])).toBe('abc is fine, so is x');
  });

  it('escapes regular-expression characters in values', () => {
    const value = 'a.b*c+d?(e)[f]{g}|h^$\\i/-';
    expect(redactSecrets(`x ${value} y a-b-c`, [value])).toBe('x *** y a-b-c');
  });

  it('prefers the longest value at a position (a value containing another)', () => {
    expect(
      redactSecrets('secret-long-value', [
        { key: 's.short', value: 'secret' },
        { key: 's.long', value: 'secret-long-value' },
      ]),
    ).toBe('[redacted:s.long]');
  });

  it('covers overlapping values entirely, leaving no fragment of either', () => {
    const a = { key: 'x.a', value: 'abcd1234' };
    const b = { key: 'x.b', value: '1234wxyz' };
    const out = redactSecrets('<<abcd1234wxyz>>', [a, b]);
    expect(out).toBe('<<[redacted:x.a,x.b]>>');
    expect(out).not.toMatch(/abcd|1234|wxyz/);
    expect(redactSecrets('start 1234wxyz end', [a, b])).toBe('start [redacted:x.b] end');
  });

  it('redacts adjacent occurrences separately and repeated overlapping occurrences of one value', () => {
    expect(redactSecrets('aaaaaa', [{ key: 'k.a', value: 'aaaa' }])).toBe('[redacted:k.a]');
    expect(redactSecrets('s3cr3ts3cr3t', [{ key: 'k.s', value: 's3cr3t' }])).toBe('[redacted:k.s][redacted:k.s]');
  });

  it('also finds the JSON-escaped and URL-encoded forms of a value', () => {
    const value = 'p@ss "word"\\x/y';
    const json = JSON.stringify({ password: value });
    expect(redactSecrets(json, [{ key: 'db.password', value }])).toBe('{"password":"[redacted:db.password]"}');
    const url = `https://h/?p=${encodeURIComponent(value)}`;
    expect(redactSecrets(url, [{ key: 'db.password', value }])).toBe('https://h/?p=[redacted:db.password]');
  });

  it('is fast with many values and a large text', () => {
    const values = Array.from({ length: 5000 }, (_, i) => ({ key: `s${i}.k`, value: `value-${i.toString(36)}-${'q'.repeat(i % 20)}-end` }));
    const chunks: string[] = [];
    for (let i = 0; i < 20_000; i++)
      chunks.push(i % 100 === 0 ? `x ${values[i % values.length]?.value} y` : 'plain words of output text, nothing to hide here at all.');
    const text = chunks.join('\n');
    const started = performance.now();
    const redactor = createRedactor(values);
    const out = redactor.redact(text);
    const elapsed = performance.now() - started;
    expect(out).not.toContain('-end');
    expect(out.match(/\[redacted:/g)?.length).toBe(200);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('returns the text unchanged when there is nothing to redact', () => {
    expect(redactSecrets('nothing here', [])).toBe('nothing here');
    expect(redactSecrets('', ['abcd'])).toBe('');
  });
});

describe('redactSecrets: credential patterns', () => {
  const cases: Array<[string, string, string]> = [
    ['Bearer token', 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-nat_ure', 'Authorization: Bearer ***'],
    ['bearer, any case', 'header bearer abcdefgh12345678', 'header bearer ***'],
    ['Basic auth header', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic ***'],
    ['OpenAI key', 'key sk-proj-AbCdEf0123456789xyz', 'key ***'],
    ['Anthropic key', 'sk-ant-api03-AbCdEf0123456789xyz_-', '***'],
    ['GitHub classic', 'ghp_0123456789abcdefghijABCDEFGHIJ0123', '***'],
    ['GitHub fine-grained', 'github_pat_11ABCDEFG0123456789_abcdefXYZ', '***'],
    ['Slack bot', 'SLACK=xoxb-1234567890-0987654321-AbCdEfGhIj', 'SLACK=***'],
    ['Slack user', 'xoxp-1234567890-abcdef', '***'],
    ['AWS access key id', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id = ***'],
    ['URL password', 'mongodb+srv://user:hunter2pass@cluster.example.net/db', 'mongodb+srv://user:***@cluster.example.net/db'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => expect(redactSecrets(input, [])).toBe(expected));
  }

  it('PEM private key blocks, whole', () => {
    const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA7V', 'q2ZlY29uZGxpbmU=', '-----END RSA PRIVATE KEY-----'].join('\n');
    expect(redactSecrets(`before\n${pem}\nafter`, [])).toBe('before\n[redacted:private-key]\nafter');
    expect(redactSecrets('-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBg\\n-----END PRIVATE KEY-----', [])).toBe('[redacted:private-key]');
    expect(redactSecrets('x -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk (cut off', [])).toBe('x [redacted:private-key]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'The task-runner uses Bearer tokens; see skills and ghp docs. AKIA is a prefix. Basic usage: run it.';
    expect(redactCredentialPatterns(text)).toBe(text);
  });

  it('can be turned off', () => {
    expect(redactSecrets('Bearer abcdefgh12345678', [], { patterns: false })).toBe('Bearer abcdefgh12345678');
  });
});
