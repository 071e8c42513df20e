import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../../shared/errors.js';
import { parseEnvAssignments, parseNumberOption, serverNameFromImage } from '../../../electron/cli/option-parsers.js';
import { checkServerName } from '../../../electron/runtime/server-definition.js';

function thrown(run: () => unknown): SwitchyardError {
  try {
    run();
  } catch (error) {
    if (error instanceof SwitchyardError) return error;
    throw error;
  }
  throw new Error('expected a SwitchyardError');
}

describe('parseEnvAssignments', () => {
  it('returns an empty object for no pairs', () => {
    expect(parseEnvAssignments([])).toEqual({});
  });

  it('parses KEY=VALUE pairs', () => {
    expect(parseEnvAssignments(['API_URL=https://example.com', 'DEBUG=1', '_X=y', 'lower_case=ok'])).toEqual({
      API_URL: 'https://example.com',
      DEBUG: '1',
      _X: 'y',
      lower_case: 'ok',
    });
  });

  it('splits at the first "=" only: values may contain "="', () => {
    expect(parseEnvAssignments(['QUERY=a=b&c=d', 'B64=aGk=', 'EQ=='])).toEqual({ QUERY: 'a=b&c=d', B64: 'aGk=', EQ: '=' });
  });

  it('accepts an empty value and keeps spaces in values', () => {
    expect(parseEnvAssignments(['EMPTY=', 'GREETING=hello world '])).toEqual({ EMPTY: '', GREETING: 'hello world ' });
  });

  it('lets a later pair for the same key win', () => {
    expect(parseEnvAssignments(['A=1', 'A=2'])).toEqual({ A: '2' });
  });

  it.each([
    ['no "="', 'JUSTAKEY'],
    ['an empty key', '=value'],
    ['an empty string', ''],
    ['a key starting with a digit', '1PASSWORD=x'],
    ['a dash in the key', 'MY-KEY=x'],
    ['a space in the key', 'MY KEY=x'],
    ['a space before "="', 'KEY =x'],
    ['a dot in the key', 'a.b=x'],
    ['a non-ASCII key', 'CLÉ=x'],
  ])('refuses a pair with %s, quoting the exact option and giving an example', (_what, pair) => {
    const error = thrown(() => parseEnvAssignments(['GOOD=1', pair]));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(`--env "${pair}" is not KEY=VALUE.`);
    expect(error.hint).toBe('Example: --env API_URL=https://example.com');
  });
});

describe('serverNameFromImage', () => {
  it.each([
    ['mcp-github', 'mcp-github'],
    ['ghcr.io/acme/mcp-github:1.2', 'mcp-github'],
    ['docker.io/library/node:20-alpine', 'node'],
    ['mcp/filesystem', 'filesystem'],
    ['localhost:5000/tools/fetcher:latest', 'fetcher'],
    ['registry.example.com:443/team/sub/team/server', 'server'],
    ['mcp/github@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'github'],
    ['mcp/github:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'github'],
    ['Acme/My_Server:V1', 'my_server'],
    ['GHCR.IO/ACME/MCP-GITHUB', 'mcp-github'],
    ['acme/tool.v2', 'tool.v2'],
  ])('%s -> %s', (image, name) => {
    expect(serverNameFromImage(image)).toBe(name);
  });

  it('replaces characters a server name cannot hold and strips a leading non-alphanumeric run', () => {
    expect(serverNameFromImage('acme/--weird+name')).toBe('weird-name');
    expect(serverNameFromImage('acme/_private')).toBe('private');
  });

  it('falls back to "server" when nothing usable is left', () => {
    expect(serverNameFromImage('')).toBe('server');
    expect(serverNameFromImage('acme/___')).toBe('server');
    expect(serverNameFromImage('acme/')).toBe('server');
    expect(serverNameFromImage('@sha256:abc')).toBe('server');
  });

  it('caps the name at 63 characters', () => {
    expect(serverNameFromImage(`acme/${'x'.repeat(100)}:1`)).toBe('x'.repeat(63));
  });

  it('always produces a name that checkServerName accepts', () => {
    const images = [
      'ghcr.io/acme/mcp-github:1.2',
      'Acme/Ünïcödé-Sërver:1',
      'acme/---',
      `registry:5000/${'-'.repeat(10)}${'A'.repeat(80)}`,
      'a b c',
      'x/y/z@sha256:ff',
      '...',
      '.dotfirst',
    ];
    for (const image of images) expect(checkServerName(serverNameFromImage(image)), image).toBeUndefined();
  });
});

describe('parseNumberOption', () => {
  it('accepts whole numbers within bounds, bounds included', () => {
    expect(parseNumberOption('--port', '0', 0, 65535)).toBe(0);
    expect(parseNumberOption('--port', '65535', 0, 65535)).toBe(65535);
    expect(parseNumberOption('--idle', '600', 0)).toBe(600);
  });

  it.each([
    ['below the minimum', '-1'],
    ['above the maximum', '65536'],
    ['fractional', '1.5'],
    ['not a number', 'eighty'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
  ])('refuses a value %s, naming the option, the value and the range', (_what, value) => {
    const error = thrown(() => parseNumberOption('--port', value, 0, 65535));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe(`--port "${value}" must be a whole number from 0 to 65535.`);
  });

  // Regression test for a fixed bug (minor, electron/cli/option-parsers.ts parseNumberOption): Number('') and Number('  ') are 0, so an empty
  // value (e.g. `--ui-port ""` or `--ui-port=`) is accepted as 0 instead of being refused. Expected INVALID_INPUT
  // naming the option. Fix: refuse `value.trim() === ''` (or test /^-?\d+$/) before converting.
  it('refuses an empty value instead of reading it as 0', () => {
    expect(() => parseNumberOption('--ui-port', '', 0, 65535)).toThrow(/--ui-port "" must be a whole number/);
  });
});
