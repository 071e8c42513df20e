import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../../electron/catalog/catalog-loader.js';
import type { CatalogEntry } from '../../../electron/catalog/catalog-schema.js';
import { buildContainerSpec } from '../../../electron/runtime/container-spec.js';
import type { SecretStore } from '../../../electron/secrets/secret-store.js';
import { serversFromSettings } from '../../../electron/servers/server-definitions.js';
import { inspectServer } from '../../../electron/servers/server-readiness.js';
import { defaultSettings, type ServerSettings, type Settings } from '../../../electron/settings/settings-schema.js';
import { custom } from '../catalog/support/plan-helpers.js';

function settingsWith(servers: Record<string, Partial<ServerSettings>>): Settings {
  const settings = defaultSettings();
  return { ...settings, servers: Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, { enabled: true, ...server } as ServerSettings])) };
}

function catalogOf(entries: Record<string, CatalogEntry>): Catalog {
  return {
    entries: new Map(Object.entries(entries).map(([name, entry]) => [name, { name, entry, source: 'test' }])),
    sources: [],
    problems: [],
    overrides: [],
  };
}

function secretsOf(values: Record<string, string>): SecretStore {
  return {
    backend: 'encrypted-file',
    location: 'memory',
    set: async () => {},
    get: async (key) => values[key],
    delete: async () => false,
    has: async (key) => key in values,
    list: async () => Object.keys(values).sort(),
  } as SecretStore;
}

async function inspect(name: string, settings: Settings, catalog = catalogOf({}), secrets: Record<string, string> = {}) {
  return inspectServer(name, { settings, catalog: async () => catalog, secrets: async () => secretsOf(secrets) });
}

describe("a server's container permissions (server inspect)", () => {
  it('shows the locked-down defaults of a custom image: no network, read-only root but /tmp, limits, nobody, every capability dropped', async () => {
    const report = await inspect('plain', settingsWith({ plain: { image: 'me/plain:1' } }));
    expect(report.container).toEqual({
      image: 'me/plain:1',
      pullPolicy: 'if-missing',
      network: { mode: 'none', allowHosts: [] },
      readOnlyRootfs: true,
      writable: [{ path: '/tmp', kind: 'tmpfs', sizeMb: 64 }],
      mounts: [],
      limits: { memoryMb: 512, cpus: 1, pids: 256 },
      user: { source: 'image-or-nobody', fallback: '65534:65534' },
      capabilities: { dropped: ['ALL'], added: [] },
      noNewPrivileges: true,
      perSession: false,
    });
  });

  it("follows the server's settings: network, writable root, limits, user, root allowed, one container per session", async () => {
    const settings = settingsWith({
      open: { image: 'me/open', network: true, readOnlyRootfs: false, limits: { memoryMb: 1024, cpus: 0.5, pids: 64 }, user: '1000:1000', perSession: true },
      rooted: { image: 'me/rooted', runAsRoot: true },
    });
    const open = (await inspect('open', settings)).container!;
    expect(open).toMatchObject({
      network: { mode: 'bridge' },
      readOnlyRootfs: false,
      writable: [
        { path: '/', kind: 'rootfs' },
        { path: '/tmp', kind: 'tmpfs', sizeMb: 64 },
      ],
      limits: { memoryMb: 1024, cpus: 0.5, pids: 64 },
      user: { source: 'settings', value: '1000:1000' },
      perSession: true,
    });
    expect((await inspect('rooted', settings)).container!.user).toEqual({ source: 'image-or-root' });
  });

  it('says what the runtime creates: the same options as the container spec', async () => {
    const settings = settingsWith({ open: { image: 'me/open', network: true, limits: { memoryMb: 256, cpus: 2, pids: 100 }, user: 'node' } });
    const spec = buildContainerSpec(serversFromSettings(settings)[0]!, { homeHash: 'h', pid: 1 } as never, 'x');
    const permissions = (await inspect('open', settings)).container!;
    expect(permissions.network.mode).toBe(spec.HostConfig!.NetworkMode);
    expect(permissions.limits.memoryMb * 1024 * 1024).toBe(spec.HostConfig!.Memory);
    expect(permissions.limits.cpus * 1e9).toBe(spec.HostConfig!.NanoCpus);
    expect(permissions.user.value).toBe(spec.User);
    expect(permissions.capabilities.dropped).toEqual(spec.HostConfig!.CapDrop);
  });

  it('an npm server is built when missing; a remote server has no container', async () => {
    const settings = settingsWith({
      pkg: { npm: '@scope/server@1.2.3' },
      far: { remote: { url: 'https://mcp.example.com/mcp', transport: 'streamable-http' } },
    });
    expect((await inspect('pkg', settings)).container).toMatchObject({ pullPolicy: 'build-if-missing', image: expect.stringContaining('switchyard-npm') });
    expect((await inspect('far', settings)).container).toBeUndefined();
  });

  it("a catalog server: the entry's hosts turn network on, its user and volumes come from the plan once the config is set", async () => {
    const entry = custom(
      [
        'image: me/files',
        'user: "1000:1000"',
        'allowHosts: ["api.example.com:443"]',
        'volumes:',
        '  - "{{files.out}}:/out:rw"',
        'config:',
        '  - {name: files, type: object, properties: {out: {type: string}}, required: [out]}',
      ].join('\n'),
    );
    const catalog = catalogOf({ files: entry });
    const pending = (await inspect('files', settingsWith({ files: { catalog: 'files' } }), catalog)).container!;
    expect(pending).toMatchObject({ image: 'me/files', network: { mode: 'bridge', allowHosts: ['api.example.com:443'] }, mounts: [], mountsPending: true });

    const set = (await inspect('files', settingsWith({ files: { catalog: 'files', config: { out: '/tmp/out' }, network: false } }), catalog)).container!;
    expect(set).toMatchObject({
      network: { mode: 'none', allowHosts: ['api.example.com:443'] },
      mounts: [{ type: 'bind', source: '/tmp/out', target: '/out', readOnly: false }],
      writable: [
        { path: '/tmp', kind: 'tmpfs', sizeMb: 64 },
        { path: '/out', kind: 'bind' },
      ],
      user: { source: 'catalog', value: '1000:1000' },
    });
    expect(set.mountsPending).toBeUndefined();
  });
});
