import { describe, expect, it } from 'vitest';
import { hooksFor, matches } from '../../../electron/hooks/hook-match.js';
import type { HookSettings } from '../../../electron/settings/settings-schema.js';

const hook = (name: string, when: 'before' | 'after', match?: HookSettings['match']): HookSettings => ({
  name,
  when,
  command: ['true'],
  timeoutMs: 5000,
  ...(match ? { match } : {}),
});

describe('hook matching', () => {
  it('matches literally, with * as any run of characters', () => {
    expect(matches(undefined, 'anything')).toBe(true);
    expect(matches('echo', 'echo')).toBe(true);
    expect(matches('echo', 'echo2')).toBe(false);
    expect(matches('get-*', 'get-sum')).toBe(true);
    expect(matches('get-*', 'forget-sum')).toBe(false);
    expect(matches('file:///*.md', 'file:///docs/readme.md')).toBe(true);
    expect(matches('a.c', 'abc')).toBe(false);
  });

  it('picks the hooks of one moment whose server and tool match, in settings order', () => {
    const hooks = [
      hook('all-before', 'before'),
      hook('every-echo', 'before', { server: 'every', tool: 'echo' }),
      hook('other-server', 'before', { server: 'other' }),
      hook('all-after', 'after'),
      hook('any-get', 'before', { tool: 'get-*' }),
    ];
    expect(hooksFor(hooks, 'before', { server: 'every', name: 'echo' }).map((h) => h.name)).toEqual(['all-before', 'every-echo']);
    expect(hooksFor(hooks, 'before', { server: 'other', name: 'get-sum' }).map((h) => h.name)).toEqual(['all-before', 'other-server', 'any-get']);
    expect(hooksFor(hooks, 'after', { server: 'every', name: 'echo' }).map((h) => h.name)).toEqual(['all-after']);
  });
});
