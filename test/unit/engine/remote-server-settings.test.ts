import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../../shared/errors.js';
import { createLaunchPreparer } from '../../../electron/servers/launch-preparer.js';
import { remoteServerSource, parseHeaderPairs } from '../../../electron/servers/custom-server-source.js';
import { loadCatalogs, type Catalog } from '../../../electron/catalog/catalog-loader.js';
import { checkRemoteUrl, type ServerDefinition } from '../../../electron/runtime/server-definition.js';
import type { SecretStore } from '../../../electron/secrets/secret-store.js';
import { serversFromSettings } from '../../../electron/servers/server-definitions.js';
import { ServerSettingsSchema, SettingsSchema } from '../../../electron/settings/settings-schema.js';

describe('remote URLs', () => {
  it.each([
    'https://mcp.example.com/mcp',
    'https://mcp.example.com:8443/sse',
    'http://localhost:3000/mcp',
    'http://127.0.0.1:9/mcp',
    'http://127.1.2.3/mcp',
    'http://[::1]:8080/mcp',
  ])('accepts %s', (url) => {
    expect(checkRemoteUrl(url)).toBeUndefined();
  });

  it.each([
    ['plain http to another host', 'http://mcp.example.com/mcp', 'use https://'],
    ['plain http to a LAN address', 'http://192.168.1.5/mcp', 'use https://'],
    ['a name that only starts like localhost', 'http://localhost.example.com/mcp', 'use https://'],
    ['another scheme', 'ftp://mcp.example.com/', 'must start with https://'],
    ['a file URL', 'file:///etc/passwd', 'must start with https://'],
    ['no URL at all', 'mcp.example.com', 'is not a valid URL'],
  ])('refuses %s, saying what to do', (_what, url, expected) => {
    expect(checkRemoteUrl(url)).toContain(expected);
  });

  it('refuses credentials in the URL without repeating them', () => {
    const problem = checkRemoteUrl('https://me:hunter2@mcp.example.com/mcp');
    expect(problem).toContain('carries a user name or password');
    expect(problem).not.toContain('hunter2');
  });
});

describe('remote servers in settings', () => {
  it('accepts a server that is only a remote URL, with streamable-http by default, and refuses plain http to another host', () => {
    expect(ServerSettingsSchema.parse({ remote: { url: 'https://mcp.example.com/mcp' } })).toEqual({
      remote: { url: 'https://mcp.example.com/mcp', transport: 'streamable-http' },
      enabled: true,
    });
    const plain = ServerSettingsSchema.safeParse({ remote: { url: 'http://mcp.example.com/mcp' } });
    expect(plain.success).toBe(false);
    expect(plain.error?.issues[0]?.message).toContain('use https://');
    expect(ServerSettingsSchema.safeParse({ remote: { url: 'https://x.example.com', transport: 'websocket' } }).success).toBe(false);
  });

  it('maps a custom remote server and a remote catalog entry to definitions whose image is the URL', async () => {
    const settings = SettingsSchema.parse({
      version: 1,
      servers: {
        hosted: {
          remote: { url: 'https://mcp.example.com/mcp', transport: 'sse', headers: { Authorization: 'Bearer ${TOKEN}' } },
          secretEnv: { TOKEN: 'hosted.token' },
        },
        apify: { catalog: 'apify' },
      },
    });
    const catalog = await loadCatalogs([{ kind: 'bundled' }]);
    const [hosted, apify] = serversFromSettings(settings, catalog);
    expect(hosted).toMatchObject({
      name: 'hosted',
      image: 'https://mcp.example.com/mcp',
      remote: { url: 'https://mcp.example.com/mcp', transport: 'sse', headers: { Authorization: 'Bearer ${TOKEN}' } },
      launch: { secretEnv: { TOKEN: 'hosted.token' } },
    });
    expect(apify).toMatchObject({
      name: 'apify',
      image: 'https://mcp.apify.com',
      remote: { url: 'https://mcp.apify.com', transport: 'streamable-http', headers: { Authorization: 'Bearer ${APIFY_API_KEY}' } },
    });
  });
});

describe('filling remote headers at start time', () => {
  const hosted: ServerDefinition = {
    name: 'hosted',
    image: 'https://mcp.example.com/mcp',
    remote: { url: 'https://mcp.example.com/mcp', transport: 'streamable-http', headers: { Authorization: 'Bearer ${TOKEN}', 'X-Team': 'blue' } },
    launch: { secretEnv: { TOKEN: 'hosted.token' } },
  };
  const prepare = (values: Record<string, string>, catalog?: Catalog) =>
    createLaunchPreparer({ catalog: async () => catalog ?? (await loadCatalogs([{ kind: 'bundled' }])), secrets: async () => memoryStore(values) });

  it('fills ${ENV} from the mapped secret into the header only, never the environment', async () => {
    const prepared = await prepare({ 'hosted.token': 's3cret' })(hosted);
    expect(prepared.remote?.headers).toEqual({ Authorization: 'Bearer s3cret', 'X-Team': 'blue' });
    expect(prepared.env).toBeUndefined();
    expect(hosted.remote?.headers?.Authorization).toBe('Bearer ${TOKEN}');
  });

  it('refuses to start without the secret, naming it and the command that sets it', async () => {
    const error = await prepare({})(hosted).catch((caught: SwitchyardError) => caught);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect((error as SwitchyardError).code).toBe('MISSING_CONFIG');
    expect((error as SwitchyardError).message).toBe('"hosted" cannot start until these secrets are set: hosted.token (TOKEN).');
    expect((error as SwitchyardError).hint).toBe('switchyard secret set hosted.token');
  });

  it('refuses a header that references a variable no secret is mapped to', async () => {
    const error = await prepare({})({ ...hosted, launch: {} }).catch((caught: SwitchyardError) => caught);
    expect((error as SwitchyardError).code).toBe('INVALID_INPUT');
    expect((error as SwitchyardError).message).toContain('its headers reference ${TOKEN}, which no secret is mapped to');
  });

  it('fills a remote catalog entry from its secrets', async () => {
    const [apify] = serversFromSettings(
      SettingsSchema.parse({ version: 1, servers: { apify: { catalog: 'apify' } } }),
      await loadCatalogs([{ kind: 'bundled' }]),
    );
    const prepared = await prepare({ 'apify.api_key': 'k-1' })(apify!);
    expect(prepared.remote).toEqual({ url: 'https://mcp.apify.com', transport: 'streamable-http', headers: { Authorization: 'Bearer k-1' } });
    const missing = await prepare({})(apify!).catch((caught: SwitchyardError) => caught);
    expect((missing as SwitchyardError).code).toBe('MISSING_CONFIG');
    expect((missing as SwitchyardError).message).toContain('switchyard secret set apify.api_key');
  });
});

/** What `server add --remote` does with its options: the pairs become headers, then the shared rules apply. */
function fromPairs(options: { remote: string; transport?: string; header?: string[]; secretEnv?: Record<string, string> }) {
  return remoteServerSource({
    remote: options.remote,
    ...(options.transport ? { transport: options.transport } : {}),
    headers: parseHeaderPairs(options.header ?? []),
    secretEnv: options.secretEnv ?? {},
  });
}

describe('switchyard server add --remote options', () => {
  it('keeps the URL, transport and headers with their ${ENV} references', () => {
    expect(
      fromPairs({
        remote: 'https://mcp.example.com/sse',
        transport: 'sse',
        header: ['Authorization=Bearer ${TOKEN}', 'X-Team=a=b'],
        secretEnv: { TOKEN: 'x.token' },
      }),
    ).toEqual({
      remote: { url: 'https://mcp.example.com/sse', transport: 'sse', headers: { Authorization: 'Bearer ${TOKEN}', 'X-Team': 'a=b' } },
    });
    expect(fromPairs({ remote: 'http://localhost:3000/mcp' })).toEqual({ remote: { url: 'http://localhost:3000/mcp', transport: 'streamable-http' } });
  });

  it.each([
    ['plain http to another host', { remote: 'http://mcp.example.com/mcp' }, 'use https://'],
    ['an unknown transport', { remote: 'https://mcp.example.com/mcp', transport: 'ws' }, '--transport "ws" is not one of: streamable-http, sse.'],
    [
      'an unmapped reference',
      { remote: 'https://mcp.example.com/mcp', header: ['Authorization=Bearer ${TOKEN}'] },
      'references ${TOKEN}, which no --secret maps',
    ],
    [
      'a credential written out',
      { remote: 'https://mcp.example.com/mcp', header: ['Authorization=Bearer abc123'] },
      'would be stored in settings.json in plain text',
    ],
    ['an API key written out', { remote: 'https://mcp.example.com/mcp', header: ['X-Api-Key=abc123'] }, 'would be stored in settings.json in plain text'],
    ['a pair without a name', { remote: 'https://mcp.example.com/mcp', header: ['Authorization: Bearer abc123'] }, 'is not Name=Value'],
  ])('refuses %s', (_what, options, expected) => {
    const error = (() => {
      try {
        fromPairs(options);
      } catch (caught) {
        return caught as SwitchyardError;
      }
      throw new Error('accepted');
    })();
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.describe()).toContain(expected);
    expect(error.describe()).not.toContain('abc123');
  });
});

function memoryStore(values: Record<string, string>): SecretStore {
  const map = new Map(Object.entries(values));
  return {
    backend: 'encrypted-file',
    location: 'memory',
    set: async (key, value) => void map.set(key, value),
    get: async (key) => map.get(key),
    delete: async (key) => map.delete(key),
    has: async (key) => map.has(key),
    list: async () => [...map.keys()].sort(),
  };
}
