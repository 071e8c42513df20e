import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliAnswer } from './support/http-gateway.js';

const switchyard = cliAnswer;

const parents: string[] = [];
/** A home path whose folder (and parent) do not exist yet, as on a fresh machine. */
function freshHome(): string {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'switchyard-first-run-'));
  parents.push(parent);
  return path.join(parent, 'not-yet', 'Switchyard');
}

afterEach(() => {
  for (const parent of parents.splice(0)) rmSync(parent, { recursive: true, force: true });
});

describe('first run: a home folder that does not exist yet', () => {
  it('`gateway token` creates the home 0700 and settings.json 0600, and prints the same token every time', async () => {
    const home = freshHome();
    const first = await switchyard(home, ['gateway', 'token']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(home, 'settings.json')).mode & 0o777).toBe(0o600);
    expect((await switchyard(home, ['gateway', 'token'])).stdout).toBe(first.stdout);
  });

  it('`server add` creates the home and records the server', async () => {
    const home = freshHome();
    const added = await switchyard(home, ['server', 'add', 'every', '--image', 'switchyard-fixture/everything:latest']);
    expect(added.stderr).not.toContain('ENOENT');
    expect(added.code).toBe(0);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const settings = JSON.parse(readFileSync(path.join(home, 'settings.json'), 'utf8')) as { servers: Record<string, unknown> };
    expect(Object.keys(settings.servers)).toEqual(['every']);
  });
});

describe('a corrupt settings.json', () => {
  function homeWith(settingsText: string): string {
    const home = freshHome();
    mkdirSync(home, { recursive: true, mode: 0o700 });
    writeFileSync(path.join(home, 'settings.json'), settingsText, { mode: 0o600 });
    return home;
  }
  const asideFiles = (home: string) => readdirSync(home).filter((name) => name.startsWith('settings.json.corrupt-'));

  it('is reported on stderr by `server ls` the first time (what was moved where), once', async () => {
    const home = homeWith('{ "version": 1, "servers": { ');
    const listed = await switchyard(home, ['server', 'ls']);
    expect(listed.code).toBe(0);
    const [aside] = asideFiles(home);
    expect(aside).toBeDefined();
    expect(listed.stderr).toContain(path.join(home, 'settings.json'));
    expect(listed.stderr).toContain(path.join(home, aside!));
    expect(listed.stderr).toContain('not valid JSON');
    // The next command finds no unusable file: nothing more to say.
    expect((await switchyard(home, ['server', 'ls'])).stderr).toBe('');
  });

  it('keeps the gateway token (and port) when they can still be read, and says so', async () => {
    const token = 'Abc_def-' + 'k'.repeat(40);
    const home = homeWith(JSON.stringify({ version: 1, gateway: { port: 9911, token }, servers: 5 }));
    const printed = await switchyard(home, ['gateway', 'token']);
    expect(printed.code).toBe(0);
    expect(printed.stdout.trim()).toBe(token);
    expect(printed.stderr).toContain('moved to');
    expect(printed.stderr).toContain('token was read from it and kept');
    expect(asideFiles(home)).toHaveLength(1);
    const fresh = JSON.parse(readFileSync(path.join(home, 'settings.json'), 'utf8')) as { gateway: { port: number; token: string } };
    expect(fresh.gateway).toMatchObject({ port: 9911, token });
    expect((await switchyard(home, ['gateway', 'token'])).stdout.trim()).toBe(token);
  });

  it('reads the token out of a truncated file too', async () => {
    const token = 'Trunc_' + 'q'.repeat(40);
    const home = homeWith(`{\n  "version": 1,\n  "gateway": {\n    "port": 8819,\n    "token": "${token}"\n  },\n  "servers": {\n    "every": { "ima`);
    const printed = await switchyard(home, ['gateway', 'token']);
    expect(printed.stdout.trim()).toBe(token);
    expect(printed.stderr).toContain('kept');
  });

  it('says that apps connected over HTTP must reconnect when no token can be read', async () => {
    const home = homeWith('this is not json at all');
    const printed = await switchyard(home, ['gateway', 'token']);
    expect(printed.code).toBe(0);
    expect(printed.stderr).toContain('No gateway token could be read');
    expect(printed.stderr).toContain('client connect');
    expect(asideFiles(home)).toHaveLength(1);
  });

  it('a command that changes settings makes no change on top of defaults the user has not seen', async () => {
    const home = homeWith('{ broken');
    const added = await switchyard(home, ['server', 'add', 'every', '--image', 'switchyard-fixture/everything:latest']);
    expect(added.code).toBe(1);
    expect(added.stderr).toContain('moved to');
    expect(added.stderr).toContain('Nothing was changed');
    expect(existsSync(path.join(home, 'settings.json'))).toBe(false);
    const again = await switchyard(home, ['server', 'add', 'every', '--image', 'switchyard-fixture/everything:latest']);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('moved to');
  });
});
