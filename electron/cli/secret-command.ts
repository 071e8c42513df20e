import type { Command } from 'commander';
import { SwitchyardError } from '../../shared/errors.js';
import type { EngineServices } from '../app/engine-services.js';
import { assertSecretKey, keysOfServer, type SecretStore } from '../secrets/secret-store.js';
import { resolveSecretKey, serverNameOrGiven } from '../servers/server-names.js';

/** What the secret commands touch of the outside world; tests pass their own. */
export interface SecretCommandIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** The secret store the composition root opened. */
  openStore: () => Promise<SecretStore>;
  /** A key or server name as the user typed it, by the one naming rule (`SQLite.token` -> `sqlite.token`); as given without it. */
  resolveKey?: (key: string) => string;
  resolveServer?: (name: string) => string;
}

/** The terminal, and the secret store of the CLI's services. */
export function secretCommandIo(services: () => EngineServices): SecretCommandIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    openStore: () => services().secrets(),
    resolveKey: (key) => resolveSecretKey(key, services().settings.load().settings),
    resolveServer: (name) => serverNameOrGiven(name, services().settings.load().settings),
  };
}

/** Largest value accepted from stdin: a PEM key or a service-account JSON fits easily; a stray file does not. */
const maxValueBytes = 1024 * 1024;

/**
 * `switchyard secret set|ls|rm`. A value never comes from the command line (argv is visible to every user in
 * the process list and is kept in shell history): it is read from stdin when piped, or typed at a hidden
 * prompt on a terminal. Values are never printed.
 */
export function registerSecretCommands(program: Command, io: SecretCommandIo): void {
  const secret = program.command('secret').description('Manage the secrets MCP servers get (values never shown)');
  let warned = false;
  const open = async (): Promise<SecretStore> => {
    const store = await io.openStore();
    if (store.warning && !warned) {
      warned = true;
      io.stderr.write(`switchyard: warning: ${store.warning}\n`);
    }
    return store;
  };

  secret
    .command('set')
    .description('Set a secret; the value comes from stdin when piped, else from a hidden prompt')
    .argument('<key>', 'secret key, <server>.<name> (e.g. github.personal_access_token)')
    .argument('[value...]', 'refused: values are never taken from the command line')
    // `--value=...` and the like land in [value...] and are refused below, instead of being echoed back by
    // commander's "unknown option" error.
    .allowUnknownOption()
    .addHelpText(
      'after',
      '\nExamples:\n  switchyard secret set github.personal_access_token          (prompts, input hidden)\n  printf %s "$TOKEN" | switchyard secret set github.personal_access_token\n  switchyard secret set github.personal_access_token < token.txt',
    )
    .action(async (given: string, extra: string[]) => {
      const key = io.resolveKey?.(given) ?? given;
      if (extra.length > 0) {
        // Deliberately does not repeat the extra arguments: they are probably the secret.
        throw new SwitchyardError(
          'INVALID_INPUT',
          'Refusing to take a secret value from the command line: arguments are visible to other users in the process list and are saved in your shell history.',
          `Pipe the value in: printf %s "$VALUE" | switchyard secret set ${key}\n  or run "switchyard secret set ${key}" alone and type it at the hidden prompt. Consider the value you typed exposed and rotate it.`,
        );
      }
      assertSecretKey(key);
      const store = await open(); // first: a store that cannot be opened should not cost the user typing the value
      const value = io.stdin.isTTY ? await promptHidden(io, `Value for ${key} (input hidden): `) : await readPipedValue(io.stdin, key);
      await store.set(key, value);
      io.stderr.write(`Secret "${key}" set (${describeBackend(store)}).\n`);
    });

  secret
    .command('ls')
    .description('List the keys of stored secrets (never their values)')
    .option('--json', 'machine-readable output')
    .option('--server <name>', 'only the secrets of this server')
    .action(async (options: { json?: boolean; server?: string }) => {
      const store = await open();
      const all = await store.list();
      const keys = options.server ? keysOfServer(all, io.resolveServer?.(options.server) ?? options.server) : all;
      if (options.json) {
        const out = { backend: store.backend, location: store.location, ...(store.warning ? { warning: store.warning } : {}), keys };
        io.stdout.write(JSON.stringify(out, null, 2) + '\n');
        return;
      }
      io.stderr.write(`Secrets backend: ${describeBackend(store)}\n`);
      if (keys.length === 0) {
        io.stderr.write(options.server ? `No secrets for server "${options.server}".\n` : 'No secrets set. Set one: switchyard secret set <server>.<name>\n');
        return;
      }
      for (const key of keys) io.stdout.write(`${key}\n`);
    });

  secret
    .command('rm')
    .description('Remove a secret')
    .argument('<key>', 'secret key, <server>.<name>')
    .action(async (given: string) => {
      const key = io.resolveKey?.(given) ?? given;
      assertSecretKey(key);
      const store = await open();
      if (!(await store.delete(key))) {
        const server = key.slice(0, key.indexOf('.'));
        const near = keysOfServer(await store.list(), server);
        throw new SwitchyardError(
          'INVALID_INPUT',
          `No secret "${key}" is set.`,
          near.length > 0 ? `Secrets of "${server}": ${near.join(', ')}` : 'List them with: switchyard secret ls',
        );
      }
      io.stderr.write(`Secret "${key}" removed.\n`);
    });
}

function describeBackend(store: SecretStore): string {
  return `${store.backend}: ${store.location}`;
}

/** All of stdin, less one trailing newline (what `echo` and most editors add). */
export async function readPipedValue(stdin: NodeJS.ReadableStream, key: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > maxValueBytes) throw new SwitchyardError('INVALID_INPUT', `The value piped for secret "${key}" is larger than ${maxValueBytes} bytes.`);
    chunks.push(buffer);
  }
  const all = Buffer.concat(chunks);
  const value = all.toString('utf8').replace(/\r?\n$/, '');
  all.fill(0);
  if (value.length === 0) {
    throw new SwitchyardError(
      'INVALID_INPUT',
      `No value for secret "${key}" on standard input.`,
      `Pipe it in (printf %s "$VALUE" | switchyard secret set ${key}) or run the command in a terminal to be prompted.`,
    );
  }
  return value;
}

/** Reads one line from a terminal without echoing it. Ctrl-C or Ctrl-D on an empty line aborts. */
export function promptHidden(io: Pick<SecretCommandIo, 'stdin' | 'stderr'>, question: string): Promise<string> {
  const { stdin, stderr } = io;
  return new Promise((resolve, reject) => {
    let value = '';
    const wasRaw = (stdin as { isRaw?: boolean }).isRaw === true;
    const finish = (error?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(wasRaw);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        switch (char) {
          case '\r':
          case '\n':
            if (value.length === 0) return finish(new SwitchyardError('INVALID_INPUT', 'No value entered; nothing was changed.'));
            return finish();
          case '\u0003': // Ctrl-C
            return finish(new SwitchyardError('INVALID_INPUT', 'Cancelled; nothing was changed.'));
          case '\u0004': // Ctrl-D
            if (value.length === 0) return finish(new SwitchyardError('INVALID_INPUT', 'Cancelled; nothing was changed.'));
            return finish();
          case '\u007f': // Backspace (DEL) and Ctrl-H
          case '\b':
            value = [...value].slice(0, -1).join('');
            break;
          case '\u0015': // Ctrl-U: clear the line
            value = '';
            break;
          default:
            if (char >= ' ') value += char;
        }
      }
    };
    stderr.write(question);
    stdin.setRawMode?.(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}
