import { spawn } from 'node:child_process';
import { answerMaxBytes, HookFailure } from './hook-protocol.js';

/** How much of a hook's stderr reaches the log. */
export const stderrMaxBytes = 4 * 1024;

export interface CommandHookRun {
  command: string[];
  /** The request, as JSON text, written to stdin. */
  input: string;
  timeoutMs: number;
  /** Receives the hook's stderr (capped) once it exits, when there was any. */
  onStderr?: (text: string) => void;
}

/**
 * Runs a command hook: argv as given, no shell, only PATH and HOME in its environment (the gateway's own
 * environment may hold tokens), the request on stdin. Resolves with its stdout; a spawn error, a non-zero
 * exit, too much output or the timeout (the process is killed) throws HookFailure.
 */
export function runCommandHook({ command, input, timeoutMs, onStderr }: CommandHookRun): Promise<string> {
  const [program, ...args] = command;
  if (!program) return Promise.reject(new HookFailure('has an empty command'));
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: minimalEnvironment(), shell: false, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let failure: HookFailure | undefined;
    const fail = (problem: HookFailure) => {
      failure ??= problem;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => fail(new HookFailure(`did not answer within ${timeoutMs} ms (it was stopped)`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > answerMaxBytes) return fail(new HookFailure(`wrote more than ${answerMaxBytes} bytes to stdout`));
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < stderrMaxBytes) stderr += chunk.toString('utf8').slice(0, stderrMaxBytes - stderr.length);
    });
    // A hook that exits without reading its input closes the pipe: that is its business, not an error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    child.on('error', (error) => {
      clearTimeout(timer);
      // Not always followed by 'close' (a program that does not exist never ran): settle here.
      reject(failure ?? new HookFailure(`could not be started (${program}: ${error.message})`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (stderr.trim() !== '') onStderr?.(stderr.trimEnd());
      if (failure) return reject(failure);
      if (code !== 0) return reject(new HookFailure(code === null ? `was killed by ${signal ?? 'a signal'}` : `exited with code ${code}`));
      resolve(Buffer.concat(stdout).toString('utf8'));
    });
  });
}

function minimalEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME'] as const) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}
