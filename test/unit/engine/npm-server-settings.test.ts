import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../../shared/errors.js';
import { customServerSource } from '../../../electron/servers/custom-server-source.js';
import { npmImageTag } from '../../../electron/runtime/npm-image-tag.js';
import { serversFromSettings } from '../../../electron/servers/server-definitions.js';
import { ServerSettingsSchema, SettingsSchema } from '../../../electron/settings/settings-schema.js';

const spec = '@modelcontextprotocol/server-memory@2026.1.26';

describe('npm servers in settings', () => {
  it('accepts a server that has only an npm package, and defaults the base image to node:22-alpine', () => {
    const settings = SettingsSchema.parse({ version: 1, servers: { mem: { npm: spec } } });
    expect(settings.servers.mem).toMatchObject({ npm: spec, enabled: true });
    expect(settings.gateway.npmBaseImage).toBe('node:22-alpine');
  });

  it('refuses a spec that is not a registry package, saying why', () => {
    const result = ServerSettingsSchema.safeParse({ npm: 'git+https://github.com/a/b.git' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('only registry packages');
  });

  it('refuses an npm package together with an image', () => {
    const result = ServerSettingsSchema.safeParse({ npm: spec, image: 'mcp/memory' });
    expect(result.error?.issues.map((issue) => issue.message)).toContain('a server comes from an npm package or from an image/catalog entry, not both');
  });

  it('refuses a base image reference that could break the Dockerfile', () => {
    expect(SettingsSchema.safeParse({ version: 1, gateway: { npmBaseImage: 'node:22\nRUN rm -rf /' } }).success).toBe(false);
    expect(SettingsSchema.safeParse({ version: 1, gateway: { npmBaseImage: 'registry.local:5000/team/node@sha256:abc' } }).success).toBe(true);
  });

  it('maps onto a definition that builds from the spec on the configured base, with the deterministic tag', () => {
    const settings = SettingsSchema.parse({
      version: 1,
      gateway: { npmBaseImage: 'switchyard-fixture/node-base:latest' },
      servers: { mem: { npm: spec, env: { A: '1' } } },
    });
    const [definition] = serversFromSettings(settings);
    expect(definition).toMatchObject({
      name: 'mem',
      image: npmImageTag(spec, 'switchyard-fixture/node-base:latest'),
      build: { npm: spec, baseImage: 'switchyard-fixture/node-base:latest' },
      env: { A: '1' },
    });
    expect(definition!.image).toMatch(/^switchyard-npm\/modelcontextprotocol-server-memory:[0-9a-f]{12}$/);
  });

  it('leaves image servers without a build', () => {
    const [definition] = serversFromSettings(SettingsSchema.parse({ version: 1, servers: { every: { image: 'mcp/everything' } } }));
    expect(definition!.build).toBeUndefined();
    expect(definition!.image).toBe('mcp/everything');
  });
});

describe('customServerSource (server add --image / --npm)', () => {
  it('takes --npm or --image', () => {
    expect(customServerSource({ npm: spec })).toEqual({ npm: spec });
    expect(customServerSource({ image: 'mcp/memory' })).toEqual({ image: 'mcp/memory' });
  });

  it('reads the npm: prefix (the catalog way to name a package) given to --npm or --image', () => {
    expect(customServerSource({ npm: `npm:${spec}` })).toEqual({ npm: spec });
    expect(customServerSource({ image: `npm:${spec}` })).toEqual({ npm: spec });
  });

  it.each([
    ['both', { npm: spec, image: 'mcp/memory' }, 'either --image or --npm, not both'],
    ['neither', {}, 'needs --image REF or --npm PACKAGE'],
    ['a bad spec', { npm: '../server' }, 'only registry packages'],
    ['a spec that is an option', { npm: '--registry=http://x' }, 'starts with "-"'],
  ])('refuses %s with an INVALID_INPUT error', (_what, options, message) => {
    expect(() => customServerSource(options)).toThrow(SwitchyardError);
    expect(() => customServerSource(options)).toThrow(message);
  });
});
