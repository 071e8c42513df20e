import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A minimal MCP client over stdio for the benchmark: newline-delimited JSON-RPC on a child's stdin/stdout, a
 * map from request id to its waiting caller, nothing else. The SDK client validates every message with zod and
 * spends more CPU per call than a gateway does, so with 16 calls in flight it, not the gateway, sets the pace;
 * this client lets the gateway's own CPU cost show.
 */
export class LeanStdioClient {
  private readonly waiting = new Map<number, { resolve(value: { result?: unknown; error?: unknown }): void }>();
  private nextId = 1;
  private buffered = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => this.onData(chunk));
  }

  /** Spawns `command args`, then does the initialize handshake. */
  static async spawn(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<LeanStdioClient> {
    const client = new LeanStdioClient(spawn(command, args, { env, stdio: ['pipe', 'pipe', 'inherit'] }));
    await client.request('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'bench-lean', version: '1' } });
    client.child.stdin!.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
    return client;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The same shape as the SDK client's callTool, for the shared bench loops. */
  async callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<{ content: unknown }> {
    const answer = await this.request('tools/call', params);
    if (answer.error) throw new Error(`tools/call failed: ${JSON.stringify(answer.error)}`);
    return answer.result as { content: unknown };
  }

  async close(): Promise<void> {
    this.child.stdin!.end();
    await new Promise((resolve) => (this.child.exitCode === null ? this.child.once('exit', resolve) : resolve(undefined)));
  }

  private request(method: string, params: unknown): Promise<{ result?: unknown; error?: unknown }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve });
      this.child.stdin!.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
    });
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    let newline = this.buffered.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffered.slice(0, newline);
      this.buffered = this.buffered.slice(newline + 1);
      if (line.trim() !== '') this.onMessage(JSON.parse(line) as { id?: number; result?: unknown; error?: unknown });
      newline = this.buffered.indexOf('\n');
    }
  }

  private onMessage(message: { id?: number; result?: unknown; error?: unknown }): void {
    if (typeof message.id !== 'number') return; // notifications, and requests this client does not serve
    const waiter = this.waiting.get(message.id);
    if (!waiter) return;
    this.waiting.delete(message.id);
    waiter.resolve(message);
  }
}
