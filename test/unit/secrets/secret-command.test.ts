import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSecretCommands, type SecretCommandIo } from '../../../electron/cli/secret-command.js';
import type { KeyringProbe } from '../../../electron/secrets/keyring-store.js';
import { openSecretStore } from '../../../electron/secrets/open-secret-store.js';
import { SwitchyardError } from '../../../shared/errors.js';
import { MemoryKeyring, tempHome } from './support/fixtures.js';

type Stdin = SecretCommandIo['stdin'];

interface Run {
  stdout: string;
  stderr: string;
  error?: unknown;
}

describe('switchyard secret', () => {
  let home: string;
  let cleanup: () => void;
  beforeEach(() => ({ home, cleanup } = tempHome()));
  afterEach(() => cleanup());

  const noKeyring = async (): Promise<KeyringProbe> => ({ available: false, reason: 'no keyring in this test' });

  function pipedStdin(text: string): Stdin {
    const stream = new PassThrough();
    stream.end(text);
    return Object.assign(stream, { isTTY: false });
  }

  async function run(
    args: string[],
    stdin: Stdin = pipedStdin(''),
    openStore: (home: string) => ReturnType<SecretCommandIo['openStore']> = (h) => openSecretStore({ home: h, env: {}, probeKeyring: noKeyring }),
  ): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const program = new Command('switchyard').exitOverride().configureOutput({ writeOut: (t) => (stdout += t), writeErr: (t) => (stderr += t) });
    registerSecretCommands(program, {
      stdin,
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      openStore: () => openStore(home),
    });
    try {
      await program.parseAsync(['node', 'switchyard', ...args]);
      return { stdout, stderr };
    } catch (error) {
      return { stdout, stderr, error };
    }
  }

  it('sets from piped stdin (one trailing newline dropped), lists keys, removes', async () => {
    const set = await run(['secret', 'set', 'github.token'], pipedStdin('ghp_piped-value\n'));
    expect(set.error).toBeUndefined();
    expect(set.stderr).toContain('Secret "github.token" set (encrypted-file');
    expect(set.stdout + set.stderr).not.toContain('ghp_piped-value');
    expect(await (await openSecretStore({ home, backend: 'encrypted-file' })).get('github.token')).toBe('ghp_piped-value');

    await run(['secret', 'set', 'a.multi'], pipedStdin('line one\nline two\n\n'));
    expect(await (await openSecretStore({ home, backend: 'encrypted-file' })).get('a.multi')).toBe('line one\nline two\n');

    const ls = await run(['secret', 'ls']);
    expect(ls.stdout).toBe('a.multi\ngithub.token\n');
    expect(ls.stderr).toContain('Secrets backend: encrypted-file');

    const json = await run(['secret', 'ls', '--json']);
    const parsed = JSON.parse(json.stdout) as { backend: string; keys: string[]; location: string; warning?: string };
    expect(parsed).toMatchObject({ backend: 'encrypted-file', keys: ['a.multi', 'github.token'] });
    expect(parsed.warning).toMatch(/does not protect/);
    expect(json.stdout).not.toContain('ghp_piped-value');

    expect((await run(['secret', 'ls', '--server', 'github'])).stdout).toBe('github.token\n');

    const rm = await run(['secret', 'rm', 'github.token']);
    expect(rm.error).toBeUndefined();
    expect(rm.stderr).toContain('Secret "github.token" removed.');
    const again = await run(['secret', 'rm', 'github.token']);
    expect(again.error).toBeInstanceOf(SwitchyardError);
    expect((again.error as SwitchyardError).message).toContain('No secret "github.token"');
  });

  it('prints the file fallback warning once per run, on stderr', async () => {
    const result = await run(['secret', 'set', 'a.b'], pipedStdin('value-1'));
    expect(result.stderr.match(/warning: /g)?.length).toBe(1);
    expect(result.stdout).toBe('');
  });

  it('prints no warning with a keyring', async () => {
    const keyring = new MemoryKeyring();
    const result = await run(['secret', 'set', 'a.b'], pipedStdin('value-1'), (h) =>
      openSecretStore({ home: h, env: {}, probeKeyring: async () => ({ available: true, keyring }) }),
    );
    expect(result.error).toBeUndefined();
    expect(result.stderr).not.toContain('warning');
    expect(result.stderr).toContain('(keyring: OS keyring');
    expect(keyring.entries.get('a.b')).toBe('value-1');
  });

  it('refuses a value on the command line, saying why, without repeating it', async () => {
    for (const args of [
      ['secret', 'set', 'github.token', 'ghp_on-argv-123'],
      ['secret', 'set', 'github.token', 'two', 'words'],
      ['secret', 'set', 'github.token', '--', '-looks-like-an-option'],
      ['secret', 'set', 'github.token', '--value=ghp_as-an-option'],
      ['secret', 'set', 'github.token', '-p', 'ghp_after-a-flag'],
    ]) {
      const result = await run(args, pipedStdin('piped'));
      expect(result.error, args.join(' ')).toBeInstanceOf(SwitchyardError);
      const text = (result.error as SwitchyardError).describe();
      expect(text).toMatch(/Refusing to take a secret value from the command line/);
      expect(text).toMatch(/process list/);
      expect(text).toMatch(/shell history/);
      expect(text).toContain('printf %s "$VALUE" | switchyard secret set github.token');
      expect(text).not.toContain(args.at(-1));
      expect(result.stdout + result.stderr).not.toContain(args.at(-1));
    }
    expect(await (await openSecretStore({ home, backend: 'encrypted-file' })).list()).toEqual([]);
  });

  it('refuses an empty stdin and a bad key before touching the store', async () => {
    const empty = await run(['secret', 'set', 'a.b'], pipedStdin(''));
    expect((empty.error as Error).message).toMatch(/No value for secret "a.b" on standard input/);
    const bad = await run(['secret', 'set', 'NoDot'], pipedStdin('value'));
    expect((bad.error as Error).message).toMatch(/"NoDot" is not of the form <server>\.<name>/);
  });

  it('prompts on a terminal with the input hidden (raw mode, nothing echoed)', async () => {
    const stream = new PassThrough();
    const rawModes: boolean[] = [];
    const stdin = Object.assign(stream, { isTTY: true, setRawMode: (mode: boolean) => rawModes.push(mode) });
    const pending = run(['secret', 'set', 'a.typed'], stdin);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stream.write('typed-secreX');
    stream.write('\u007f'); // backspace
    stream.write('t\r');
    const result = await pending;
    expect(result.error).toBeUndefined();
    expect(result.stderr).toContain('Value for a.typed (input hidden): ');
    expect(result.stdout + result.stderr).not.toContain('typed-secret');
    expect(rawModes).toEqual([true, false]);
    expect(await (await openSecretStore({ home, backend: 'encrypted-file' })).get('a.typed')).toBe('typed-secret');
  });

  it('Ctrl-C at the prompt cancels without storing', async () => {
    const stream = new PassThrough();
    const stdin = Object.assign(stream, { isTTY: true, setRawMode: () => undefined });
    const pending = run(['secret', 'set', 'a.typed'], stdin);
    await new Promise((resolve) => setTimeout(resolve, 20));
    stream.write('half\u0003');
    const result = await pending;
    expect((result.error as Error).message).toMatch(/Cancelled/);
    expect(await (await openSecretStore({ home, backend: 'encrypted-file' })).list()).toEqual([]);
  });

  it('has help for set that shows how to pass a value', async () => {
    const result = await run(['secret', 'set', '--help']);
    expect(result.error).toBeInstanceOf(CommanderError);
    expect(result.stdout).toContain('printf %s "$TOKEN" | switchyard secret set');
  });
});
