import { describe, expect, it } from 'vitest';
import { runCommandHook } from '../../../electron/hooks/command-hook.js';
import { HookFailure } from '../../../electron/hooks/hook-protocol.js';

/** A real child process: `node -e SCRIPT`, with the request on its stdin. */
const node = (script: string) => [process.execPath, '-e', script];
const readStdin = `let input = ''; process.stdin.on('data', (c) => (input += c)); process.stdin.on('end', () => answer(JSON.parse(input)));`;

describe('command hooks', () => {
  it('gets the request on stdin and answers on stdout', async () => {
    const out = await runCommandHook({
      command: node(
        `${readStdin} function answer(req) { process.stdout.write(JSON.stringify({ action: 'rewrite', arguments: { message: req.arguments.message.toUpperCase() } })); }`,
      ),
      input: JSON.stringify({ arguments: { message: 'quiet' } }),
      timeoutMs: 10_000,
    });
    expect(JSON.parse(out)).toEqual({ action: 'rewrite', arguments: { message: 'QUIET' } });
  });

  it('runs with only PATH and HOME in its environment and no shell', async () => {
    process.env.SWITCHYARD_TEST_TOKEN = 'must-not-leak';
    try {
      const out = await runCommandHook({
        command: node(`process.stdout.write(JSON.stringify(Object.keys(process.env).sort()))`),
        input: '{}',
        timeoutMs: 10_000,
      });
      expect(JSON.parse(out)).toEqual(expect.arrayContaining(['PATH']));
      expect((JSON.parse(out) as string[]).filter((key) => key !== 'PATH' && key !== 'HOME')).toEqual([]);
    } finally {
      delete process.env.SWITCHYARD_TEST_TOKEN;
    }
    // Shell syntax is passed as a plain argument, never interpreted.
    const out = await runCommandHook({ command: [...node('process.stdout.write(process.argv[1])'), '$(echo hi); exit 3'], input: '', timeoutMs: 10_000 });
    expect(out).toBe('$(echo hi); exit 3');
  });

  it('fails on a non-zero exit, passing its stderr to the log', async () => {
    const logged: string[] = [];
    const run = runCommandHook({
      command: node(`console.error('policy file missing'); process.exit(4)`),
      input: '{}',
      timeoutMs: 10_000,
      onStderr: (text) => logged.push(text),
    });
    await expect(run).rejects.toThrow(HookFailure);
    await expect(run).rejects.toThrow('exited with code 4');
    expect(logged).toEqual(['policy file missing']);
  });

  it('stops a hook that does not answer in time', async () => {
    const run = runCommandHook({ command: node('setInterval(() => {}, 1000)'), input: '{}', timeoutMs: 300 });
    await expect(run).rejects.toThrow('did not answer within 300 ms (it was stopped)');
  });

  it('fails clearly when the program does not exist', async () => {
    await expect(runCommandHook({ command: ['/nonexistent/switchyard-hook'], input: '{}', timeoutMs: 10_000 })).rejects.toThrow(
      /could not be started \(\/nonexistent\/switchyard-hook: .*ENOENT/,
    );
  });

  it('does not mind a hook that never reads its input', async () => {
    await expect(runCommandHook({ command: node(`process.stdout.write('{}')`), input: 'x'.repeat(1024 * 1024), timeoutMs: 10_000 })).resolves.toBe('{}');
  });
});
