import { describe, expect, it } from 'vitest';
import { checkNpmSpec, parseNpmSpec } from '../../../electron/runtime/npm-package-spec.js';

describe('checkNpmSpec', () => {
  it.each([
    ['@modelcontextprotocol/server-memory', { name: '@modelcontextprotocol/server-memory' }],
    ['@modelcontextprotocol/server-memory@2026.1.26', { name: '@modelcontextprotocol/server-memory', version: '2026.1.26' }],
    ['mcp-server-fetch', { name: 'mcp-server-fetch' }],
    ['mcp-server-fetch@latest', { name: 'mcp-server-fetch', version: 'latest' }],
    ['left-pad@^1.3.0', { name: 'left-pad', version: '^1.3.0' }],
    ['pkg@>=1.0.0 <2', { name: 'pkg', version: '>=1.0.0 <2' }],
    ['pkg@1.x || 2.x', { name: 'pkg', version: '1.x || 2.x' }],
    ['pkg@1.0.0-beta.1', { name: 'pkg', version: '1.0.0-beta.1' }],
    ['JSONStream', { name: 'JSONStream' }],
    ['a.b_c~d', { name: 'a.b_c~d' }],
  ])('accepts %j', (spec, parsed) => {
    expect(checkNpmSpec(spec)).toBeUndefined();
    expect(parseNpmSpec(spec)).toEqual(parsed);
  });

  it.each([
    ['empty', '', 'empty'],
    ['an option', '--registry=http://evil', 'starts with "-"'],
    ['a short option', '-g', 'starts with "-"'],
    ['a URL', 'https://example.com/pkg.tgz', 'URL, path or git spec'],
    ['a git spec', 'git+https://github.com/a/b.git', 'URL, path or git spec'],
    ['a github: spec', 'github:user/repo', 'URL, path or git spec'],
    ['a GitHub shorthand', 'user/repo', 'GitHub shorthand or path'],
    ['a relative path', './server', 'URL, path or git spec'],
    ['a parent path', '../server', 'URL, path or git spec'],
    ['an absolute path', '/srv/server', 'URL, path or git spec'],
    ['a home path', '~/server', 'URL, path or git spec'],
    ['a Windows path', 'C:\\server', 'URL, path or git spec'],
    ['a tarball', 'server.tgz', 'tarball'],
    ['an alias', 'alias@npm:real-pkg@1', 'URL, path or git spec'],
    ['a name starting with a dot', '.hidden', 'URL, path or git spec'],
    ['a name starting with an underscore', '_private', 'not a valid npm package name'],
    ['a space in the name', 'my server', 'not a valid npm package name'],
    ['a scope without a name', '@scope', 'not a scoped name'],
    ['a scope with two slashes', '@scope/a/b', 'not a scoped name'],
    ['an empty version', 'pkg@', 'not a version, range or tag'],
    ['a version starting with "-"', 'pkg@-1', 'not a version, range or tag'],
    ['a version with a slash', 'pkg@user/branch', 'not a version, range or tag'],
    ['a newline', 'pkg@1.0.0\nrm', 'not a version, range or tag'],
    ['a reserved name', 'node_modules', 'reserves'],
    ['a too long name', 'a'.repeat(215), 'at most 214'],
  ])('refuses %s, quoting the spec and showing the accepted form', (_what, spec, reason) => {
    const problem = checkNpmSpec(spec);
    expect(problem).toContain(reason);
    expect(problem).toContain('name[@version]');
    if (spec !== '') expect(problem).toContain(`npm package spec "${spec}"`);
  });

  it('parseNpmSpec throws the same problem for a spec it refuses', () => {
    expect(() => parseNpmSpec('git+ssh://x')).toThrow('only registry packages');
  });
});
