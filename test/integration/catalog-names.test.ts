import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from './support/gateway-process.js';
import { cli, cliAnswer } from './support/http-gateway.js';

/**
 * Catalog entries through the real CLI (built in dist/) and the bundled catalog: the server name an entry
 * becomes, readiness with a missing secret, one secret name for OAuth entries, and refusals in plain words.
 */
describe('catalog entries as servers, from the command line', () => {
  const home = tempHome();

  const env = { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
  const switchyard = (...args: string[]) => cliAnswer(home.home, args, env);
  const settings = () => JSON.parse(readFileSync(path.join(home.home, 'settings.json'), 'utf8')) as { servers: Record<string, { catalog?: string }> };
  const inspect = async (name: string) => JSON.parse((await switchyard('server', 'inspect', name, '--json')).stdout) as Record<string, unknown>;

  afterAll(() => home.remove());

  it('enables "SQLite" as the server "sqlite" (the entry name in lower case), and finds it by either name', async () => {
    const enabled = await switchyard('server', 'enable', 'SQLite');
    expect(enabled.code).toBe(0);
    expect(enabled.stderr).toContain('Server "sqlite" enabled (catalog entry SQLite).');
    expect(enabled.stderr).not.toMatch(/must be 1-63 characters|invalid/i);
    expect(settings().servers).toMatchObject({ sqlite: { catalog: 'SQLite' } });
    expect(settings().servers.SQLite).toBeUndefined();
    expect(await inspect('sqlite')).toMatchObject({ name: 'sqlite', source: { kind: 'catalog', entry: 'SQLite' } });
    expect(await inspect('SQLite')).toMatchObject({ name: 'sqlite' });
    // Enabling it again by the entry's name changes nothing and adds no second server.
    expect((await switchyard('server', 'enable', 'SQLite')).code).toBe(0);
    expect(Object.keys(settings().servers)).toEqual(['sqlite']);
  });

  it('is not ready while a required secret is not set (brightdata)', async () => {
    const enabled = await switchyard('server', 'enable', 'brightdata');
    expect(enabled.code).toBe(0);
    expect(enabled.stderr).toContain('brightdata.api_token');
    const report = await inspect('brightdata');
    expect(report).toMatchObject({ ready: false, secrets: [{ key: 'brightdata.api_token', set: false, required: true }] });
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'secret', key: 'brightdata.api_token' }));
    expect((await switchyard('server', 'inspect', 'brightdata')).stdout).not.toContain('ready to start');
  });

  it("names an OAuth entry's token the same in inspect and in the recipe it offers (asana)", async () => {
    expect((await switchyard('server', 'enable', 'asana')).code).toBe(0);
    const report = await inspect('asana');
    expect(report.secrets).toEqual([expect.objectContaining({ key: 'asana.personal_access_token', set: false })]);
    // With OAuth sign-in (issue #19) the token is optional: what inspect offers is the sign-in, and the token keeps its one name.
    expect(JSON.stringify(report)).not.toContain('asana.token');
    const text = (await switchyard('server', 'inspect', 'asana')).stdout;
    expect(text).toContain('asana.personal_access_token');
    expect(text).toContain('switchyard server auth asana');
    expect(text).not.toContain('asana.token');
  });

  it('refuses a per-call tool entry (curl) in plain words, with what to do instead', async () => {
    const refused = await switchyard('server', 'enable', 'curl');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not an MCP server but a command-line tool (mcp/curl)');
    expect(refused.stderr).toContain('switchyard catalog search curl');
    expect(refused.stderr).not.toMatch(/poci/i);
  });

  it('says a catalog entry that is not enabled is not enabled, instead of listing every server', async () => {
    const missing = await switchyard('server', 'inspect', 'github-official');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('"github-official" is a catalog entry that is not enabled.');
    expect(missing.stderr).toContain('switchyard server enable github-official');
    expect(missing.stderr).not.toContain('Configured:');
    // A name that is neither still lists what is configured.
    expect((await switchyard('server', 'inspect', 'no-such-thing')).stderr).toContain('Configured: sqlite, brightdata, asana.');
  });

  it('takes the catalog name ("SQLite") wherever a server name goes: config, tools, secrets, logs, disable', { timeout: 240_000 }, async () => {
    const set = await switchyard('config', 'set', 'SQLite', 'note', 'hello');
    expect(set.code).toBe(0);
    expect(set.stderr).toContain('Set sqlite note.');
    expect(JSON.parse((await switchyard('config', 'get', 'SQLite')).stdout)).toEqual({ note: 'hello' });
    expect((await switchyard('config', 'unset', 'SQLite', 'note')).stderr).toContain('Unset sqlite note.');

    const off = await switchyard('tools', 'disable', 'SQLite', 'read_query');
    expect(off.code).toBe(0);
    expect(off.stderr).toContain('Tool sqlite read_query switched off');
    expect(JSON.parse((await switchyard('tools', 'ls', 'SQLite', '--json')).stdout)).toContainEqual(
      expect.objectContaining({ server: 'sqlite', name: 'read_query', enabled: false }),
    );
    expect((await switchyard('tools', 'enable', 'SQLite', 'read_query')).code).toBe(0);

    cli(home.home, ['secret', 'set', 'SQLite.note'], { env, input: 'value' });
    expect(JSON.parse((await switchyard('secret', 'ls', '--server', 'SQLite', '--json')).stdout).keys).toEqual(['sqlite.note']);
    expect((await switchyard('secret', 'rm', 'SQLite.note')).stderr).toContain('Secret "sqlite.note" removed.');

    expect((await switchyard('logs', '--server', 'SQLite')).code).toBe(0);

    const disabled = await switchyard('server', 'disable', 'SQLite');
    expect(disabled.code).toBe(0);
    expect(disabled.stderr).toContain('Server "sqlite" disabled.');
    expect(settings().servers.sqlite).toMatchObject({ enabled: false });
    expect(Object.keys(settings().servers)).toEqual(['sqlite', 'brightdata', 'asana']);
  });
});
