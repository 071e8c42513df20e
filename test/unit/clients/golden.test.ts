import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../../shared/errors.js';
import { backupSuffix, editorFor } from '../../../electron/clients/connector.js';
import { deepEqual, getEntry, withoutEntry } from '../../../electron/clients/formats/common.js';
import { allClients } from '../../../electron/clients/registry.js';
import { fakeGateway, fixturesDir, tempHome, testConnector, testToken } from './support.js';

/** Each client folder of test/fixtures/client-configs holds one realistic config file for its global scope. */
const goldens = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'malformed')
  .map((entry) => {
    const files = readdirSync(path.join(fixturesDir, entry.name));
    return { client: entry.name, fixture: path.join(fixturesDir, entry.name, files[0]!) };
  });

/** The part of `after` that differs from `before` once their common start and end are set aside. */
function changedSpan(before: string, after: string): { removed: string; added: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { removed: before.slice(start, before.length - end), added: after.slice(start, after.length - end) };
}

describe('golden client configs', () => {
  let home: ReturnType<typeof tempHome>;
  beforeEach(() => (home = tempHome()));
  afterEach(() => home.remove());

  it('has a golden file for every client family', () => {
    const covered = new Set(goldens.map((golden) => golden.client));
    for (const client of allClients) {
      if (client.id === 'vscode-insiders' || client.id === 'vscodium') continue; // same format and shape as vscode
      expect(covered, client.id).toContain(client.id);
    }
  });

  for (const { client: id, fixture } of goldens) {
    describe(id, () => {
      const client = allClients.find((candidate) => candidate.id === id)!;
      const original = readFileSync(fixture, 'utf8');

      function place(): { file: string; connector: ReturnType<typeof testConnector> } {
        const connector = testConnector(home.home);
        const file = connector.configFile(id);
        mkdirSync(path.dirname(file), { recursive: true });
        copyFileSync(fixture, file);
        return { file, connector };
      }

      for (const transport of client.transports) {
        it(`connect over ${transport} changes only our entry; disconnect restores every byte`, async () => {
          const { file, connector } = place();
          expect(connector.status(id).state).toBe('not-connected');

          const connected = await connector.connect(id, { transport });
          expect(connected).toMatchObject({ changed: true, transport, file, backup: file + backupSuffix });
          expect(readFileSync(file + backupSuffix, 'utf8')).toBe(original);
          const after = readFileSync(file, 'utf8');

          // Parsed: everything but our entry is equal, and our entry is what the client needs.
          const editor = editorFor(client.format);
          const beforeData = editor.parse(original);
          const afterData = editor.parse(after);
          expect(deepEqual(withoutEntry(afterData, client.location), withoutEntry(beforeData, client.location))).toBe(true);
          const entry = getEntry(afterData, client.location);
          const target = client.fromEntry(entry);
          expect(target?.transport).toBe(transport);
          if (target?.transport === 'http') {
            expect(target.url).toBe('http://127.0.0.1:8819/mcp');
            expect(target.headers).toEqual({ Authorization: `Bearer ${testToken}` });
          } else if (target?.transport === 'stdio') {
            expect(path.isAbsolute(target.command)).toBe(true);
            expect(target.args.at(-1)).toBe('connect');
          }

          // As text: one contiguous insertion, nothing of the original rewritten (at most a separator or `{}`).
          const span = changedSpan(original, after);
          expect(span.removed.trim().length, JSON.stringify(span.removed)).toBeLessThanOrEqual(2);
          expect(span.added).toContain('switchyard');
          expect(connector.status(id)).toMatchObject({ state: 'connected', transport });

          // Twice is harmless: nothing written.
          const again = await connector.connect(id, { transport });
          expect(again.changed).toBe(false);
          expect(readFileSync(file, 'utf8')).toBe(after);

          const disconnected = await connector.disconnect(id);
          expect(disconnected.changed).toBe(true);
          expect(readFileSync(file, 'utf8')).toBe(original);
          expect(connector.status(id).state).toBe('not-connected');

          const twice = await connector.disconnect(id);
          expect(twice.changed).toBe(false);
          expect(readFileSync(file, 'utf8')).toBe(original);
        });
      }

      it('reports a stale entry when the gateway port or token changed, and connect repairs it in place', async () => {
        const { file, connector } = place();
        const transport = client.transports[0]!;
        await connector.connect(id, { transport });
        const moved = testConnector(home.home, { gateway: fakeGateway(9911) });
        if (transport === 'http') {
          expect(moved.status(id)).toMatchObject({ state: 'stale' });
          expect(moved.status(id).reason).toContain('9911');
          expect(moved.status(id).reason).not.toContain(testToken);
          const rotated = testConnector(home.home, { gateway: fakeGateway(8819, 'another-token-abcdefghijkl') });
          expect(rotated.status(id)).toMatchObject({ state: 'stale' });
          const repaired = await moved.connect(id);
          expect(repaired.changed).toBe(true);
          expect(moved.status(id).state).toBe('connected');
        } else {
          const gone = testConnector(home.home, { bridge: { command: '/nonexistent/node', args: ['/nonexistent/switchyard.js', 'connect'], env: {} } });
          expect(gone.status(id)).toMatchObject({ state: 'stale' });
        }
        await moved.disconnect(id);
        expect(readFileSync(file, 'utf8')).toBe(original);
      });
    });
  }
});

describe('malformed config files', () => {
  let home: ReturnType<typeof tempHome>;
  beforeEach(() => (home = tempHome()));
  afterEach(() => home.remove());

  const cases: Array<{ client: string; fixture: string; line: number }> = [
    { client: 'claude-desktop', fixture: 'claude-desktop.json', line: 6 },
    { client: 'vscode', fixture: 'vscode.json', line: 9 },
    { client: 'codex', fixture: 'codex.toml', line: 6 },
    { client: 'goose', fixture: 'goose.yaml', line: 4 },
    // The unclosed [ is on line 7 (the parser gave up at line 8, past the end of the file).
    { client: 'continue', fixture: 'continue.yaml', line: 7 },
  ];

  for (const { client, fixture, line } of cases) {
    it(`${client}: left untouched and reported with the file and line`, async () => {
      const connector = testConnector(home.home);
      const file = connector.configFile(client);
      mkdirSync(path.dirname(file), { recursive: true });
      copyFileSync(path.join(fixturesDir, 'malformed', fixture), file);
      const before = readFileSync(file, 'utf8');
      const mtime = statSync(file).mtimeMs;

      const error = await connector.connect(client).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(SwitchyardError);
      const failure = error as SwitchyardError;
      expect(failure.message).toContain(file);
      expect(failure.message).toMatch(new RegExp(`line ${line}, column \\d+`));
      expect(failure.hint).toMatch(/unchanged/);
      expect(failure.hint).toContain(`switchyard client snippet ${client}`);
      expect(readFileSync(file, 'utf8')).toBe(before);
      expect(statSync(file).mtimeMs).toBe(mtime);
      expect(existsSync(file + backupSuffix)).toBe(false);

      await expect(connector.disconnect(client)).rejects.toThrow(/does not parse/);
      expect(connector.status(client)).toMatchObject({ state: 'unreadable' });
      expect(readFileSync(file, 'utf8')).toBe(before);
    });
  }

  it('never overwrites a file whose container has the wrong type', async () => {
    const connector = testConnector(home.home);
    const file = connector.configFile('cursor');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{ "mcpServers": ["not", "an", "object"] }\n');
    await expect(connector.connect('cursor')).rejects.toThrow(/mcpServers.*expected a mapping/);
    expect(readFileSync(file, 'utf8')).toBe('{ "mcpServers": ["not", "an", "object"] }\n');
  });
});
