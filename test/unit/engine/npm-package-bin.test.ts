import { describe, expect, it } from 'vitest';
import { resolvePackageBin } from '../../../electron/runtime/npm-package-bin.js';

describe('resolvePackageBin', () => {
  it('takes "bin" when it is a path, normalized', () => {
    expect(resolvePackageBin({ bin: './dist/index.js' }, 'pkg')).toBe('dist/index.js');
    expect(resolvePackageBin({ bin: 'cli.js' }, 'pkg')).toBe('cli.js');
  });

  it('takes the entry named like the package, without its scope', () => {
    const bin = { 'mcp-server-memory': 'dist/index.js', 'server-memory': 'dist/main.js', other: 'x.js' };
    expect(resolvePackageBin({ bin }, '@modelcontextprotocol/server-memory')).toBe('dist/main.js');
  });

  it('takes the only entry whatever its name', () => {
    expect(resolvePackageBin({ bin: { 'mcp-server-memory': 'dist/index.js' } }, '@modelcontextprotocol/server-memory')).toBe('dist/index.js');
  });

  it('refuses several entries none of which is named like the package, listing them', () => {
    expect(() => resolvePackageBin({ bin: { a: 'a.js', b: 'b.js' } }, 'pkg')).toThrow(/several commands \(a, b\).*none is named "pkg".*--image/);
  });

  it.each([
    ['no bin', {}, 'declares no "bin"'],
    ['no package.json content', null, 'declares no "bin"'],
    ['an empty bin object', { bin: {} }, 'empty "bin"'],
    ['a bin that is a number', { bin: 3 }, 'neither a path nor an object'],
    ['a bin that is an array', { bin: ['a.js'] }, 'neither a path nor an object'],
  ])('refuses %s with a clear error', (_what, manifest, message) => {
    expect(() => resolvePackageBin(manifest, 'pkg')).toThrow(message);
  });

  it.each(['../outside.js', '/etc/passwd', 'dist/../../x.js', '.'])('refuses a bin path %j outside the package folder', (bin) => {
    expect(() => resolvePackageBin({ bin }, 'pkg')).toThrow('outside its own folder');
  });

  it('refuses a bin path with characters that do not belong in an ENTRYPOINT', () => {
    expect(() => resolvePackageBin({ bin: 'dist/index.js"]\nRUN x' }, 'pkg')).toThrow('characters');
  });
});
