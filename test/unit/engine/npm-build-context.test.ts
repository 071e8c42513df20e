import { describe, expect, it } from 'vitest';
import { npmBuildContextEntries, npmDockerfile, npmImageLabels, type NpmImagePlan } from '../../../electron/runtime/npm-build-context.js';
import { npmInstallArgs } from '../../../electron/runtime/npm-image-builder.js';
import { npmBuilderVersion } from '../../../electron/runtime/npm-image-tag.js';

const plan: NpmImagePlan = {
  spec: '@modelcontextprotocol/server-memory@2026.1.26',
  packageName: '@modelcontextprotocol/server-memory',
  installedVersion: '2026.1.26',
  baseImage: 'node:22-alpine',
  bin: 'dist/index.js',
};

describe('npmDockerfile', () => {
  const dockerfile = npmDockerfile(plan);
  const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line));

  it('builds FROM the base, copies the install to /app and runs the bin with node from PATH', () => {
    expect(instructions[0]).toBe('FROM node:22-alpine');
    expect(instructions).toContain('COPY node_modules/ /app/node_modules/');
    expect(instructions.at(-1)).toBe('ENTRYPOINT ["node","/app/node_modules/@modelcontextprotocol/server-memory/dist/index.js"]');
  });

  it('labels the image with where it came from', () => {
    for (const [key, value] of Object.entries(npmImageLabels(plan))) expect(dockerfile).toContain(`${key}=${JSON.stringify(value)}`);
    expect(npmImageLabels(plan)).toEqual({
      'io.switchyard.built-by': 'switchyard',
      'io.switchyard.npm.spec': plan.spec,
      'io.switchyard.npm.package': plan.packageName,
      'io.switchyard.npm.version': '2026.1.26',
      'io.switchyard.npm.base-image': 'node:22-alpine',
      'io.switchyard.npm.builder': String(npmBuilderVersion),
    });
  });

  it('quotes a range spec (spaces) inside its label', () => {
    expect(npmDockerfile({ ...plan, spec: 'pkg@>=1 <2' })).toContain('io.switchyard.npm.spec="pkg@>=1 <2"');
  });

  it('sends only the Dockerfile and the installed tree as the build context', () => {
    expect(npmBuildContextEntries).toEqual(['Dockerfile', 'node_modules']);
  });
});

describe('npmInstallArgs', () => {
  it('is an argv with scripts off, the prefix, and the spec last (after every option)', () => {
    const args = npmInstallArgs('/home/u/npm-cache/abc', 'pkg@1');
    expect(args.slice(0, 3)).toEqual(['install', '--prefix', '/home/u/npm-cache/abc']);
    expect(args).toEqual(expect.arrayContaining(['--ignore-scripts', '--no-audit', '--no-fund']));
    expect(args.at(-1)).toBe('pkg@1');
  });
});
