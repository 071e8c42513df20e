import { applyPatch } from 'diff';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shownToken } from '../../../electron/clients/change-plan.js';
import { backupSuffix } from '../../../electron/clients/connector.js';
import { allClients } from '../../../electron/clients/registry.js';
import { fakeGateway, fixturesDir, repoRoot, tempHome, testConnector, testToken } from './support.js';

/**
 * The plan (client.plan, `client connect --dry-run`) of connect and disconnect for each golden config file and
 * each transport its app speaks: the diff matches the expected one in test/fixtures/client-plans (paths of this
 * machine written as {HOME}, {NODE}, {REPO}), applies to the file's text to give exactly what connect then
 * writes, shows no token, and writes nothing. UPDATE_PLAN_GOLDENS=1 writes missing expected diffs.
 */
const plansDir = path.join(repoRoot, 'test', 'fixtures', 'client-plans');
const goldens = readdirSync(fixturesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'malformed')
  .map((entry) => ({ client: entry.name, fixture: path.join(fixturesDir, entry.name, readdirSync(path.join(fixturesDir, entry.name))[0]!) }));

function portable(text: string, home: string): string {
  return text.split(home).join('{HOME}').split(repoRoot).join('{REPO}').split(process.execPath).join('{NODE}');
}

function expectGolden(name: string, actual: string): void {
  const file = path.join(plansDir, `${name}.diff`);
  if (!existsSync(file) && process.env.UPDATE_PLAN_GOLDENS === '1') {
    mkdirSync(plansDir, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(existsSync(file), `${file} (run with UPDATE_PLAN_GOLDENS=1 to write it, then read it)`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('client change plans', () => {
  let home: ReturnType<typeof tempHome>;
  beforeEach(() => (home = tempHome()));
  afterEach(() => home.remove());

  for (const { client: id, fixture } of goldens) {
    const client = allClients.find((candidate) => candidate.id === id)!;
    for (const transport of client.transports) {
      it(`${id} over ${transport}: the diff is the golden one, applies to the exact result, carries no token, writes nothing`, async () => {
        const connector = testConnector(home.home);
        const file = connector.configFile(id);
        mkdirSync(path.dirname(file), { recursive: true });
        copyFileSync(fixture, file);
        const original = readFileSync(file, 'utf8');

        const plan = connector.plan(id, { action: 'connect', transport });
        expect(plan).toMatchObject({
          client: id,
          action: 'connect',
          file,
          changed: true,
          created: false,
          deleted: false,
          transport,
          transportReason: 'chosen',
        });
        expect(plan.backup).toBe(file + backupSuffix);
        expect(plan.before).toBe(original.replace(/^\ufeff/, ''));
        expect(JSON.stringify(plan)).not.toContain(testToken);
        expect(readFileSync(file, 'utf8')).toBe(original);
        expect(existsSync(file + backupSuffix)).toBe(false);
        expectGolden(`${id}-${transport}`, portable(plan.diff, home.home));
        expect(applyPatch(plan.before, plan.diff)).toBe(plan.after);

        await connector.connect(id, { transport });
        const written = readFileSync(file, 'utf8');
        expect(written.split(testToken).join(shownToken)).toBe(plan.after);

        // Connected: nothing more to plan; the disconnect plan gives back the original text.
        expect(connector.plan(id, { action: 'connect', transport })).toMatchObject({ changed: false, diff: '' });
        const leave = connector.plan(id, { action: 'disconnect' });
        expect(leave).toMatchObject({ changed: true, deleted: false, backup: file + backupSuffix });
        expect(leave.after).toBe(original.replace(/^\ufeff/, ''));
        expect(applyPatch(leave.before, leave.diff)).toBe(leave.after);
        expect(readFileSync(file, 'utf8')).toBe(written);
      });
    }
  }

  it('a new file: created, no backup; HTTP without a gateway token yet shows a placeholder and generates none', () => {
    const gateway = fakeGateway();
    gateway.current = undefined;
    const connector = testConnector(home.home, { gateway });
    const plan = connector.plan('cursor', { action: 'connect', transport: 'http' });
    expect(plan).toMatchObject({ changed: true, created: true, before: '', transport: 'http' });
    expect(plan.backup).toBeUndefined();
    expect(plan.after).toContain(`Bearer ${shownToken}`);
    expect(gateway.current).toBeUndefined();
    expect(existsSync(plan.file)).toBe(false);
  });

  it('says why the transport: the default bridge, the only one the app speaks, the one its entry keeps', async () => {
    const connector = testConnector(home.home);
    expect(connector.plan('cursor', { action: 'connect' })).toMatchObject({ transport: 'stdio', transportReason: 'default', transports: ['http', 'stdio'] });
    expect(connector.plan('claude-desktop', { action: 'connect' })).toMatchObject({ transport: 'stdio', transportReason: 'only' });
    await connector.connect('cursor', { transport: 'http' });
    expect(connector.plan('cursor', { action: 'connect' })).toMatchObject({ transport: 'http', transportReason: 'kept', changed: false });
    expect(() => connector.plan('claude-desktop', { action: 'connect', transport: 'http' })).toThrow(/cannot connect over http/);
  });

  it("a file only Switchyard uses (Continue's project file) would be removed on disconnect: the plan says deleted", async () => {
    const connector = testConnector(home.home);
    const scope = { kind: 'project' as const, dir: home.home };
    const created = connector.plan('continue', { action: 'connect', scope });
    expect(created).toMatchObject({ changed: true, created: true, before: '' });
    expect(created.after).toMatch(/^name: Switchyard\n/);
    await connector.connect('continue', { scope });
    expect(connector.plan('continue', { action: 'disconnect', scope })).toMatchObject({
      changed: true,
      deleted: true,
      after: '',
      backup: created.file + backupSuffix,
    });
    expect(existsSync(created.file)).toBe(true);
  });
});
