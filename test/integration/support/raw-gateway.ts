import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cliPath } from './gateway-process.js';

/** `switchyard gateway run` driven by raw JSON-RPC lines, for the inputs a well-behaved SDK client never sends. */
export class RawGateway {
  readonly child: ChildProcessWithoutNullStreams;
  stderr = '';
  private stdout = '';
  private readonly waiters: Array<() => void> = [];
  /** Exit code, milliseconds since spawn, and the wall-clock time of the exit. */
  readonly exited: Promise<{ code: number | null; ms: number; at: number }>;

  constructor(args: string[], env: Record<string, string>) {
    const started = Date.now();
    this.child = spawn(process.execPath, [cliPath, 'gateway', 'run', ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve({ code, ms: Date.now() - started, at: Date.now() })));
  }

  write(line: string): void {
    this.child.stdin.write(line + '\n');
  }

  /** The next stdout message (parsed), waiting up to timeoutMs. */
  async nextMessage(timeoutMs = 20_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const newline = this.stdout.indexOf('\n');
      if (newline !== -1) {
        const line = this.stdout.slice(0, newline);
        this.stdout = this.stdout.slice(newline + 1);
        return JSON.parse(line) as Record<string, unknown>;
      }
      if (Date.now() > deadline) throw new Error(`no message on stdout within ${timeoutMs} ms; stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    await this.exited;
  }
}

export const initializeLine = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
