import { describe, expect, it } from 'vitest';
import { npmBuildHash, npmImageTag, sanitizedRepositoryName } from '../../../electron/runtime/npm-image-tag.js';

/** Docker's grammar for a repository path component. */
const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

describe('npmImageTag', () => {
  it('is switchyard-npm/<sanitized name>:<12 hex>, the same for the same spec and base', () => {
    const tag = npmImageTag('@modelcontextprotocol/server-memory@2026.1.26', 'node:22-alpine');
    expect(tag).toMatch(/^switchyard-npm\/modelcontextprotocol-server-memory:[0-9a-f]{12}$/);
    expect(npmImageTag('@modelcontextprotocol/server-memory@2026.1.26', 'node:22-alpine')).toBe(tag);
  });

  it('changes with the version, the base image, and between specs of one package', () => {
    const tags = new Set([
      npmImageTag('pkg@1.0.0', 'node:22-alpine'),
      npmImageTag('pkg@1.0.1', 'node:22-alpine'),
      npmImageTag('pkg@1.0.0', 'node:20-alpine'),
      npmImageTag('pkg', 'node:22-alpine'),
    ]);
    expect(tags.size).toBe(4);
  });

  it('uses the build hash as the tag, which also names the install folder', () => {
    expect(npmImageTag('pkg@1', 'base')).toBe(`switchyard-npm/pkg:${npmBuildHash('pkg@1', 'base')}`);
    expect(npmBuildHash('pkg@1', 'base')).toMatch(/^[0-9a-f]{12}$/);
  });

  it('refuses a spec that is not a registry package', () => {
    expect(() => npmImageTag('./local', 'node:22-alpine')).toThrow('only registry packages');
  });
});

describe('sanitizedRepositoryName', () => {
  it.each([
    ['@modelcontextprotocol/server-memory', 'modelcontextprotocol-server-memory'],
    ['mcp-server-fetch', 'mcp-server-fetch'],
    ['JSONStream', 'jsonstream'],
    ['a.b_c~d', 'a-b-c-d'],
    ['--x--', 'x'],
    ['~', 'package'],
  ])('%j becomes %j, a valid Docker repository component', (name, expected) => {
    const sanitized = sanitizedRepositoryName(name);
    expect(sanitized).toBe(expected);
    expect(sanitized).toMatch(component);
  });

  it('keeps long names within Docker limits', () => {
    const sanitized = sanitizedRepositoryName(`@${'s'.repeat(100)}/${'n-'.repeat(60)}`);
    expect(sanitized.length).toBeLessThanOrEqual(100);
    expect(sanitized).toMatch(component);
  });
});
