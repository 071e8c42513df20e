import { describe, expect, it } from 'vitest';
import { checkServerName } from '../../../electron/runtime/server-definition.js';

describe('checkServerName', () => {
  it.each(['github', 'a', '0', 'mcp-github', 'my_server.v2', 'a'.repeat(63), '9lives'])('accepts %j', (name) => {
    expect(checkServerName(name)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['uppercase', 'GitHub'],
    ['leading dash', '-github'],
    ['leading dot', '.hidden'],
    ['leading underscore', '_x'],
    ['space', 'my server'],
    ['slash', 'acme/github'],
    ['colon', 'github:1'],
    ['too long (64)', 'a'.repeat(64)],
    ['non-ASCII', 'café'],
    ['newline', 'a\nb'],
    ['trailing newline', 'github\n'],
  ])('refuses a name with %s, quoting it and saying what is allowed', (_what, name) => {
    const problem = checkServerName(name);
    expect(problem).toBeDefined();
    expect(problem).toContain(`"${name}"`);
    expect(problem).toContain('1-63 characters');
    expect(problem).toContain('a-z, 0-9');
    expect(problem).toContain('starting with a letter or digit');
  });
});
