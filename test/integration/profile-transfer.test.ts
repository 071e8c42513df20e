import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempHome } from './support/gateway-process.js';
import { cli, writeSettings } from './support/http-gateway.js';

/** `profile export` on one home, `profile import` on a fresh one: the same profile, and never a secret value in the file. */
describe('profile export and import', () => {
  const source = tempHome();
  const target = tempHome();
  const env = { SWITCHYARD_SECRET_BACKEND: 'encrypted-file' };
  const token = `ghp_${Date.now()}abcdef`;
  const pasted = `pasted-${Date.now()}-value`;

  afterAll(() => {
    source.remove();
    target.remove();
  });

  it('reproduces the profile on a fresh home, tells which secrets to set, and carries no stored secret value', () => {
    writeSettings(source.home, {
      servers: {
        alpha: { image: 'switchyard-fixture/everything:latest', secretEnv: { API_KEY: 'alpha.key' }, env: { MODE: 'fast', LEAKED: pasted } },
        notes: { image: 'switchyard-fixture/memory:latest', env: { MEMORY_FILE_PATH: '/tmp/memory.jsonl' } },
        other: { image: 'switchyard-fixture/everything:latest' },
      },
      profiles: {
        coding: {
          description: 'Code work',
          servers: { alpha: { allow: ['echo', 'get-sum'] }, notes: {} },
          deny: [{ server: 'notes', tool: 'delete_entities' }],
          dynamic: true,
        },
      },
    });
    cli(source.home, ['secret', 'set', 'alpha.key'], { env, input: token });
    cli(source.home, ['secret', 'set', 'alpha.pasted'], { env, input: pasted });
    const file = path.join(source.home, 'coding.yaml');
    cli(source.home, ['profile', 'export', 'coding', '-o', file], { env });
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('switchyardProfile: 1');
    expect(text).toContain('alpha.key');
    expect(text).not.toContain(token);
    expect(text).not.toContain(pasted);
    expect(text).toContain('<withheld: secret alpha.pasted>');
    expect(text).not.toContain('other');

    const imported = cli(target.home, ['profile', 'import', file], { env });
    expect(imported).toContain('Imported profile coding (2 server(s)).');
    expect(imported).toContain('switchyard secret set alpha.key');
    const shown = (home: string) => JSON.parse(cli(home, ['profile', 'show', 'coding', '--json'], { env })) as Record<string, unknown>;
    expect(shown(target.home)).toEqual(shown(source.home));
    const servers = JSON.parse(readFileSync(path.join(target.home, 'settings.json'), 'utf8')).servers as Record<string, Record<string, unknown>>;
    expect(Object.keys(servers).sort()).toEqual(['alpha', 'notes']);
    expect(servers.alpha).toMatchObject({ image: 'switchyard-fixture/everything:latest', secretEnv: { API_KEY: 'alpha.key' }, env: { MODE: 'fast' } });

    // The same name again is refused, saying how to import anyway.
    expect(() => cli(target.home, ['profile', 'import', file], { env })).toThrow(/exists already[\s\S]*--name/);
  });

  it('refuses a file of a newer format by name', () => {
    const file = path.join(target.home, 'future.yaml');
    writeFileSync(file, 'switchyardProfile: 9\nname: future\nservers: {}\n');
    expect(() => cli(target.home, ['profile', 'import', file], { env })).toThrow(/format 9; this Switchyard reads format 1/);
  });
});
