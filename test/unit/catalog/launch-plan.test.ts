import { describe, expect, it } from 'vitest';
import { bundled, custom, entry, plan, ready } from './support/plan-helpers.js';
import { compileConfigSchema } from '../../../electron/catalog/config-schema-compiler.js';
import { describePlanProblem, planLaunch } from '../../../electron/catalog/launch-plan.js';

function secrets(values: Record<string, string>) {
  const asked: string[] = [];
  const lookup = (key: string) => {
    asked.push(key);
    return values[key];
  };
  return { lookup, asked };
}

describe('planning a launch from a catalog entry', () => {
  it('lists a missing secret with its env and the exact command, then runs with exactly that secret', () => {
    const airtable = entry('airtable-mcp-server');
    const missing = plan({ server: 'airtable-mcp-server', entry: airtable });
    expect(missing).toEqual({
      kind: 'missing',
      missing: [
        {
          kind: 'secret',
          key: 'airtable-mcp-server.api_key',
          env: 'AIRTABLE_API_KEY',
          description: 'secret passed to the server as AIRTABLE_API_KEY',
          fix: 'switchyard secret set airtable-mcp-server.api_key',
        },
      ],
      problems: [],
    });

    const store = secrets({ 'airtable-mcp-server.api_key': 'pat-123', 'other.api_key': 'not-for-you' });
    const result = ready(plan({ server: 'airtable-mcp-server', entry: airtable, secret: store.lookup }));
    expect(store.asked).toEqual(['airtable-mcp-server.api_key']);
    expect(result.definition).toEqual({ name: 'airtable-mcp-server', image: 'mcp/airtable-mcp-server', env: { AIRTABLE_API_KEY: 'pat-123' }, network: false });
    expect(result.notes.join('\n')).toMatch(/network is off/);

    const configured = ready(plan({ server: 'airtable-mcp-server', entry: airtable, secret: store.lookup, config: { nodeenv: 'production' } }));
    expect(configured.definition.env).toEqual({ NODE_ENV: 'production', AIRTABLE_API_KEY: 'pat-123' });
  });

  it('keys secrets per server even when the catalog names them otherwise', () => {
    const store = secrets({ 'github-official.personal_access_token': 'ghp_x' });
    const result = ready(plan({ server: 'github-official', entry: entry('github-official'), secret: store.lookup }));
    expect(result.definition.env).toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_x' });
    expect(result.definition.network).toBe(true);
    expect(result.definition.allowHosts).toEqual(['api.github.com:443', 'github.com:443', 'raw.githubusercontent.com:443']);
  });

  it('treats secrets marked optional as optional, and an empty secret as deliberately unused', () => {
    const kafka = entry('kafka-schema-reg-mcp');
    const result = ready(plan({ server: 'kafka-schema-reg-mcp', entry: kafka, config: { registry_url: 'http://registry:8081' } }));
    expect(result.definition.env).toEqual({ SCHEMA_REGISTRY_URL: 'http://registry:8081', SLIM_MODE: 'true', VIEWONLY: 'false' });
    expect(result.notes.filter((note) => note.startsWith('optional secret'))).toHaveLength(2);

    const zen = entry('zen');
    const store = secrets({ 'zen.openrouter_api_key': 'or-key', 'zen.gemini_api_key': '', 'zen.openai_api_key': '', 'zen.xai_api_key': '' });
    expect(ready(plan({ server: 'zen', entry: zen, secret: store.lookup })).definition.env).toEqual({ OPENROUTER_API_KEY: 'or-key' });
  });

  it('names required config fields, fills in non-path defaults, never a default host path', () => {
    const aks = entry('aks');
    const result = plan({ server: 'aks', entry: aks });
    expect(result.kind).toBe('missing');
    if (result.kind !== 'missing') return;
    expect(result.missing.map((item) => [item.kind, item.key, item.fix])).toEqual([
      ['config', 'azure_dir', 'switchyard config set aks azure_dir <value>'],
      ['config', 'kubeconfig', 'switchyard config set aks kubeconfig <value>'],
    ]);
    expect(result.missing[0]?.description).toMatch(/Azure configuration directory/);

    const ok = ready(plan({ server: 'aks', entry: aks, config: { azure_dir: '/home/me/.azure', kubeconfig: '~/.kube/config', container_user: '1000:1000' } }));
    expect(ok.definition.command).toEqual(['--transport=stdio', '--access-level=readonly', '--allow-namespaces=', '--additional-tools=']);
    expect(ok.definition.mounts).toEqual([
      { type: 'bind', source: '/home/me/.azure', target: '/home/mcp/.azure', readOnly: true },
      { type: 'bind', source: '/home/me/.kube/config', target: '/home/mcp/.kube/config', readOnly: true },
    ]);
    expect(ok.definition.user).toBe('1000:1000');
  });

  it('validates config against the JSON Schema with errors naming the field: enum, type, format', () => {
    const kafka = plan({ server: 'kafka-schema-reg-mcp', entry: entry('kafka-schema-reg-mcp'), config: { registry_url: 'http://r', slim_mode: 'maybe' } });
    expect(kafka).toEqual({ kind: 'invalid', problems: [{ field: 'slim_mode', keyword: 'enum', message: 'must be one of: "true", "false"' }] });

    const gmail = plan({ server: 'gmail-mcp', entry: entry('gmail-mcp'), config: { email_address: 'not an address' }, secret: () => 'app-password' });
    expect(gmail).toEqual({ kind: 'invalid', problems: [{ field: 'email_address', keyword: 'format', message: 'must be a valid email' }] });

    const typed = custom(
      [
        'image: me/typed',
        'env:',
        '  - {name: PORT, value: "{{custom.port}}"}',
        '  - {name: DEBUG, value: "{{custom.debug}}"}',
        'config:',
        '  - name: custom',
        '    type: object',
        '    properties:',
        '      port: {type: integer}',
        '      debug: {type: boolean}',
        '      nested: {type: object, properties: {depth: {type: integer}}}',
        '    required: [port]',
      ].join('\n'),
    );
    // Values from the command line arrive as text and are coerced to the schema's types.
    const coerced = ready(plan({ server: 'custom', entry: typed, config: { port: '8080', debug: 'true' } }));
    expect(coerced.definition.env).toEqual({ PORT: '8080', DEBUG: 'true' });
    const wrong = plan({ server: 'custom', entry: typed, config: { port: 'eighty', debug: 'yes', nested: { depth: 'deep' } } });
    expect(wrong).toEqual({
      kind: 'invalid',
      problems: [
        { field: 'port', keyword: 'type', message: 'must be integer' },
        { field: 'debug', keyword: 'type', message: 'must be boolean' },
        { field: 'nested.depth', keyword: 'type', message: 'must be integer' },
      ],
    });
    const both = plan({ server: 'custom', entry: typed, config: { debug: 'yes' } });
    expect(both).toMatchObject({ kind: 'missing', missing: [{ kind: 'config', key: 'port' }], problems: [{ field: 'debug' }] });
  });

  it('says which alternatives satisfy an anyOf, and names nested required fields', () => {
    const atlassian = plan({ server: 'atlassian', entry: entry('atlassian'), secret: () => 'token' });
    expect(atlassian).toMatchObject({ kind: 'missing', missing: [{ kind: 'config', key: 'confluence | jira', description: 'one of these is needed: confluence, jira' }] });
    const jira = ready(plan({ server: 'atlassian', entry: entry('atlassian'), secret: () => 'token', config: { jira: { url: 'https://x.atlassian.net', username: 'me' } } }));
    expect(jira.definition.env).toMatchObject({ JIRA_URL: 'https://x.atlassian.net', JIRA_USERNAME: 'me', JIRA_API_TOKEN: 'token' });
    expect(jira.definition.env).not.toHaveProperty('CONFLUENCE_URL');

    const schemacrawler = plan({ server: 'schemacrawler-ai', entry: entry('schemacrawler-ai'), secret: () => 's', config: { url_connection: {} } });
    expect(schemacrawler).toMatchObject({ kind: 'missing', missing: [{ key: 'url_connection.jdbc_url', fix: 'switchyard config set schemacrawler-ai url_connection.jdbc_url <value>' }] });
  });

  it('mounts the paths of |volume|into and passes their container paths with |volume-target|into', () => {
    const result = ready(plan({ server: 'filesystem', entry: entry('filesystem'), config: { paths: ['/home/me/code/', 'C:\\Users\\me\\docs', '~/notes'] } }));
    expect(result.definition.mounts).toEqual([
      { type: 'bind', source: '/home/me/code', target: '/home/me/code', readOnly: true },
      { type: 'bind', source: 'C:\\Users\\me\\docs', target: '/c/Users/me/docs', readOnly: true },
      { type: 'bind', source: '/home/me/notes', target: '/home/me/notes', readOnly: true },
    ]);
    // The arguments name the same (normalised) paths the mounts use.
    expect(result.definition.command).toEqual(['/home/me/code', '/c/Users/me/docs', '/home/me/notes']);
    expect(result.definition.network).toBe(false);
    expect(result.notes.join('\n')).not.toMatch(/network is off/);

    // One path given as text (as `config set` gives it) is a list of one.
    const single = ready(plan({ server: 'filesystem', entry: entry('filesystem'), config: { paths: '/srv/data' } }));
    expect(single.definition.mounts).toEqual([{ type: 'bind', source: '/srv/data', target: '/srv/data', readOnly: true }]);
    expect(single.definition.command).toEqual(['/srv/data']);

    // The catalog's demo default (/Users/local-test) is never mounted: the user must choose, whatever the
    // server is called.
    expect(plan({ server: 'filesystem', entry: entry('filesystem') })).toMatchObject({ kind: 'missing', missing: [{ key: 'paths' }] });
    expect(plan({ server: 'files-two', entry: entry('filesystem') })).toMatchObject({ kind: 'missing', missing: [{ key: 'paths' }] });
    expect(plan({ server: 'files-two', entryName: 'filesystem', entry: entry('filesystem'), config: { paths: ['/srv'] } })).toMatchObject({ kind: 'ready' });
  });

  it('resolves |volume-target inside text and |or:[] for an optional volume', () => {
    const okta = ready(plan({ server: 'okta-mcp-server', entry: entry('okta-mcp-server'), secret: () => 'key', config: { log_path: '/var/log/okta' } }));
    expect(okta.definition.env?.OKTA_LOG_FILE).toBe('/var/log/okta/okta.log');
    expect(okta.definition.mounts).toEqual([
      { type: 'volume', source: 'switchyard-okta-mcp-server-okta-mcp-server-keyring', target: '/root/.local/share/python_keyring', readOnly: false },
      { type: 'bind', source: '/var/log/okta', target: '/var/log/okta', readOnly: true },
    ]);

    const none = ready(plan({ server: 'openapi-schema', entry: entry('openapi-schema') }));
    expect(none.definition.mounts).toBeUndefined();
    const some = ready(plan({ server: 'openapi-schema', entry: entry('openapi-schema'), config: { SchemaPath: '/home/me/api.yaml' } }));
    expect(some.definition.mounts).toEqual([{ type: 'bind', source: '/home/me/api.yaml', target: '/home/me/api.yaml', readOnly: true }]);
  });

  it('mounts read-only unless the template says rw; an optional path left unset mounts nothing', () => {
    const arm = ready(plan({ server: 'arm-mcp', entry: entry('arm-mcp'), config: { workspace_path: '/home/me/work', ssh_private_key_path: '/home/me/.ssh/id' } }));
    expect(arm.definition.mounts).toEqual([
      { type: 'bind', source: '/home/me/work', target: '/workspace', readOnly: true },
      { type: 'bind', source: '/home/me/.ssh/id', target: '/run/keys/ssh-key.pem', readOnly: true },
    ]);
    const writable = custom(['image: me/w', 'volumes:', '  - "{{custom.out}}:/out:rw"', 'config:', '  - {name: custom, type: object, properties: {out: {type: string}}}'].join('\n'));
    expect(ready(plan({ server: 'custom', entry: writable, config: { out: '/tmp/out' } })).definition.mounts).toEqual([{ type: 'bind', source: '/tmp/out', target: '/out', readOnly: false }]);
  });

  it('refuses host paths that start with "-", escape with "..", are relative or carry ":"', () => {
    const cases: Array<[unknown, RegExp]> = [
      [['--privileged'], /starts with "-"/],
      [['/home/me/../../etc'], /contains "\.\."/],
      [['..'], /contains "\.\."|not an absolute path/],
      [['relative/dir'], /not an absolute path/],
      [['/home/me:/etc'], /contains ":"/],
      [['C:\\Users\\..\\Admin'], /contains "\.\."/],
    ];
    for (const [paths, message] of cases) {
      const result = plan({ server: 'filesystem', entry: entry('filesystem'), config: { paths } });
      expect(result.kind, JSON.stringify(paths)).toBe('invalid');
      if (result.kind !== 'invalid') continue;
      expect(result.problems[0]?.field).toBe('paths');
      expect(result.problems[0]?.message).toMatch(message);
    }
    const playwright = plan({ server: 'playwright-mcp-server', entry: entry('playwright-mcp-server'), config: { data: '/ok/../../root' } });
    expect(playwright).toMatchObject({ kind: 'invalid', problems: [{ field: 'data' }] });
    const home = ready(plan({ server: 'playwright-mcp-server', entry: entry('playwright-mcp-server'), config: { data: '~/pw-data/' } }));
    expect(home.definition.mounts).toEqual([{ type: 'bind', source: '/home/me/pw-data', target: '/home/me/pw-data', readOnly: true }]);
    // All problems at once, even while something required is still missing.
    const both = plan({ server: 'aks', entry: entry('aks'), config: { azure_dir: '-v' } });
    expect(both).toMatchObject({ kind: 'missing', missing: [{ key: 'kubeconfig' }], problems: [{ field: 'azure_dir', message: expect.stringMatching(/starts with "-"/) }] });
  });

  it('refuses a host path the entry names itself; keeps named volumes namespaced per server', () => {
    const socket = custom('image: me/evil\nvolumes:\n  - /var/run/docker.sock:/var/run/docker.sock');
    expect(plan({ server: 'custom', entry: socket })).toEqual({ kind: 'broken', reason: expect.stringMatching(/host path \/var\/run\/docker\.sock, which the user did not choose/) });
    const mixed = custom('image: me/m\nvolumes:\n  - "/home/{{custom.user}}:/data"\nconfig:\n  - {name: custom, type: object, properties: {user: {type: string}}}');
    expect(plan({ server: 'custom', entry: mixed, config: { user: 'me' } })).toMatchObject({ kind: 'broken', reason: expect.stringMatching(/must come whole from one configuration value/) });

    const sqlite = ready(plan({ server: 'sqlite', entryName: 'SQLite', entry: entry('SQLite') }));
    expect(sqlite.definition).toMatchObject({
      name: 'sqlite',
      image: 'mcp/sqlite',
      command: ['--db-path', '/mcp/db.sqlite'],
      mounts: [{ type: 'volume', source: 'switchyard-sqlite-mcp-sqlite', target: '/mcp', readOnly: false }],
    });
    expect(plan({ server: 'SQLite', entry: entry('SQLite') })).toMatchObject({ kind: 'broken', reason: expect.stringMatching(/server name "SQLite"/) });
  });

  it('reports an unknown template filter clearly, as a broken entry', () => {
    // Reported before any secret or config is asked for.
    const odd = custom('image: me/odd\nsecrets: [{name: custom.key, env: KEY}]\ncommand:\n  - "{{custom.paths|shout}}"');
    expect(plan({ server: 'custom', entry: odd })).toEqual({
      kind: 'broken',
      reason: 'catalog entry "custom": {{custom.paths|shout}}: unknown template filter "shout" (Switchyard understands volume, volume-target, into, or:<default>)',
    });
    const elsewhere = custom('image: me/x\ncommand:\n  - "{{other.key}}"');
    expect(plan({ server: 'custom', entry: elsewhere })).toMatchObject({ kind: 'broken', reason: expect.stringMatching(/does not name a key of this server's configuration/) });
  });

  it('passes secrets only as env of that container: usable in env templates, refused in arguments', () => {
    const withUrl = custom(
      ['image: me/db', 'secrets:', '  - {name: custom.password, env: DB_PASSWORD}', 'env:', '  - {name: DATABASE_URL, value: "postgres://app:{{custom.password}}@db/app"}'].join('\n'),
    );
    const result = ready(plan({ server: 'custom', entry: withUrl, secret: (key) => (key === 'custom.password' ? 's3cret' : undefined) }));
    expect(result.definition.env).toEqual({ DATABASE_URL: 'postgres://app:s3cret@db/app', DB_PASSWORD: 's3cret' });
    expect(result.definition.command).toBeUndefined();

    const leaky = custom(['image: me/db', 'secrets:', '  - {name: custom.password, env: DB_PASSWORD}', 'command:', '  - "--password={{custom.password}}"'].join('\n'));
    const refused = plan({ server: 'custom', entry: leaky, secret: () => 's3cret' });
    expect(refused).toMatchObject({ kind: 'broken', reason: expect.stringMatching(/is a secret; secrets are passed only as environment variables/) });
    expect(JSON.stringify(refused)).not.toContain('s3cret');
  });

  it('derives the network flag: hosts declared and not disabled; the user choice wins', () => {
    expect(ready(plan({ server: 'duckduckgo', entry: entry('duckduckgo') })).definition.network).toBe(true);
    expect(ready(plan({ server: 'duckduckgo', entry: entry('duckduckgo'), network: false })).definition.network).toBe(false);
    const both = custom('image: me/n\ndisableNetwork: true\nallowHosts: [example.com:443]');
    expect(ready(plan({ server: 'custom', entry: both })).definition.network).toBe(false);
    expect(ready(plan({ server: 'custom', entry: custom('image: me/n') , network: true })).definition.network).toBe(true);
  });

  it('returns "unsupported" for per-call (poci) entries (remote entries: remote-launch-plan.test.ts)', () => {
    const curl = plan({ server: 'curl', entry: entry('curl') });
    expect(curl).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('is not an MCP server but a command-line tool (mcp/curl)') });
    // What it is and what the user can do, without Docker's jargon.
    if (curl.kind !== 'unsupported') return;
    expect(curl.reason).not.toMatch(/poci/i);
    expect(curl.reason).toContain('switchyard catalog search curl');
  });

  it('plans every server entry of the bundled catalog without an internal error', () => {
    const kinds: Record<string, number> = {};
    for (const [name, catalogEntry] of bundled) {
      const server = name.toLowerCase();
      const result = planLaunch({ server, entryName: name, entry: catalogEntry, secret: () => 'x', homeDir: '/home/me', compile: compileConfigSchema });
      kinds[result.kind] = (kinds[result.kind] ?? 0) + 1;
      expect(result.kind, `${name}: ${JSON.stringify(result)}`).not.toBe('broken');
    }
    console.info(`bundled catalog planned with every secret set and no config: ${JSON.stringify(kinds)}`);
    // Only the 3 per-call (poci) entries: the 40 remote entries that sign in with OAuth are planned like any remote server.
    expect(kinds.unsupported).toBe(3);
    expect((kinds.ready ?? 0) + (kinds.missing ?? 0) + (kinds.invalid ?? 0)).toBe(325);
  });

  it('describes a plan that is not ready as text with the fix commands', () => {
    const result = plan({ server: 'aks', entry: entry('aks') });
    if (result.kind === 'ready') throw new Error('expected missing');
    expect(describePlanProblem('aks', result)).toBe(
      [
        '"aks" cannot start until these are set:',
        '  config azure_dir: Path to the Azure configuration directory (e.g. /home/azureuser/.azure). Used for Azure CLI authentication, you should be logged in (e.g. run `az login`) on the host before starting the MCP server.',
        '    -> switchyard config set aks azure_dir <value>',
        '  config kubeconfig: Path to the kubeconfig file for the AKS cluster (e.g. /home/azureuser/.kube/config). Used to connect to the AKS cluster.',
        '    -> switchyard config set aks kubeconfig <value>',
      ].join('\n'),
    );
  });
});
