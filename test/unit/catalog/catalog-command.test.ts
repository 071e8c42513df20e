import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../../shared/errors.js';
import { registerCatalogCommands, type CatalogCommandOptions } from '../../../electron/cli/catalog-command.js';
import type { CatalogSource } from '../../../electron/catalog/catalog-loader.js';

const home = mkdtempSync(path.join(os.tmpdir(), 'switchyard-catalog-cli-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function run(args: string[], sources?: CatalogSource[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const options: CatalogCommandOptions = { home: () => home, out: (text) => void (out += text), err: (text) => void (err += text) };
  if (sources) options.sources = () => sources;
  const program = new Command('switchyard').exitOverride();
  registerCatalogCommands(program, options);
  await program.parseAsync(['node', 'switchyard', ...args]);
  return { out, err };
}

describe('switchyard catalog', () => {
  it('ls lists every bundled entry, and --json gives the summaries', async () => {
    const { out, err } = await run(['catalog', 'ls']);
    expect(err).toBe('');
    expect(out).toMatch(/^airtable-mcp-server\s+server\s+productivity\s+Airtable$/m);
    expect(out).toMatch(/328 entries\. Details: switchyard catalog show NAME\n$/);
    const rows = JSON.parse((await run(['catalog', 'ls', '--json'])).out) as Array<{ name: string; type: string }>;
    expect(rows).toHaveLength(328);
    expect(rows.find((row) => row.name === 'ais-fleet')).toMatchObject({ type: 'remote', url: 'https://mcp.aisfleet.com/sse', category: 'boating' });
  });

  it('ls --category filters, case-insensitively, and names the categories when none match', async () => {
    const rows = JSON.parse((await run(['catalog', 'ls', '--category', 'Database', '--json'])).out) as Array<{ category: string }>;
    expect(rows.length).toBe(26);
    expect(rows.every((row) => row.category === 'database')).toBe(true);
    const { out } = await run(['catalog', 'ls', '--category', 'nope']);
    expect(out).toMatch(/^No entries in category "nope"\. Categories: devops, productivity, database/);
  });

  it('show prints what an entry needs, with the commands that set it', async () => {
    const { out } = await run(['catalog', 'show', 'aks']);
    expect(out).toContain('Azure Kubernetes Service (AKS)  (aks)');
    expect(out).toContain('  Image:     mcp/aks');
    expect(out).toMatch(/config azure_dir \(string, required\): Path to the Azure configuration directory/);
    expect(out).toMatch(/config access_level \(string, required, default "readonly"\)/);
    expect(out).toContain('      switchyard config set aks kubeconfig <value>');
    expect(out).toContain("'{{aks.azure_dir}}:/home/mcp/.azure'".slice(1, -1));

    const github = (await run(['catalog', 'show', 'github-official'])).out;
    expect(github).toContain('  secret github-official.personal_access_token -> env GITHUB_PERSONAL_ACCESS_TOKEN: You can create a GitHub personal access token');
    expect(github).toContain('      switchyard secret set github-official.personal_access_token');
    expect(github).toContain('  Network:   on, for api.github.com:443, github.com:443, raw.githubusercontent.com:443');
  });

  it('show lists the tools, and --json carries the entry and its needs', async () => {
    const okta = (await run(['catalog', 'show', 'okta-mcp-server'])).out;
    expect(okta).toMatch(/^Tools \(\d+\):$/m);
    expect(okta).toMatch(/^ {2}list_applications\(/m);
    const details = JSON.parse((await run(['catalog', 'show', 'sqlite', '--json'])).out) as Record<string, unknown>;
    expect(details).toMatchObject({ name: 'SQLite', serverName: 'sqlite', image: 'mcp/sqlite', needs: { secrets: [], config: [] }, entry: { volumes: ['mcp-sqlite:/mcp'] } });
    const atlassian = JSON.parse((await run(['catalog', 'show', 'atlassian', '--json'])).out) as { needs: { config: Array<{ key: string }>; configOneOf: string[][] } };
    expect(atlassian.needs.config.map((field) => field.key)).toEqual(['confluence.url', 'confluence.username', 'jira.url', 'jira.username']);
    expect(atlassian.needs.configOneOf).toEqual([['confluence'], ['jira']]);
    expect((await run(['catalog', 'show', 'ais-fleet'])).out).toContain('remote (sse), no container');
    expect((await run(['catalog', 'show', 'asana'])).out).toContain('remote (sse), no container - signs in with OAuth in the browser (switchyard server auth NAME)');
  });

  it('show refuses an unknown name, suggesting near matches', async () => {
    await expect(run(['catalog', 'show', 'githu'])).rejects.toThrow(SwitchyardError);
    const error = await run(['catalog', 'show', 'githu']).catch((caught: SwitchyardError) => caught);
    expect((error as SwitchyardError).message).toBe('No catalog entry named "githu".');
    expect((error as SwitchyardError).hint).toMatch(/^Did you mean: github, github-chat, github-official/);
  });

  it('search ranks results and says what matched', async () => {
    const { out } = await run(['catalog', 'search', 'github']);
    expect(out.split('\n')[0]).toMatch(/^github\s+devops\s+GitHub \(Archived\)\s+name$/);
    const hits = JSON.parse((await run(['catalog', 'search', 'list_applications', '--json'])).out) as Array<{ name: string; matched: string; matchedValue?: string }>;
    expect(hits[0]).toMatchObject({ name: 'okta-mcp-server', matched: 'tool', matchedValue: 'list_applications' });
    expect((await run(['catalog', 'search', 'zzzz-nothing'])).out).toBe('Nothing matches "zzzz-nothing".\n');
    const words = JSON.parse((await run(['catalog', 'search', 'kubernetes', 'azure', '--json'])).out) as Array<{ name: string }>;
    expect(words[0]?.name).toBe('aks');
  });

  it('reports skipped entries and broken sources on stderr, and still answers', async () => {
    const extra = path.join(home, 'extra.yaml');
    writeFileSync(extra, 'registry:\n  fine:\n    image: me/fine\n  bad:\n    type: server\n');
    const { out, err } = await run(['catalog', 'ls'], [{ kind: 'file', path: extra }, { kind: 'file', path: path.join(home, 'none.yaml') }]);
    expect(out).toMatch(/^fine\s+server/m);
    expect(err).toContain(`switchyard: ${extra}:4: entry "bad" skipped: image: a server entry needs an image\n`);
    expect(err).toMatch(/catalog .*none\.yaml: .*file not found/);
  });
});
